using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using CxPlus.Data.Importing;
using CxPlus.Data.Releases;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using CxPlus.Web.Features.Releases;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CxPlus.Web.Tests;

/// <summary>
/// Issue 30's delivery against a real SMTP server on loopback (the SmtpServer package, hosted in the
/// test): a release puts one message per subscriber in the outbox in its own transaction, the sender
/// writes each in its reader's language with a member's brand report attached, and nothing goes out for
/// a draft; two senders deliver each message once.
/// </summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private readonly PostgresDatabase _db = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Inbox _inbox = new();
    private WebApplicationFactory<Program> _app = null!;
    private Task _server = Task.CompletedTask;

    /// <summary>What the SMTP server received, parsed.</summary>
    private sealed class Inbox : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    /// <summary>The server refuses any address whose name starts with "nobody", as a real one refuses an unknown mailbox.</summary>
    private sealed class RefusingFilter : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!to.User.StartsWith("nobody", StringComparison.Ordinal));
    }

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        (await new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(Samples.Path("worked-example.csv"), new ImportOptions("worked-example.csv", "test"))).Succeeded.Should().BeTrue();
        var port = FreePort();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(_inbox);
        provider.Add(new RefusingFilter());
        _server = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(), provider)
            .StartAsync(_stop.Token);
        _app = TestApp.Create(_db.ConnectionString, configure: b =>
        {
            b.UseSetting("Smtp:Host", "127.0.0.1");
            b.UseSetting("Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Smtp:Security", "none");
            b.UseSetting("Smtp:PollSeconds", "0.2");
            b.UseSetting("Smtp:From", "cx@agency.example.com");
            b.UseSetting("Smtp:DashboardUrl", "https://cx.example.com");
        });
        _ = _app.Services; // starts the app and its sender
        var organisations = _app.Services.GetRequiredService<Organisations>();
        await organisations.AddAsync("Bank A Group");
        await organisations.GrantAsync("Bank A Group", "Retail Banking", "Bank A");
        var accounts = _app.Services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("eva@bank-a.example.com", AccessFixture.Password, [AccountRoles.Client], client: "Bank A Group");
        await accounts.CreateAsync("ann@agency.example.com", AccessFixture.Password, [AccountRoles.Consultant]);
        await accounts.CreateAsync("bo@agency.example.com", AccessFixture.Password, [AccountRoles.Consultant]);
        var deliveries = _app.Services.GetRequiredService<Deliveries>();
        await deliveries.SaveAsync(await IdAsync("eva@bank-a.example.com"), new Subscription { Report = "pdf", Language = "nl" });
        await deliveries.SaveAsync(await IdAsync("ann@agency.example.com"), new Subscription { Language = "en", SectorIds = [await SectorIdAsync()] });
        await deliveries.SaveAsync(await IdAsync("bo@agency.example.com"), new Subscription { Language = "en", SectorIds = [] }); // follows no sector
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<string> IdAsync(string email)
    {
        await using var command = _db.DataSource.CreateCommand("SELECT id FROM users WHERE email = $1");
        command.Parameters.Add(new() { Value = email });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<int> SectorIdAsync()
    {
        await using var command = _db.DataSource.CreateCommand("SELECT id FROM sectors WHERE name = 'Retail Banking'");
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private async Task<IReadOnlyList<MimeMessage>> ReceivedAsync(int count)
    {
        for (var i = 0; i < 150 && _inbox.Messages.Count < count; i++) await Task.Delay(100);
        await Task.Delay(500); // and nothing more arrives
        return [.. _inbox.Messages];
    }

    /// <summary>What arrived once the sender had time to send anything due (it looks five times a second).</summary>
    private async Task<IReadOnlyList<MimeMessage>> QuietAsync()
    {
        await Task.Delay(1500);
        return [.. _inbox.Messages];
    }

    [Fact]
    public async Task A_release_delivers_one_message_per_subscriber_in_their_language_with_the_members_report_and_a_draft_nothing()
    {
        (await QuietAsync()).Should().BeEmpty("the wave is a draft");

        await _app.Services.GetRequiredService<WaveReleases>().ReleaseAsync("2026-Q3", null, "dm@example.com");
        var received = await ReceivedAsync(2);

        received.Should().HaveCount(2, "the member and the consultant who follows the sector; not the one who follows none");
        var member = received.Single(m => m.To.Mailboxes.Single().Address == "eva@bank-a.example.com");
        member.Subject.Should().Be("CX+ Retail Banking 2026-Q3 is vrijgegeven");
        member.ToString().Should().Contain("Content-Language: nl");
        member.TextBody.Should().Contain("De CX+-benchmark van Retail Banking voor 2026-Q3 is vrijgegeven.")
            .And.Contain("https://cx.example.com/benchmark/Retail%20Banking/waves/2026-Q3");
        var report = member.Attachments.OfType<MimePart>().Should().ContainSingle().Subject;
        report.FileName.Should().Be("cx-report-bank_a-retail_banking-2026-q3.pdf");
        using (var pdf = new MemoryStream())
        {
            await report.Content!.DecodeToAsync(pdf);
            using var document = UglyToad.PdfPig.PdfDocument.Open(pdf.ToArray());
            string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)).Should().Contain("Bank A").And.Contain("MERKRAPPORT", "the report in the subscriber's language");
        }
        var staff = received.Single(m => m.To.Mailboxes.Single().Address == "ann@agency.example.com");
        staff.Subject.Should().Be("CX+ Retail Banking 2026-Q3 is released");
        staff.Attachments.Should().BeEmpty();
        staff.TextBody.Should().Contain("has no released wave before 2026-Q3").And.Contain("https://cx.example.com/sectors/Retail%20Banking/waves/2026-Q3");

        // Recorded as delivered; asking for the same release again sends nothing more; a new release is new news.
        (await _app.Services.GetRequiredService<Deliveries>().RecentAsync()).Should().HaveCount(2).And.OnlyContain(m => m.SentAt != null && m.Attempts == 1);
        await _app.Services.GetRequiredService<WaveReleases>().ReleaseAsync("2026-Q3", null, "dm@example.com");
        (await QuietAsync()).Should().HaveCount(2);
        await _app.Services.GetRequiredService<WaveReleases>().WithdrawAsync("2026-Q3", null, "dm@example.com");
        await _app.Services.GetRequiredService<WaveReleases>().ReleaseAsync("2026-Q3", null, "dm@example.com");
        (await ReceivedAsync(4)).Should().HaveCount(4);
    }

    [Fact]
    public async Task A_member_holding_a_brand_the_wave_does_not_hold_gets_the_message_with_its_other_brands_report()
    {
        // Found in review (issue 30): the whole message failed on the report of the brand missing from the wave.
        var file = Path.Combine(Path.GetTempPath(), $"bank-d-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, [
            "wave,sector,brand,respondent_id,role,clear_brand_promise,empowered_employees,empowered_customers,lasting_memories,exceptional_delivery",
            .. Enumerable.Range(0, 4).Select(i => $"2026-Q2,Retail Banking,Bank D,D{i},{(i % 2 == 0 ? "customer" : "prospect")},7,7,6,6,7")]);
        try
        {
            (await new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System).ImportAsync(file, new ImportOptions("bank-d.csv", "test")))
                .Succeeded.Should().BeTrue();
        }
        finally { File.Delete(file); }
        await _app.Services.GetRequiredService<Organisations>().GrantAsync("Bank A Group", "Retail Banking", "Bank D");

        await _app.Services.GetRequiredService<WaveReleases>().ReleaseAsync("2026-Q3", null, "dm@example.com");
        var received = await ReceivedAsync(2);

        var member = received.Should().ContainSingle(m => m.To.Mailboxes.Single().Address == "eva@bank-a.example.com").Subject;
        member.Attachments.OfType<MimePart>().Select(a => a.FileName).Should().Equal("cx-report-bank_a-retail_banking-2026-q3.pdf");
        (await _app.Services.GetRequiredService<Deliveries>().RecentAsync()).Should().OnlyContain(m => m.SentAt != null && m.LastError == null);
    }

    [Fact]
    public async Task A_weekly_reader_gets_the_weeks_releases_in_one_digest_in_their_language_with_the_report_and_nothing_at_the_release()
    {
        var deliveries = _app.Services.GetRequiredService<Deliveries>();
        var eva = await IdAsync("eva@bank-a.example.com");
        await deliveries.SaveAsync(eva, new Subscription { Report = "pdf", Language = "nl", Weekly = true });
        await _app.Services.GetRequiredService<WaveReleases>().ReleaseAsync("2026-Q3", null, "dm@example.com");
        (await ReceivedAsync(1)).Select(m => m.To.Mailboxes.Single().Address).Should().Equal(["ann@agency.example.com"], "the weekly reader waits for the digest");

        // The schedule fires (as on Monday morning): the week's releases, in one message.
        (await deliveries.EnqueueDigestsAsync(DateTimeOffset.UtcNow.AddSeconds(1))).Should().Be(1);
        var digest = (await ReceivedAsync(2)).Should().HaveCount(2).And.ContainSingle(m => m.To.Mailboxes.Single().Address == "eva@bank-a.example.com").Subject;
        digest.Subject.Should().Be("CX+ weekoverzicht: Retail Banking 2026-Q3 vrijgegeven");
        digest.ToString().Should().Contain("Content-Language: nl");
        digest.TextBody.Should().StartWith("Vrijgegeven in de week van ").And.Contain("De CX+-benchmark van Retail Banking voor 2026-Q3 is vrijgegeven.")
            .And.Contain("https://cx.example.com/benchmark/Retail%20Banking/waves/2026-Q3");
        digest.Attachments.OfType<MimePart>().Should().ContainSingle().Which.FileName.Should().Be("cx-report-bank_a-retail_banking-2026-q3.pdf");
        var entry = (await deliveries.RecentAsync()).Single(m => m.Digest is not null);
        (entry.SentAt is not null, entry.Sector, entry.Wave).Should().Be((true, null, null));
    }

    [Fact]
    public async Task Two_senders_deliver_each_message_exactly_once()
    {
        var accounts = _app.Services.GetRequiredService<UserAccounts>();
        var deliveries = _app.Services.GetRequiredService<Deliveries>();
        var sector = await SectorIdAsync();
        for (var i = 0; i < 24; i++)
        {
            await accounts.CreateAsync($"reader{i}@agency.example.com", AccessFixture.Password, [AccountRoles.Viewer]);
            await deliveries.SaveAsync(await IdAsync($"reader{i}@agency.example.com"), new Subscription { Language = i % 2 == 0 ? "nl" : "en", SectorIds = [sector] });
        }
        // A second sender beside the app's own, as a second instance would run it.
        using var second = ActivatorUtilities.CreateInstance<MailSender>(_app.Services);
        await second.StartAsync(CancellationToken.None);
        try
        {
            await _app.Services.GetRequiredService<WaveReleases>().ReleaseAsync("2026-Q3", null, "dm@example.com");
            var received = await ReceivedAsync(26);
            received.Should().HaveCount(26, "24 readers, the consultant and the member, each once");
            received.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();
            received.Select(m => m.To.Mailboxes.Single().Address).Should().OnlyHaveUniqueItems();
        }
        finally
        {
            await second.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_refused_address_is_marked_failed_with_the_reason_and_an_unreachable_server_leaves_messages_waiting_and_the_release_stands()
    {
        var accounts = _app.Services.GetRequiredService<UserAccounts>();
        var deliveries = _app.Services.GetRequiredService<Deliveries>();
        await accounts.CreateAsync("nobody@agency.example.com", AccessFixture.Password, [AccountRoles.Viewer]);
        await deliveries.SaveAsync(await IdAsync("nobody@agency.example.com"), new Subscription { Language = "en", SectorIds = [await SectorIdAsync()] });
        var releases = _app.Services.GetRequiredService<WaveReleases>();

        await releases.ReleaseAsync("2026-Q3", null, "dm@example.com");
        (await ReceivedAsync(2)).Select(m => m.To.Mailboxes.Single().Address).Should().BeEquivalentTo("eva@bank-a.example.com", "ann@agency.example.com");
        var refused = (await deliveries.RecentAsync()).Single(m => m.Email == "nobody@agency.example.com");
        (refused.SentAt, refused.FailedAt is not null, refused.Attempts).Should().Be((null, true, 1), "a refusal is not tried again");
        refused.LastError.Should().StartWith("Refused by the mail server: 5");

        // The server goes away: a new release still stands, its messages wait with the reason for a later try.
        await _stop.CancelAsync();
        try { await _server; } catch (OperationCanceledException) { }
        await releases.WithdrawAsync("2026-Q3", null, "dm@example.com");
        (await releases.ReleaseAsync("2026-Q3", null, "dm@example.com")).Changed.Should().Equal("Retail Banking");
        await QuietAsync();
        var waiting = (await deliveries.RecentAsync()).Where(m => m.Email == "ann@agency.example.com").OrderByDescending(m => m.Id).First();
        (waiting.SentAt, waiting.FailedAt, waiting.Attempts).Should().Be((null, null, 1));
        waiting.LastError.Should().StartWith("The mail server could not be reached or answered:");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _stop.CancelAsync();
        try { await _server; } catch (OperationCanceledException) { }
        await _db.DisposeAsync();
    }
}
