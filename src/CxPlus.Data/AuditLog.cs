using CxPlus.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CxPlus.Data;

/// <summary>What the audit page lists and filters.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Target, string Outcome);

/// <summary>
/// The audit trail: sign-ins, exports, uploads, imports, undos, renames, merges and user changes,
/// each with who, what and the outcome, never respondent data or passwords. Every event is a row
/// in <c>audit_events</c> (the administrators' audit page) and a line in the log category
/// <see cref="Category"/>, with every value made printable (<see cref="Names.Printable"/>), so a
/// name holding a line break cannot forge a log line.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource, TimeProvider clock, ILoggerFactory? logs = null)
{
    /// <summary>The log category of audit events, apart from the application's own diagnostics.</summary>
    public const string Category = "CxPlus.Audit";

    private readonly ILogger _log = (logs ?? NullLoggerFactory.Instance).CreateLogger(Category);

    /// <summary>Records an event: in the caller's transaction when a connection is given, else on its own.</summary>
    public async Task RecordAsync(string actor, string action, string target, string outcome, NpgsqlConnection? connection = null, CancellationToken ct = default)
    {
        (actor, target, outcome) = (Clip(Names.Printable(actor), 256), Clip(Names.Printable(target), 1000), Clip(Names.Printable(outcome), 500));
        _log.LogInformation("{Action} {Target} by {Actor}: {Outcome}", action, target, actor, outcome);
        const string sql = "INSERT INTO audit_events (at, actor, action, target, outcome) VALUES ($1, $2, $3, $4, $5)";
        try
        {
            await using var command = connection is null ? dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, connection);
            foreach (var value in new object[] { clock.GetUtcNow(), actor, action, target, outcome }) command.Parameters.Add(new() { Value = value });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (connection is null && e is NpgsqlException or InvalidOperationException)
        {
            // An event about an operation that already happened is not undone by a failed audit write; the log line stands.
            _log.LogWarning("Audit row not written for {Action} {Target} by {Actor} ({Error})", action, target, actor, e.GetType().Name);
        }
    }

    /// <summary>Events, newest first, filtered by person (part of the name), action and date range (UTC days, inclusive).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? actor = null, string? action = null, DateOnly? from = null, DateOnly? to = null,
        int limit = 500, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, at, actor, action, target, outcome FROM audit_events
            WHERE ($1::text IS NULL OR actor ILIKE '%' || $1 || '%')
              AND ($2::text IS NULL OR action = $2)
              AND ($3::timestamptz IS NULL OR at >= $3)
              AND ($4::timestamptz IS NULL OR at < $4)
            ORDER BY at DESC, id DESC LIMIT $5
            """);
        command.Parameters.Add(new() { Value = string.IsNullOrWhiteSpace(actor) ? DBNull.Value : Escape(actor.Trim()), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = string.IsNullOrWhiteSpace(action) ? DBNull.Value : action, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = from is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = to is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = Math.Clamp(limit, 1, 5000) });
        var result = new List<AuditEntry>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result.Add(new AuditEntry(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)));
        return result;
    }

    /// <summary>The actions recorded so far, for the audit page's filter.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT DISTINCT action FROM audit_events ORDER BY action");
        var result = new List<string>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result.Add(r.GetString(0));
        return result;
    }

    private static string Escape(string like) => like.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
