using System.Globalization;
using CxPlus.Data.Clients;
using CxPlus.Data.League;
using CxPlus.Data.Releases;
using CxPlus.Reports;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Web.Features.Api;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CxPlus.Web.Features.Releases;

/// <summary>How CxPlus sends mail (<c>Smtp__Host</c>, <c>Smtp__Port</c>, <c>Smtp__From</c>, …); without a host, mail is off and messages wait in the outbox.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string From { get; set; } = "cxplus@localhost";
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>none, starttls or ssl; auto (the default) lets MailKit choose by port.</summary>
    public string Security { get; set; } = "auto";
    /// <summary>How often the sender looks for messages that are due.</summary>
    public double PollSeconds { get; set; } = 10;
    /// <summary>Failures after which a message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Reports larger than this are not attached; the message is marked failed with the reason.</summary>
    public int MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>The dashboard's address, for the link in each message (e.g. https://cx.example.com); none without it.</summary>
    public string? DashboardUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

public static class SmtpSetup
{
    /// <summary>
    /// Binds <c>Smtp:*</c> and checks it when the app starts: a mistyped setting stops the start with the
    /// setting named, rather than every release message failing later.
    /// </summary>
    public static IServiceCollection AddSmtpSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpSettings>().Bind(configuration.GetSection("Smtp"))
            .Validate(s => s.Security.ToLowerInvariant() is "auto" or "none" or "starttls" or "ssl", "Smtp:Security must be auto, none, starttls or ssl.")
            .Validate(s => s.Port is > 0 and <= 65535, "Smtp:Port must be a port number, 1 to 65535.")
            .Validate(s => !s.Enabled || MailboxAddress.TryParse(s.From, out _), "Smtp:From must be an e-mail address (the sender of release messages).")
            .Validate(s => s.PollSeconds > 0 && s.MaxAttempts >= 1 && s.MaxAttachmentBytes > 0, "Smtp:PollSeconds, Smtp:MaxAttempts and Smtp:MaxAttachmentBytes must be greater than 0.")
            .Validate(s => string.IsNullOrWhiteSpace(s.DashboardUrl) || Uri.TryCreate(s.DashboardUrl, UriKind.Absolute, out _), "Smtp:DashboardUrl must be an absolute address (https://…).")
            .ValidateOnStart();
        return services;
    }
}

