using Npgsql;

namespace CxPlus.Data;

/// <summary>
/// The store generations (design.md, "A store generation"): one counter that every change able to
/// alter a number (import, undo, replace, rename, merge, rollup rebuild) bumps inside its own
/// transaction, and one that every change able to end someone's access (token revoked, user
/// disabled, roles changed) bumps. Cached results are keyed by them, so a cache can never serve a
/// number older than the last committed change. Each bump also notifies <see cref="Channel"/>;
/// PostgreSQL delivers the notification at commit, to every instance (<see cref="StoreChanges"/>).
/// </summary>
public static class StoreGeneration
{
    /// <summary>The LISTEN/NOTIFY channel the bumps notify.</summary>
    public const string Channel = "cxplus_changes";

    /// <summary>Bumps the data generation inside the caller's transaction.</summary>
    public static async Task BumpAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE store_state SET generation = generation + 1 WHERE id = 1; SELECT pg_notify('{Channel}', 'data')", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The SQL that bumps the accounts generation (run inside the change's transaction).</summary>
    public const string BumpAccountsSql =
        $"UPDATE store_state SET accounts_generation = accounts_generation + 1 WHERE id = 1; SELECT pg_notify('{Channel}', 'accounts')";
}
