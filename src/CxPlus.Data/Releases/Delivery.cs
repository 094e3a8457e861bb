using Npgsql;

namespace CxPlus.Data.Releases;

/// <summary>
/// What a person wants to hear when a wave is released (issue 30): its alerts, its brand's report
/// (members), in which language. A member hears of its organisation's brands; one of the agency's
/// people of the sectors it names. One row per person.
/// </summary>
public sealed class Subscription
{
    public string UserId { get; set; } = "";
    /// <summary>Whether the message lists the alerts (else it only says the wave is released).</summary>
    public bool Alerts { get; set; } = true;
    /// <summary>Which kinds of alert it lists, by their keys (<c>score-change</c>, …); empty for every kind.</summary>
    public string[] AlertKinds { get; set; } = [];
    /// <summary>The brand report attached to a member's message: "pdf", "pptx", or null for none.</summary>
    public string? Report { get; set; }
    /// <summary>"nl" or "en".</summary>
    public string Language { get; set; } = "nl";
    /// <summary>The agency's people: the sectors they follow (a member follows its own brands' sectors).</summary>
    public int[] SectorIds { get; set; } = [];
    /// <summary>One digest a week of the releases in it (Mondays; <see cref="Deliveries.EnqueueDigestsAsync"/>) instead of a message at each release.</summary>
    public bool Weekly { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// One message to send (issue 30), put in the outbox in the release's own transaction; the sender
/// writes it (its alerts, its report) when it sends, and records the delivery or the failure here.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string Email { get; set; } = "";
    public string Language { get; set; } = "nl";
    /// <summary>The release's sector and wave; null for a weekly digest.</summary>
    public int? SectorId { get; set; }
    public int? WaveId { get; set; }
    /// <summary>
    /// When the wave was released: a withdrawal and a new release is a new message, the same release never
    /// two. For a weekly digest the end of its week (the schedule's fire time): one digest per person and week.
    /// </summary>
    public DateTimeOffset ReleasedAt { get; set; }
    /// <summary>A weekly digest: the start of its week (it lists the releases after this, up to <see cref="ReleasedAt"/>).</summary>
    public DateTimeOffset? DigestFrom { get; set; }
    public bool Alerts { get; set; }
    /// <summary>The subscription's kinds of alert when it was queued; empty for every kind.</summary>
    public string[] AlertKinds { get; set; } = [];
    public string? Report { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A message as the outbox page lists it; a weekly digest has no sector and wave of its own but its week.</summary>
public sealed record OutboxEntry(long Id, string Email, string? Sector, string? Wave, string Language, string? Report, DateTimeOffset CreatedAt, int Attempts,
    DateTimeOffset? SentAt, DateTimeOffset? FailedAt, string? LastError, (DateTimeOffset From, DateTimeOffset To)? Digest = null);

/// <summary>A message claimed for sending: who, which release (or which week's releases), what to put in it.</summary>
public sealed record PendingMessage(long Id, string UserId, string Email, string Language, string Sector, string Wave, bool Alerts, string? Report, int Attempts,
    (DateTimeOffset From, DateTimeOffset To)? Digest = null, IReadOnlyList<string>? AlertKinds = null);

/// <summary>A sector's wave released within a digest's week.</summary>
public sealed record DigestRelease(string Sector, string Wave, DateTimeOffset ReleasedAt);

/// <summary>Subscriptions and the outbox (issue 30).</summary>
public sealed class Deliveries(NpgsqlDataSource dataSource)
{
    /// <summary>A person's subscription; null while they have none.</summary>
    public async Task<Subscription?> SubscriptionAsync(string userId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT alerts, report, language, sector_ids, changed_at, weekly, alert_kinds FROM subscriptions WHERE user_id = $1");
        command.Parameters.Add(new() { Value = userId });
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new Subscription { UserId = userId, Alerts = r.GetBoolean(0), Report = r.IsDBNull(1) ? null : r.GetString(1), Language = r.GetString(2), SectorIds = r.GetFieldValue<int[]>(3), ChangedAt = r.GetFieldValue<DateTimeOffset>(4), Weekly = r.GetBoolean(5), AlertKinds = r.GetFieldValue<string[]>(6) }
            : null;
    }

    /// <summary>Saves a person's subscription, or ends it (null).</summary>
    /// <exception cref="ArgumentException">A report format other than pdf or pptx, or a language other than nl or en.</exception>
    public async Task SaveAsync(string userId, Subscription? subscription, CancellationToken ct = default)
    {
        if (subscription is { Report: not (null or "pdf" or "pptx") }) throw new ArgumentException("The report is pdf, pptx or none.");
        if (subscription is { Language: not ("nl" or "en") }) throw new ArgumentException("The language is nl or en.");
        if (subscription is not null && subscription.AlertKinds.Any(k => k.Length is 0 or > 40)) throw new ArgumentException("An alert kind is named by its key (score-change, …).");
        await using var command = dataSource.CreateCommand(subscription is null ? "DELETE FROM subscriptions WHERE user_id = $1" : """
            INSERT INTO subscriptions (user_id, alerts, report, language, sector_ids, weekly, alert_kinds, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())
            ON CONFLICT (user_id) DO UPDATE SET alerts = excluded.alerts, report = excluded.report, language = excluded.language,
                sector_ids = excluded.sector_ids, weekly = excluded.weekly, alert_kinds = excluded.alert_kinds, changed_at = excluded.changed_at
            """);
        command.Parameters.Add(new() { Value = userId });
        if (subscription is not null)
        {
            command.Parameters.Add(new() { Value = subscription.Alerts });
            command.Parameters.Add(new() { Value = (object?)subscription.Report ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = subscription.Language });
            command.Parameters.Add(new() { Value = subscription.SectorIds });
            command.Parameters.Add(new() { Value = subscription.Weekly });
            command.Parameters.Add(new() { Value = subscription.AlertKinds });
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Who hears of a sector's releases, for a subscription <c>s</c> of a user <c>u</c>: a member, when its
    /// organisation holds a brand in the sector; one of the agency's people, when they follow the sector.
    /// </summary>
    private static string Follows(string sector) => $"""
        ((u.organisation_id IS NULL AND {sector} = ANY (s.sector_ids))
         OR EXISTS (SELECT 1 FROM organisation_brands ob JOIN brands b ON b.id = ob.brand_id WHERE ob.organisation_id = u.organisation_id AND b.sector_id = {sector}))
        """;

    /// <summary>The report a message carries: a member's choice; the agency's people get none (they have the dashboard).</summary>
    private const string MembersReport = "CASE WHEN u.organisation_id IS NULL THEN NULL ELSE s.report END";

    /// <summary>
    /// Puts one message per subscriber of a released sector's wave in the outbox, inside the release's
    /// transaction: members whose organisation holds a brand in the sector, and the agency's people who
    /// follow the sector; accounts that are disabled get nothing, and those who chose the weekly digest
    /// hear of it there (<see cref="EnqueueDigestsAsync"/>). The same release is never queued twice.
    /// </summary>
    internal static async Task<int> EnqueueAsync(NpgsqlConnection connection, int sectorId, int waveId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO outbox (user_id, email, language, sector_id, wave_id, released_at, alerts, alert_kinds, report, created_at, attempts, next_attempt_at)
            SELECT s.user_id, u.email, s.language, r.sector_id, r.wave_id, r.released_at, s.alerts, s.alert_kinds,
                   {MembersReport}, now(), 0, now()
            FROM subscriptions s JOIN users u ON u.id = s.user_id
            JOIN wave_releases r ON r.sector_id = $1 AND r.wave_id = $2
            WHERE u.disabled_at IS NULL AND u.email IS NOT NULL AND NOT s.weekly AND {Follows("$1")}
            ON CONFLICT (user_id, sector_id, wave_id, released_at) DO NOTHING
            """, connection);
        command.Parameters.Add(new() { Value = sectorId });
        command.Parameters.Add(new() { Value = waveId });
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Puts one weekly digest in the outbox for each person who chose it and has releases in their week
    /// up to <paramref name="to"/>: waves released since their last digest (at most the seven days before
    /// <paramref name="to"/>) and released still, of the sectors they follow (members: their brands'
    /// sectors). The week starts where the person's last digest ended, so digests neither overlap nor
    /// leave a gap, whenever the schedule fires, however it was changed or restarted; one digest per
    /// person and end, however often (and on whichever instance) it is asked for. Returns how many were queued.
    /// </summary>
    public async Task<int> EnqueueDigestsAsync(DateTimeOffset to, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO outbox (user_id, email, language, sector_id, wave_id, released_at, digest_from, alerts, alert_kinds, report, created_at, attempts, next_attempt_at)
            SELECT s.user_id, u.email, s.language, NULL, NULL, $1, w.since, s.alerts, s.alert_kinds,
                   {MembersReport}, now(), 0, now()
            FROM subscriptions s JOIN users u ON u.id = s.user_id
            CROSS JOIN LATERAL (SELECT greatest($1 - interval '7 days',
                (SELECT max(o.released_at) FROM outbox o WHERE o.user_id = s.user_id AND o.sector_id IS NULL AND o.released_at < $1)) AS since) w
            WHERE s.weekly AND u.disabled_at IS NULL AND u.email IS NOT NULL
              AND EXISTS (SELECT 1 FROM wave_releases r WHERE r.released_at > w.since AND r.released_at <= $1 AND {Follows("r.sector_id")})
            ON CONFLICT (user_id, released_at) WHERE sector_id IS NULL DO NOTHING
            """);
        command.Parameters.Add(new() { Value = to });
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The releases a digest lists for a person: in its week, released still, of the sectors they follow (a member: its brands').</summary>
    public async Task<IReadOnlyList<DigestRelease>> DigestReleasesAsync(string userId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT sc.name, w.code, r.released_at
            FROM wave_releases r JOIN sectors sc ON sc.id = r.sector_id JOIN waves w ON w.id = r.wave_id
            JOIN users u ON u.id = $1 LEFT JOIN subscriptions s ON s.user_id = u.id
            WHERE r.released_at > $2 AND r.released_at <= $3 AND {Follows("r.sector_id")}
            ORDER BY r.released_at, sc.name_key, w.code_key
            """);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        var list = new List<DigestRelease>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new DigestRelease(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2)));
        return list;
    }

    /// <summary>
    /// Claims the next message due and holds it while <paramref name="send"/> sends it: the row stays
    /// locked (<c>FOR UPDATE SKIP LOCKED</c>) until its outcome is written, so another sender, here or
    /// on another instance, never takes it; an instance that dies mid-send leaves it unsent, for the next
    /// claim. Returns false when nothing is due.
    /// </summary>
    /// <param name="send">Sends it; returns null when delivered, else the reason and whether trying again can help.</param>
    /// <param name="maxAttempts">After this many failures a message is marked failed.</param>
    /// <param name="ct">Cancels the wait for the database.</param>
    public async Task<bool> SendNextAsync(Func<PendingMessage, Task<(string Error, bool Retry)?>> send, int maxAttempts, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        PendingMessage? message = null;
        await using (var claim = new NpgsqlCommand("""
            SELECT o.id, o.user_id, o.email, o.language, s.name, w.code, o.alerts, o.report, o.attempts, o.digest_from, o.released_at, o.alert_kinds
            FROM outbox o LEFT JOIN sectors s ON s.id = o.sector_id LEFT JOIN waves w ON w.id = o.wave_id
            WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= now()
            ORDER BY o.id LIMIT 1 FOR UPDATE OF o SKIP LOCKED
            """, connection))
        await using (var r = await claim.ExecuteReaderAsync(ct))
            if (await r.ReadAsync(ct))
                message = new PendingMessage(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? "" : r.GetString(4), r.IsDBNull(5) ? "" : r.GetString(5),
                    r.GetBoolean(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetInt32(8),
                    r.IsDBNull(9) ? null : (r.GetFieldValue<DateTimeOffset>(9), r.GetFieldValue<DateTimeOffset>(10)), r.GetFieldValue<string[]>(11));
        if (message is null) return false;
        var outcome = await send(message);
        CxPlusMetrics.Deliveries.Add(1, new KeyValuePair<string, object?>("outcome",
            outcome is not { } failed ? "sent" : failed.Retry && message.Attempts + 1 < maxAttempts ? "retry" : "failed"));
        await using (var record = new NpgsqlCommand(outcome is null
            ? "UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1"
            : """
              UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                  failed_at = CASE WHEN NOT $3 OR attempts + 1 >= $4 THEN now() END,
                  next_attempt_at = now() + make_interval(secs => 30 * power(2, attempts))
              WHERE id = $1
              """, connection))
        {
            record.Parameters.Add(new() { Value = message.Id });
            if (outcome is { } failure)
            {
                record.Parameters.Add(new() { Value = failure.Error.Length > 1000 ? failure.Error[..1000] : failure.Error });
                record.Parameters.Add(new() { Value = failure.Retry });
                record.Parameters.Add(new() { Value = maxAttempts });
            }
            await record.ExecuteNonQueryAsync(CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <summary>The sectors one of the agency's people may follow, by name.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> SectorsAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name FROM sectors ORDER BY name_key");
        var list = new List<(int, string)>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add((r.GetInt32(0), r.GetString(1)));
        return list;
    }

    /// <summary>The newest messages, for the outbox page.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> RecentAsync(int count = 200, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT o.id, o.email, s.name, w.code, o.language, o.report, o.created_at, o.attempts, o.sent_at, o.failed_at, o.last_error, o.digest_from, o.released_at
            FROM outbox o LEFT JOIN sectors s ON s.id = o.sector_id LEFT JOIN waves w ON w.id = o.wave_id
            ORDER BY o.id DESC LIMIT $1
            """);
        command.Parameters.Add(new() { Value = count });
        var list = new List<OutboxEntry>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new OutboxEntry(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
                r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetString(10),
                r.IsDBNull(11) ? null : (r.GetFieldValue<DateTimeOffset>(11), r.GetFieldValue<DateTimeOffset>(12))));
        return list;
    }
}
