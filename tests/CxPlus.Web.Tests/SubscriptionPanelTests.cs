using System.Security.Claims;
using CxPlus.Data;
using CxPlus.Data.Accounts;
using CxPlus.Data.Releases;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using CxPlus.Web.Features.Releases;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxPlus.Web.Tests;

/// <summary>The account page's subscription panel (issue 30) against a real store: what a reader ticks is what is kept.</summary>
public sealed class SubscriptionPanelTests(PostgresDatabase db) : MudContext, IClassFixture<PostgresDatabase>
{
    private string _userId = "";

    public override async Task InitializeAsync()
    {
        Services.AddCxPlusStore(db.ConnectionString, ScoringSettings.Default);
        Services.AddCxPlusAccounts();
        Services.AddLogging();
        Services.AddSingleton(Options.Create(new SmtpSettings()));
        var email = $"ann-{Guid.NewGuid():N}@agency.example.com";
        await Services.GetRequiredService<UserAccounts>().CreateAsync(email, "a long enough password", [AccountRoles.Consultant]);
        await using var id = db.DataSource.CreateCommand("SELECT id FROM users WHERE email = $1");
        id.Parameters.Add(new() { Value = email });
        _userId = (string)(await id.ExecuteScalarAsync())!;
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, _userId));
    }

    [Fact]
    public async Task A_reader_who_unticks_every_kind_of_alert_hears_of_releases_without_alerts_not_of_every_alert()
    {
        // Found in review: every kind left out was kept as "no kind chosen", which means every kind.
        var deliveries = Services.GetRequiredService<Deliveries>();
        await deliveries.SaveAsync(_userId, new Subscription { Language = "en" }); // alerts of every kind
        var panel = Render<SubscriptionPanel>();
        // The kinds show once the panel has read the subscription: changes before that would meet a render that follows.
        panel.WaitForState(() => panel.FindAll("[data-testid=subscribe-kinds] input").Count == Enum.GetValues<AlertKind>().Length, TimeSpan.FromSeconds(15));

        // Awaited: bUnit's Change() drops its task, so a change queued behind another render was lost unseen (CI saw it).
        // Each input is found afresh, as each change renders the panel anew with new handlers.
        for (var i = 0; i < Enum.GetValues<AlertKind>().Length; i++)
            await panel.FindAll("[data-testid=subscribe-kinds] input")[i].ChangeAsync(new ChangeEventArgs { Value = false });
        panel.FindAll("[data-testid=subscribe-kinds] input").Should().OnlyContain(i => !i.HasAttribute("checked"), "every kind was unticked");
        await panel.Find("[data-testid=save-subscription]").ClickAsync(new());

        var saved = await deliveries.SubscriptionAsync(_userId);
        saved.Should().NotBeNull();
        saved!.Alerts.Should().BeFalse("no kind of alert was chosen");
    }
}
