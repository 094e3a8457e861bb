using System.Globalization;
using CxPlus.Data.Accounts;
using CxPlus.Data.League;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CxPlus.E2E.Tests;

/// <summary>
/// Issue #26: a Dutch browser reads CxPlus in Dutch (the glossary's words, decimal commas); a reader's
/// choice in the header switcher stays with the browser and, once signed in, follows the user.
/// </summary>
public sealed class LanguageTests(DashboardFixture app) : IClassFixture<DashboardFixture>
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl");

    private async Task<IPage> BrowserAsync(string locale)
    {
        var context = await app.Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        return page;
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator(".sign-in button[type=submit]").ClickAsync();
    }

    [Fact]
    public async Task A_Dutch_browser_reads_the_glossary_s_words_and_decimal_commas_that_equal_the_numbers()
    {
        await app.Services.GetRequiredService<UserAccounts>().CreateAsync("lotte@e2e.example.com", DashboardFixture.Password, [AccountRoles.Viewer]);
        var page = await BrowserAsync("nl-NL");
        await page.GotoAsync(app.BaseUrl + "/account/sign-in");
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Inloggen");
        await SignInAsync(page, "lotte@e2e.example.com", DashboardFixture.Password);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.Locator("[data-testid=league-table]").WaitForAsync();

        (await page.Locator("[data-testid=nav-wide] a[href='/sectors']").InnerTextAsync()).Should().Be("Overzicht");
        (await page.Locator("[data-testid=nav-wide] a[href='/methodology']").InnerTextAsync()).Should().Be("Methode");
        (await page.Locator("[data-testid=sign-out]").First.InnerTextAsync()).Should().Be("Uitloggen");
        (await page.Locator("[data-testid=nav-wide] [data-testid=language-nl]").GetAttributeAsync("aria-pressed")).Should().Be("true");
        var table = await app.Services.GetRequiredService<LeagueQueries>().LeagueAsync("Retail Banking", "2026-Q3");
        foreach (var row in table.Rows.Where(r => r.Rank is not null))
        {
            var cell = await page.Locator($"[data-testid=league-table] tr[data-brand='{row.Brand}'] td:nth-child(5)").InnerTextAsync();
            var score = Math.Round(row.Result.Score!.Value, 1, MidpointRounding.AwayFromZero);
            cell.Should().StartWith(score.ToString("0.0", Dutch), "the score with a decimal comma").And.Contain(",").And.NotContain(".");
        }
        (await page.Locator("[data-testid=league-table] thead th").AllInnerTextsAsync()).Select(h => h.Split(' ')[0].Trim())
            .Should().StartWith(["Positie", "Merk", "Index", "t.o.v.", "CX+", "Perf.", "Verw.", "Gap", "Oordeel", "Basis", "Verandering"]);
        (await page.Locator("[data-testid=league-table] .verdict-chip").AllInnerTextsAsync()).Should().Equal("Belooft te weinig", "Overpresteert", "Onderpresteert");
        (await page.Locator("[data-testid=lead]").InnerTextAsync()).Should().Be("Bank C leidt in Retail Banking. Bank A is laatste.");
        (await page.Locator("[data-testid=league-notes]").InnerTextAsync()).Should().StartWith("Gap *: significant bij 95% betrouwbaarheid.");
        (await page.Locator("#gap-map-title").InnerTextAsync()).Should().Be("Gapkaart");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "league-nl.png"), FullPage = false });
    }

    [Fact]
    public async Task A_Dutch_brand_page_reads_in_Dutch_with_its_numbers_as_a_Dutch_reader_writes_them()
    {
        var page = await app.NewPageAsync(locale: "nl-NL");
        await page.GotoAsync(app.BaseUrl + "/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A");
        await page.Locator("[data-testid=reading]").WaitForAsync();
        await page.ArrivedAsync();

        (await page.Locator("[data-testid=headline] .mud-typography-caption").First.InnerTextAsync()).Should().Be("CX+ score");
        (await page.Locator("[data-testid=headline][data-label='Positie'] [data-testid=headline-value]").InnerTextAsync()).Should().Be("3");
        (await page.Locator("[data-testid=reading]").InnerTextAsync()).Should()
            .StartWith("Onderpresteert: klanten beoordelen het merk 4,0 punten lager dan prospects verwachten")
            .And.Contain("Het merk staat op positie 3 van 3 in Retail Banking met een CX+ index van 91")
            .And.Contain("95%-BI");
        (await page.Locator("[data-testid=back-to-league]").InnerTextAsync()).Should().Be("← ranglijst Retail Banking, 2026-Q3");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "brand-nl.png"), FullPage = true });
    }

    [Theory]
    [InlineData("/sectors", "Overzicht")]
    [InlineData("/methodology", "Hoe de CX+ index wordt berekend")]
    [InlineData("/sectors/Retail%20Banking/waves/2026-Q3/compare?brand=Bank%20A&brand=Bank%20B", "Merken vergelijken — Retail Banking, 2026-Q3")]
    [InlineData("/search", "Zoek een merk")]
    [InlineData("/nope", "Hier is geen pagina")]
    [InlineData("/account/tokens", "Uw API-tokens")]
    [InlineData("/admin/users", "Niet toegestaan")] // the analyst is no administrator
    public async Task Every_reading_page_speaks_Dutch_to_a_Dutch_browser(string path, string heading)
    {
        var page = await app.NewPageAsync(locale: "nl-NL");
        await page.GotoAsync(app.BaseUrl + path);

        (await page.Locator("h1").First.InnerTextAsync()).Should().Be(heading);
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("nl", "screen readers read it as Dutch");
        var name = System.Text.RegularExpressions.Regex.Replace(path, "[^A-Za-z0-9]+", "-").Trim('-');
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, $"nl-{name}.png"), FullPage = true });
    }

    [Fact]
    public async Task The_language_chosen_stays_with_the_browser_and_follows_the_user_to_another()
    {
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("jan@e2e.example.com", DashboardFixture.Password, [AccountRoles.Viewer]);
        var page = await BrowserAsync("nl-NL");
        await page.GotoAsync(app.BaseUrl + "/account/sign-in");
        await SignInAsync(page, "jan@e2e.example.com", DashboardFixture.Password);
        await page.WaitForURLAsync(app.BaseUrl + "/");

        await page.Locator("[data-testid=nav-wide] [data-testid=language-en]").ClickAsync();
        await page.Locator("[data-testid=nav-wide] [data-testid=language-en][aria-pressed=true]").WaitForAsync();
        (await page.Locator("[data-testid=nav-wide] a[href='/sectors']").InnerTextAsync()).Should().Be("Overview");
        page.Url.Should().Be(app.BaseUrl + "/", "the switch returns to the page it was made on");
        await page.ReloadAsync();
        (await page.Locator("[data-testid=nav-wide] a[href='/sectors']").InnerTextAsync()).Should().Be("Overview", "the browser keeps the choice");
        (await accounts.LanguageAsync("jan@e2e.example.com")).Should().Be("en");

        // Another browser, Dutch by its settings: signed in, the user's own choice wins.
        var elsewhere = await BrowserAsync("nl-BE");
        await elsewhere.GotoAsync(app.BaseUrl + "/account/sign-in");
        (await elsewhere.Locator("h1").InnerTextAsync()).Should().Be("Inloggen", "before signing in, the browser's language");
        await SignInAsync(elsewhere, "jan@e2e.example.com", DashboardFixture.Password);
        await elsewhere.WaitForURLAsync(app.BaseUrl + "/");
        (await elsewhere.Locator("[data-testid=nav-wide] a[href='/sectors']").InnerTextAsync()).Should().Be("Overview");

        await elsewhere.Locator("[data-testid=nav-wide] [data-testid=language-nl]").ClickAsync();
        await elsewhere.Locator("[data-testid=nav-wide] [data-testid=language-nl][aria-pressed=true]").WaitForAsync();
        (await elsewhere.Locator("[data-testid=nav-wide] a[href='/sectors']").InnerTextAsync()).Should().Be("Overzicht");
        (await accounts.LanguageAsync("jan@e2e.example.com")).Should().Be("nl");
    }
}
