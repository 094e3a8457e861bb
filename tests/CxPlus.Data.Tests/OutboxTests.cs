using CxPlus.Data.Accounts;
using CxPlus.Data.Importing;
using CxPlus.Data.Releases;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Data.Tests;

/// <summary>
/// Issue 30's outbox: a release queues one message per subscriber in its own transaction (none for a
/// draft, a disabled account or a sector not followed); a failure is tried again later, a refusal or
/// too many failures mark it failed with the reason; nothing is lost or sent twice.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private readonly PostgresDatabase _db = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _services = _db.StoreServices();
        (await new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(Samples.Path("worked-example.csv"), new ImportOptions("worked-example.csv", "test"))).Succeeded.Should().BeTrue();
        var accounts = _services.GetRequiredService<UserAccounts>();
        foreach (var email in new[] { "ann@agency.example.com", "gone@agency.example.com" })
            await accounts.CreateAsync(email, "a long enough password", [AccountRoles.Viewer]);
        await using var sector = _db.DataSource.CreateCommand("SELECT id FROM sectors");
        var sectorId = (int)(await sector.ExecuteScalarAsync())!;
        var deliveries = _services.GetRequiredService<Deliveries>();
        foreach (var email in new[] { "ann@agency.example.com", "gone@agency.example.com" })
            await deliveries.SaveAsync(await IdAsync(email), new Subscription { Language = "en", SectorIds = [sectorId] });
        await accounts.DisableAsync("gone@agency.example.com", by: "admin@example.com");
    }

    private async Task<string> IdAsync(string email)
    {
        await using var command = _db.DataSource.CreateCommand("SELECT id FROM users WHERE email = $1");
        command.Parameters.Add(new() { Value = email });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_failure_is_tried_again_later_and_marked_failed_after_the_last_attempt_or_at_once_when_refused()
    {
        var deliveries = _services.GetRequiredService<Deliveries>();
        (await deliveries.SendNextAsync(_ => throw new InvalidOperationException("nothing is due for a draft"), 3, default)).Should().BeFalse();
        await _services.GetRequiredService<WaveReleases>().ReleaseAsync("2026-Q3", null, "dm@example.com");
        (await deliveries.RecentAsync()).Should().ContainSingle("the disabled account gets nothing").Which.Email.Should().Be("ann@agency.example.com");

        // The mail server cannot be reached: tried again later, not now.
        (await deliveries.SendNextAsync(_ => Task.FromResult<(string, bool)?>(("connection refused", true)), 3, default)).Should().BeTrue();
        (await deliveries.SendNextAsync(_ => throw new InvalidOperationException("not due yet"), 3, default)).Should().BeFalse();
        var waiting = (await deliveries.RecentAsync()).Single();
        (waiting.Attempts, waiting.SentAt, waiting.FailedAt, waiting.LastError).Should().Be((1, null, null, "connection refused"));

        // Due again (as 30 seconds later), refused for good: failed with the reason, never tried again.
        await using (var due = _db.DataSource.CreateCommand("UPDATE outbox SET next_attempt_at = now()")) await due.ExecuteNonQueryAsync();
        (await deliveries.SendNextAsync(m => Task.FromResult<(string, bool)?>(($"550 mailbox {m.Email} unknown", false)), 3, default)).Should().BeTrue();
        var failed = (await deliveries.RecentAsync()).Single();
        (failed.Attempts, failed.FailedAt is not null, failed.LastError).Should().Be((2, true, "550 mailbox ann@agency.example.com unknown"));
        await using (var due = _db.DataSource.CreateCommand("UPDATE outbox SET next_attempt_at = now()")) await due.ExecuteNonQueryAsync();
        (await deliveries.SendNextAsync(_ => throw new InvalidOperationException("a failed message is not sent"), 3, default)).Should().BeFalse();
    }

    [Fact]
    public async Task A_sender_that_dies_mid_send_leaves_the_message_for_the_next_and_the_same_release_is_never_queued_twice()
    {
        var deliveries = _services.GetRequiredService<Deliveries>();
        await _services.GetRequiredService<WaveReleases>().ReleaseAsync("2026-Q3", null, "dm@example.com");
        var dying = () => deliveries.SendNextAsync(_ => throw new IOException("the instance stops"), 3, default);
        await dying.Should().ThrowAsync<IOException>();
        var sent = new List<long>();
        (await deliveries.SendNextAsync(m => { sent.Add(m.Id); return Task.FromResult<(string, bool)?>(null); }, 3, default)).Should().BeTrue();
        sent.Should().ContainSingle();
        (await deliveries.RecentAsync()).Single().Should().Match<OutboxEntry>(m => m.SentAt != null && m.Attempts == 1);

        await _services.GetRequiredService<WaveReleases>().ReleaseAsync("2026-Q3", null, "dm@example.com");
        (await deliveries.RecentAsync()).Should().HaveCount(1, "asking for the same release again queues nothing");
    }

    [Fact]
    public async Task Who_chose_the_weekly_digest_hears_of_a_release_once_in_the_digest_of_its_week_and_not_at_the_release()
    {
        var deliveries = _services.GetRequiredService<Deliveries>();
        var releases = _services.GetRequiredService<WaveReleases>();
        var ann = await IdAsync("ann@agency.example.com");
        var mine = (await deliveries.SubscriptionAsync(ann))!;
        mine.Weekly = true;
        mine.AlertKinds = ["verdict-change", "gap-negative"];
        await deliveries.SaveAsync(ann, mine);
        (await deliveries.SubscriptionAsync(ann)).Should().Match<Subscription>(s => s.Weekly && s.AlertKinds.SequenceEqual(new[] { "verdict-change", "gap-negative" }));
        var end = new DateTimeOffset(DateTime.UtcNow.AddMinutes(5).Ticks / 10 * 10, TimeSpan.Zero); // microseconds, as PostgreSQL keeps them
        var week = (From: end.AddDays(-7), To: end);

        await releases.ReleaseAsync("2026-Q3", null, "dm@example.com");
        (await deliveries.RecentAsync()).Should().BeEmpty("a weekly reader gets no message at the release");
        (await deliveries.EnqueueDigestsAsync(end.AddDays(-7))).Should().Be(0, "nothing was released in the week before");
        (await deliveries.EnqueueDigestsAsync(end)).Should().Be(1);
        (await deliveries.EnqueueDigestsAsync(end)).Should().Be(0, "one digest per person and week, however often the week is asked for");
        (await deliveries.EnqueueDigestsAsync(end.AddMinutes(1))).Should().Be(0, "the next week starts where the last digest ended: the release is not in it");

        var entry = (await deliveries.RecentAsync()).Single();
        (entry.Email, entry.Sector, entry.Wave, entry.Digest).Should().Be(("ann@agency.example.com", null, null, (week.From, week.To)));
        (await deliveries.DigestReleasesAsync(ann, week.From, week.To)).Select(r => (r.Sector, r.Wave)).Should().Equal(("Retail Banking", "2026-Q3"));
        PendingMessage? claimed = null;
        (await deliveries.SendNextAsync(m => { claimed = m; return Task.FromResult<(string, bool)?>(null); }, 3, default)).Should().BeTrue();
        claimed!.Digest.Should().Be((week.From, week.To));
        claimed.AlertKinds.Should().Equal("verdict-change", "gap-negative");

        // A wave withdrawn before its digest goes out is not in it.
        await releases.WithdrawAsync("2026-Q3", null, "dm@example.com");
        (await deliveries.DigestReleasesAsync(ann, week.From, week.To)).Should().BeEmpty();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }
}
