using Npgsql;

namespace CxPlus.Data.Accounts;

/// <summary>
/// Locks sign-in for one account from one client address after wrong passwords, with a delay that
/// doubles with every further failure: the 5th locks the pair for a minute, the 6th for two, … up
/// to <see cref="LongestLock"/>. Identity's own lockout locked the whole account, so anyone who
/// knew an address could keep its owner out for good by typing five wrong passwords every quarter
/// of an hour; here the owner signs in from their own address while the guesser waits. Kept in the
/// store so every instance counts the same failures; a pair forgotten a day after its last failure.
/// </summary>
public sealed class SignInLocks(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Wrong passwords from one address allowed before its first lock.</summary>
    public const int FreeFailures = 4;
    public static readonly TimeSpan FirstLock = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestLock = TimeSpan.FromHours(1);
    public static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    /// <summary>What one address has done against one account: failures counted and the lock, if one holds now.</summary>
    public sealed record Pair(int Failures, DateTimeOffset? LockedUntil);

    public static string AccountKey(string email) => email.Trim().ToUpperInvariant();

    public async Task<Pair> FindAsync(string email, string address, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT failures, locked_until FROM sign_in_failures WHERE account = $1 AND address = $2 AND last_failure_at > $3");
        command.Parameters.Add(new() { Value = Key(email) });
        command.Parameters.Add(new() { Value = Addr(address) });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() - Memory });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return new(0, null);
        var until = reader.IsDBNull(1) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(1);
        return new(reader.GetInt32(0), until > clock.GetUtcNow() ? until : null);
    }

    /// <summary>Counts a wrong password; returns the lock it brings, if any.</summary>
    public async Task<DateTimeOffset?> FailedAsync(string email, string address, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // One statement: two instances counting at once add up, and a pair older than a day starts again.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO sign_in_failures (account, address, failures, last_failure_at) VALUES ($1, $2, 1, $3)
            ON CONFLICT (account, address) DO UPDATE
               SET failures = CASE WHEN sign_in_failures.last_failure_at > $4 THEN sign_in_failures.failures + 1 ELSE 1 END,
                   last_failure_at = $3
            RETURNING failures
            """);
        command.Parameters.Add(new() { Value = Key(email) });
        command.Parameters.Add(new() { Value = Addr(address) });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = now - Memory });
        var failures = (int)(await command.ExecuteScalarAsync(ct))!;
        if (failures <= FreeFailures) return null;
        var until = now + LockFor(failures);
        await using var lockIt = dataSource.CreateCommand("UPDATE sign_in_failures SET locked_until = $3 WHERE account = $1 AND address = $2");
        lockIt.Parameters.Add(new() { Value = Key(email) });
        lockIt.Parameters.Add(new() { Value = Addr(address) });
        lockIt.Parameters.Add(new() { Value = until });
        await lockIt.ExecuteNonQueryAsync(ct);
        return until;
    }

    /// <summary>How long the n-th failure locks its pair: 1, 2, 4, … minutes, at most <see cref="LongestLock"/>.</summary>
    public static TimeSpan LockFor(int failures)
    {
        var doublings = Math.Min(failures - FreeFailures - 1, 10);
        var minutes = FirstLock.TotalMinutes * (1 << Math.Max(0, doublings));
        return TimeSpan.FromMinutes(Math.Min(minutes, LongestLock.TotalMinutes));
    }

    /// <summary>A right password forgets that address's failures, and, once a day at most, pairs long quiet.</summary>
    public async Task SucceededAsync(string email, string address, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM sign_in_failures WHERE (account = $1 AND address = $2) OR last_failure_at < $3");
        command.Parameters.Add(new() { Value = Key(email) });
        command.Parameters.Add(new() { Value = Addr(address) });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() - Memory });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Lifts every lock on an account (an administrator's Unlock, a new password, enabling).</summary>
    public async Task UnlockAsync(string email, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM sign_in_failures WHERE account = $1");
        command.Parameters.Add(new() { Value = Key(email) });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Per account: from how many addresses it is locked now, and until when at the latest.</summary>
    public async Task<IReadOnlyDictionary<string, (int Addresses, DateTimeOffset Until)>> LockedAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT account, count(*), max(locked_until) FROM sign_in_failures WHERE locked_until > $1 GROUP BY account");
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        var locked = new Dictionary<string, (int, DateTimeOffset)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            locked[reader.GetString(0)] = ((int)reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2));
        return locked;
    }

    private static string Addr(string address) => address.Length > 64 ? address[..64] : address;

    private static string Key(string email)
    {
        var key = AccountKey(email);
        return key.Length > 256 ? key[..256] : key;
    }
}
