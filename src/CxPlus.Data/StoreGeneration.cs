using Npgsql;

namespace CxPlus.Data;

/// <summary>
/// The store generation (design.md, "A store generation"): one counter that every change able to
/// alter a number (import, undo, replace, rename, merge, rollup rebuild) bumps inside its own
/// transaction. Cached results are keyed by it, so a cache can never serve a number older than
/// the last committed change.
/// </summary>
public static class StoreGeneration
{
    /// <summary>Bumps the generation inside the caller's transaction.</summary>
    public static async Task BumpAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("UPDATE store_state SET generation = generation + 1 WHERE id = 1", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The current generation.</summary>
    public static async Task<long> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT generation FROM store_state WHERE id = 1", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
