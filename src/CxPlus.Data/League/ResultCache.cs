using System.Collections.Concurrent;
using CxPlus.Scoring;

namespace CxPlus.Data.League;

/// <summary>
/// Results of the league queries kept for the current data generation (<see cref="StoreChanges"/>):
/// a league table only changes when an import, undo, rename, merge or rebuild commits, and each of
/// those bumps the generation, so an entry is right until the generation moves and is then dropped
/// with all the others. While the generation is unknown nothing is cached. Concurrent requests for
/// the same result share one computation (which then runs to the end even if the first caller
/// leaves); a failure (not found, the store down) is never kept.
/// </summary>
internal sealed class ResultCache(StoreChanges? changes, int capacity = 5000)
{
    private sealed record Slot(long Generation, ConcurrentDictionary<string, Lazy<Task<object>>> Entries);

    private Slot? _slot;

    /// <summary>
    /// The result for <paramref name="key"/> (from <see cref="Key"/>; null computes without caching)
    /// in the current generation, computed once by <paramref name="compute"/>.
    /// </summary>
    public async Task<T> GetAsync<T>(string? key, Func<CancellationToken, Task<T>> compute, CancellationToken ct) where T : class
    {
        if (key is null || changes?.Data is not { } generation) return await compute(ct);
        var slot = Volatile.Read(ref _slot);
        if (slot is null || slot.Generation != generation)
        {
            var fresh = new Slot(generation, new(StringComparer.Ordinal));
            slot = Interlocked.CompareExchange(ref _slot, fresh, slot) == slot ? fresh : Volatile.Read(ref _slot)!;
            if (slot.Generation != generation) return await compute(ct); // the generation moved meanwhile
        }
        // A crude bound that is enough here: a store has a few hundred tables, not thousands.
        if (slot.Entries.Count >= capacity) slot.Entries.Clear();
        var entry = slot.Entries.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await compute(CancellationToken.None)));
        try
        {
            return (T)await entry.Value.WaitAsync(ct);
        }
        catch when (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            slot.Entries.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>A cache key from its parts; null (do not cache) when a name is not a legal name at all.</summary>
    public static string? Key(string what, params string?[] names)
    {
        var parts = new string[names.Length + 1];
        parts[0] = what;
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i] is not { } name) { parts[i + 1] = "\u0001"; continue; } // "none", distinct from every legal name
            if (Names.Problem(name) is not null) return null;
            parts[i + 1] = Names.Key(name);
        }
        return string.Join('\u0000', parts);
    }
}