/// <summary>
/// Sends the outbox (issue 30), one message at a time, each claimed with <c>FOR UPDATE SKIP LOCKED</c>
/// and held until its outcome is written, so two instances never send one message; a failure is
/// retried with a growing pause (30 s, 1 min, 2 min, …) and after <see cref="SmtpSettings.MaxAttempts"/>
/// marked failed with its reason, shown on the outbox page. A message is written when it is sent, in
/// its subscriber's language: the alerts of the brands they follow, and a member's brand report.
/// </summary>
public sealed class MailSender(Deliveries deliveries, LeagueQueries queries, ClientReads reads, ScoringSettings settings, Branding branding, IOptions<SmtpSettings> options,
    TimeProvider clock, ILogger<MailSender> log) : BackgroundService
{
    private readonly SmtpSettings _smtp = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_smtp.Enabled)
        {
            log.LogInformation("Mail is off (no Smtp:Host): release messages wait in the outbox.");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await deliveries.SendNextAsync(SendAsync, _smtp.MaxAttempts, stoppingToken)) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The outbox could not be read; trying again shortly.");
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(_smtp.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Writes and sends one message; null when the server accepted it, else why not and whether trying again can help.</summary>
    private async Task<(string Error, bool Retry)?> SendAsync(PendingMessage message)
    {
        MimeMessage mail;
        var culture = Languages.Find(message.Language) ?? CultureInfo.GetCultureInfo("nl");
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            mail = await ComposeAsync(message);
        }
        catch (MessageNotPossibleException e)
        {
            return (e.Message, false);
        }
        catch (NotFoundException e)
        {
            // The release was withdrawn, or the member lost its brands, before the message went out.
            return (e.Message, false);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
        try
        {
            using var client = new SmtpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await client.ConnectAsync(_smtp.Host!, _smtp.Port, _smtp.Security.ToLowerInvariant() switch
            {
                "none" => SecureSocketOptions.None,
                "starttls" => SecureSocketOptions.StartTls,
                "ssl" => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            }, timeout.Token);
            if (!string.IsNullOrEmpty(_smtp.User)) await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", timeout.Token);
            await client.SendAsync(mail, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            log.LogInformation("Sent release message {Id} to {Email}", message.Id, message.Email);
            return null;
        }
        catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted || (int)e.StatusCode >= 500)
        {
            // The server refused it for good (a rejected address, a message it will not take).
            return ($"Refused by the mail server: {(int)e.StatusCode} {e.Message}", false);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or OperationCanceledException or SslHandshakeException)
        {
            return ($"The mail server could not be reached or answered: {e.Message}", true);
        }
    }

    private sealed class MessageNotPossibleException(string message) : Exception(message);

    private async Task<MimeMessage> ComposeAsync(PendingMessage message)
    {
        var scope = await reads.ScopeOfAsync(message.UserId);
        var member = scope is not null;
        // A release's message, or a weekly digest of the releases of its week that are released still.
        IReadOnlyList<DigestRelease> releases = message.Digest is { } week
            ? await deliveries.DigestReleasesAsync(message.UserId, week.From, week.To)
            : [new DigestRelease(message.Sector, message.Wave, default)];
        if (releases.Count == 0) throw new MessageNotPossibleException("Every wave of its week was withdrawn before the digest went out.");
        var sections = new List<SectorAlerts>();
        foreach (var release in releases)
        {
            try
            {
                sections.Add(member ? await reads.AlertsAsync(scope!, release.Sector, release.Wave) : await queries.AlertsAsync(release.Sector, release.Wave));
            }
            catch (NotFoundException) when (message.Digest is not null)
            {
                // A wave of the sector without the member's brands tells it nothing: the digest goes on with the others.
            }
        }
        if (sections.Count == 0) throw new MessageNotPossibleException("No wave of its week holds the member's brands.");
        var body = new BodyBuilder
        {
            TextBody = message.Digest is { } digest
                ? ReleaseMail.Digest(digest.From, digest.To, sections.Select(a => (a, Link(member, a))), settings, message.Alerts, message.AlertKinds)
                : ReleaseMail.Body(sections[0], settings, message.Alerts, Link(member, sections[0]), message.AlertKinds),
        };
        if (member && message.Report is { } format)
            foreach (var alerts in sections)
                await AttachReportsAsync(body, scope!, alerts, format);
        var mail = new MimeMessage
        {
            Subject = message.Digest is null ? ReleaseMail.Subject(sections[0]) : Texts.Format("Mail.DigestSubject", string.Join(", ", sections.Select(a => $"{a.Sector} {a.Wave}"))),
            Body = body.ToMessageBody(),
            // One id per outbox row: were a message ever sent twice (an instance dying after the server took it), mail clients would show it once.
            MessageId = $"outbox-{message.Id}@cxplus",
        };
        mail.From.Add(MailboxAddress.Parse(_smtp.From));
        mail.To.Add(MailboxAddress.Parse(message.Email));
        mail.Headers.Add(HeaderId.ContentLanguage, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        return mail;
    }

    /// <summary>A member's report of each of its brands in the release's wave, attached in the format it chose.</summary>
    private async Task AttachReportsAsync(BodyBuilder body, ClientScope scope, SectorAlerts alerts, string format)
    {
        foreach (var held in scope.Brands.Where(b => Names.Same(b.Sector, alerts.Sector)))
        {
            OwnBrand own;
            try
            {
                own = await reads.BrandAsync(scope, held.Sector, alerts.Wave, held.Brand, k => Texts.Format("Benchmark.AnonymousBrand", k),
                    CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
            }
            catch (NotFoundException)
            {
                continue; // a brand the wave does not hold has no report in it; its other brands' reports still go
            }
            var data = new BrandReportData(own.Table, own.Row, own.History, own.Priorities, own.Segments, own.Themes);
            using var file = new MemoryStream();
            if (format == "pptx") BrandDeck.Write(data, file, clock.GetUtcNow(), branding);
            else BrandReport.Write(data, file, clock.GetUtcNow(), branding);
            if (file.Length > _smtp.MaxAttachmentBytes)
                throw new MessageNotPossibleException($"The report of {held.Brand} is {file.Length:N0} bytes, more than the {_smtp.MaxAttachmentBytes:N0} a message may carry.");
            body.Attachments.Add(FileNames.Report(data, format), file.ToArray(),
                ContentType.Parse(format == "pptx" ? ReadApi.Pptx : "application/pdf"));
        }
    }

    private string? Link(bool member, SectorAlerts alerts) => string.IsNullOrWhiteSpace(_smtp.DashboardUrl) ? null
        : _smtp.DashboardUrl.TrimEnd('/') + (member ? Clients.BenchmarkLinks.Of(alerts.Sector, alerts.Wave) : Components.Links.League(alerts.Sector, alerts.Wave));
}

/// <summary>A release message's words (issue 30), in the reader's language.</summary>
public static class ReleaseMail
{
    public static string Subject(SectorAlerts alerts) => Texts.Format("Mail.Subject", alerts.Sector, alerts.Wave);

    /// <summary>A release's message: the release, its alerts of the kinds the reader chose (<paramref name="kinds"/>, their keys; none or empty for every kind), the link.</summary>
    public static string Body(SectorAlerts alerts, ScoringSettings settings, bool withAlerts, string? link, IReadOnlyList<string>? kinds = null)
    {
        var text = new System.Text.StringBuilder();
        Section(text, alerts, settings, withAlerts, link, kinds);
        text.AppendLine(Texts.Get("Mail.Why"));
        return text.ToString();
    }

    /// <summary>A weekly digest: each release of the week as its own message would tell it, one after the other.</summary>
    public static string Digest(DateTimeOffset from, DateTimeOffset to, IEnumerable<(SectorAlerts Alerts, string? Link)> releases, ScoringSettings settings, bool withAlerts,
        IReadOnlyList<string>? kinds = null)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(Texts.Format("Mail.DigestIntro", Display.Date(from), Display.Date(to))).AppendLine();
        foreach (var (alerts, link) in releases) Section(text, alerts, settings, withAlerts, link, kinds);
        text.AppendLine(Texts.Get("Mail.Why"));
        return text.ToString();
    }

    private static void Section(System.Text.StringBuilder text, SectorAlerts alerts, ScoringSettings settings, bool withAlerts, string? link, IReadOnlyList<string>? kinds)
    {
        text.AppendLine(Texts.Format("Mail.Released", alerts.Sector, alerts.Wave)).AppendLine();
        if (withAlerts)
        {
            var chosen = kinds is null or { Count: 0 } ? alerts.Alerts : [.. alerts.Alerts.Where(a => kinds.Contains(AlertReading.Key(a.Kind)))];
            if (alerts.Alerts.Count == 0) text.AppendLine(alerts.PreviousWave is null ? Texts.Format("Alerts.NoPrevious", alerts.Sector, alerts.Wave) : Texts.Get("Alerts.None"));
            else if (chosen.Count == 0) text.AppendLine(Texts.Format("Mail.NoChosenAlerts", alerts.Alerts.Count));
            foreach (var alert in chosen) text.Append("- ").AppendLine(AlertReading.Sentence(alert, alerts.Sector, settings));
            text.AppendLine();
        }
        if (link is not null) text.AppendLine(Texts.Format("Mail.Link", link)).AppendLine();
    }
}
