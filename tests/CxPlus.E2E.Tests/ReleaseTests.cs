using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CxPlus.E2E.Tests;

/// <summary>
/// Issue 30 as a data manager and a member live it: the Waves page withdraws a released wave, every
/// staff page marks it a draft, the member no longer sees it; released again, the member sees it at once.
/// </summary>
public sealed class ReleaseTests(DashboardFixture app) : IClassFixture<DashboardFixture>
{
    private const string Member = "ray@bank-a.example.com";

    private async Task<IPage> SignedInMemberAsync()
    {
        var organisations = app.Services.GetRequiredService<Organisations>();
        await organisations.AddAsync("Bank A Group");
        await organisations.GrantAsync("Bank A Group", "Retail Banking", "Bank A");
        await app.Services.GetRequiredService<UserAccounts>().CreateAsync(Member, DashboardFixture.Password, [AccountRoles.Client], client: "Bank A Group");
        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        await page.GotoAsync(app.BaseUrl + "/account/sign-in");
        await page.Locator("#email").FillAsync(Member);
        await page.Locator("#password").FillAsync(DashboardFixture.Password);
        await page.Locator("#password").PressAsync("Enter");
        await page.WaitForURLAsync(app.BaseUrl + "/benchmark");
        return page;
    }

    [Fact]
    public async Task A_data_manager_withdraws_a_wave_staff_pages_mark_it_a_draft_the_member_loses_it_and_a_release_brings_it_back()
    {
        var member = await SignedInMemberAsync();
        (await member.Locator("[data-testid=league-table] tbody tr").CountAsync()).Should().Be(3, "the wave is released");

        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/data/imports");
        await page.Locator("[data-testid=waves-link]").ClickAsync();
        var row = page.Locator("tr[data-wave='2026-Q3'][data-sector='Retail Banking']");
        (await row.Locator("[data-testid=wave-state]").InnerTextAsync()).Should().StartWith("released");
        await row.Locator("[data-testid=withdraw]").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        (await page.Locator("[data-testid=release-done]").InnerTextAsync()).Should().Be("Retail Banking 2026-Q3 is withdrawn: members no longer see it.");
        (await row.Locator("[data-testid=wave-state]").InnerTextAsync()).Should().Be("draft");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "waves.png") });

        try
        {
            // Staff see the draft, marked; the member does not see it at all.
            await page.GotoAsync(app.BaseUrl + "/sectors/Retail%20Banking/waves/2026-Q3");
            (await page.Locator("[data-testid=draft-mark]").InnerTextAsync()).Should().Contain("Draft: Retail Banking 2026-Q3 is not released to members yet");
            await page.GotoAsync(app.BaseUrl + "/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A");
            await page.Locator("[data-testid=draft-mark]").WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "brand-draft.png") });
            await member.ReloadAsync();
            await member.Locator("[data-testid=no-data]").WaitForAsync();
            await member.GotoAsync(app.BaseUrl + "/benchmark/Retail%20Banking/waves/2026-Q3/brands/Bank%20A");
            (await member.Locator("[data-testid=not-found]").InnerTextAsync()).Should().Contain("There is no wave \"2026-Q3\"");
        }
        finally
        {
            await page.GotoAsync(app.BaseUrl + "/data/waves");
            await row.Locator("[data-testid=release]").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Release to members" }).ClickAsync();
            (await page.Locator("[data-testid=release-done]").InnerTextAsync()).Should().Be("Retail Banking 2026-Q3 is released to members.");
        }
        (await row.Locator("[data-testid=wave-state]").InnerTextAsync()).Should().StartWith("released").And.Contain($"by {DashboardFixture.Email}");
        await member.GotoAsync(app.BaseUrl + "/benchmark");
        (await member.Locator("[data-testid=league-table] tbody tr").CountAsync()).Should().Be(3, "released again: the member sees it at once");
        await page.GotoAsync(app.BaseUrl + "/sectors/Retail%20Banking/waves/2026-Q3");
        await page.Locator("h1").WaitForAsync();
        (await page.Locator("[data-testid=draft-mark]").CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task One_of_the_agencys_people_subscribes_to_a_sectors_releases_on_the_account_page()
    {
        var page = await app.NewPageAsync(1280, 1000, locale: "nl-NL");
        await page.GotoAsync(app.BaseUrl + "/account/tokens");
        var panel = page.Locator("[data-testid=subscription]");
        (await panel.Locator("h2").InnerTextAsync()).Should().Be("E-mail bij de vrijgave van een meting");
        (await panel.Locator("[data-testid=mail-off]").InnerTextAsync()).Should().StartWith("E-mail staat uit in deze installatie");
        await panel.Locator("[data-testid=subscribe]").CheckAsync();
        await panel.Locator("[data-testid=subscribe-sectors] input").First.CheckAsync();
        await panel.Locator("[data-testid=subscribe-language]").SelectOptionAsync("en");
        // The weekly digest instead of a message at each release (issue 30), offered in the reader's words.
        (await panel.Locator("[data-testid=subscribe-when] option").AllInnerTextsAsync()).Should()
            .Equal("Bij elke vrijgave", "Eén keer per week: een weekoverzicht op maandagochtend");
        await panel.Locator("[data-testid=subscribe-when]").SelectOptionAsync(new SelectOptionValue { Label = "Eén keer per week: een weekoverzicht op maandagochtend" });
        // Which alerts: every kind, unless some are left out.
        (await panel.Locator("[data-testid=subscribe-kinds] legend").InnerTextAsync()).Should().Be("Welke signalen");
        (await panel.Locator("[data-testid=subscribe-kinds] input:checked").CountAsync()).Should().Be(6);
        await panel.Locator("[data-testid=subscribe-kinds] input[value=rank-moved]").UncheckAsync();
        await panel.Locator("[data-testid=save-subscription]").ClickAsync();
        (await panel.Locator("[data-testid=subscription-saved]").InnerTextAsync()).Should().Be("Opgeslagen: op maandagochtend krijgt u een weekoverzicht van de metingen die die week zijn vrijgegeven.");
        await panel.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "subscription-nl.png") });

        await using var command = app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(
            "SELECT s.language || ' ' || array_length(s.sector_ids, 1) || ' ' || s.weekly || ' ' || array_length(s.alert_kinds, 1) FROM subscriptions s JOIN users u ON u.id = s.user_id WHERE u.email = $1");
        command.Parameters.Add(new() { Value = DashboardFixture.Email });
        ((string?)await command.ExecuteScalarAsync()).Should().Be("en 1 true 5");
        // Read back when the page is opened again.
        await page.ReloadAsync();
        (await page.Locator("[data-testid=subscribe-language]").InputValueAsync()).Should().Be("en");
        (await page.Locator("[data-testid=subscribe-sectors] input").First.IsCheckedAsync()).Should().BeTrue();
        (await page.Locator("[data-testid=subscribe-when]").InputValueAsync()).Should().Be("weekly");
        (await page.Locator("[data-testid=subscribe-kinds] input[value=rank-moved]").IsCheckedAsync()).Should().BeFalse();
        (await page.Locator("[data-testid=subscribe-kinds] input:checked").CountAsync()).Should().Be(5);
    }
}
