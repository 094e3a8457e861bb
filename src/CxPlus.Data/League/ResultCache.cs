using System.Collections.Concurrent;
using CxPlus.Scoring;

namespace CxPlus.Data.League;

/// <summary>
/// Results of the league queries kept for the current data generation (<see cref="StoreChanges"/>):
/// a league table only changes when an import, undo, rename, merge or rebuild commits, and each of
/// those bumps the generation, so an entry is right until the generation moves and is then dropped
/// with all the others. While the generation is unknown nothing is cached. Concurrent requests for
/// the same result share one computation, so at most one of each runs at a time; when every caller
/// waiting for it has gone (cancelled its request), the computation is cancelled too. A failure (not
/// found, the store down, a cancellation) is never kept.
/// </summary>
internal sealed class ResultCache(StoreChanges? changes, int capacity = 5000)
{
    /// <summary>One shared computation and how many callers still wait for it.</summary>
    private sealed class Entry(Func<CancellationToken, Task<object>> compute)
    {
        private readonly Lock _gate = new();
        private readonly CancellationTokenSource _cancel = new();
        private readonly Lazy<Task<object>> _task = new(() => compute(CancellationToken.None));
        private int _waiters;

        public Task<object> Task => _task.Value;

        public Entry Start()
        {
            _ = _task.Value;
            return this;
        }

        public static Entry For<T>(Func<CancellationToken, Task<T>> compute) where T : class
        {
            Entry? entry = null;
            entry = new Entry(async _ => await compute(entry!._cancel.Token));
            return entry;
        }

        /// <summary>Counts a caller in; false when the computation was already abandoned.</summary>
        public bool Join()
        {
            lock (_gate)
            {
                if (_cancel.IsCancellationRequested) return false;
                _waiters++;
                return true;
            }
        }

        /// <summary>Counts a caller out; the last one to leave before the result abandons the computation.</summary>
        public void Leave(bool cancelled)
        {
            lock (_gate)
            {
                if (--_waiters == 0 && cancelled && !Task.IsCompleted) _cancel.Cancel();
            }
        }
    }

    private sealed record Slot(long Generation, ConcurrentDictionary<string, Entry> Entries);

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
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var hit = slot.Entries.TryGetValue(key, out var entry);
            entry ??= slot.Entries.GetOrAdd(key, _ => Entry.For(compute));
            CxPlusMetrics.CacheLookups.Add(1, new("kind", KindOf(key)), new("result", hit ? "hit" : "miss"));
            if (!entry.Join())
            {
                // Abandoned by its last caller a moment ago: this caller starts afresh.
                slot.Entries.TryRemove(KeyValuePair.Create(key, entry));
                continue;
            }
            var cancelled = false;
            try
            {
                return (T)await entry.Start().Task.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                cancelled = true;
                throw;
            }
            catch when (entry.Task.IsFaulted || entry.Task.IsCanceled)
            {
                slot.Entries.TryRemove(KeyValuePair.Create(key, entry));
                throw;
            }
            finally
            {
                entry.Leave(cancelled);
                if (cancelled && entry.Task.IsCanceled) slot.Entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    /// <summary>The kind of result a key holds (its first part: league, themes, …), for the metrics; one string per kind, so a lookup allocates none.</summary>
    private static string KindOf(string key)
    {
        var kind = key.AsSpan(0, key.IndexOf('\u0000') is var end and >= 0 ? end : key.Length);
        return KindNames.TryGetValue(kind, out var name) ? name : Kinds.GetOrAdd(kind.ToString(), k => k);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Kinds = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KindNames =
        Kinds.GetAlternateLookup<ReadOnlySpan<char>>();

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
