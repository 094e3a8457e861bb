using CxPlus.Data.Demo;

namespace CxPlus.E2E.Tests;

/// <summary>
/// Issue #14, as a consultant and an analyst use it on the demo benchmark: the brand page says what
/// to fix first with its priority matrix, the league page shows what drives recommendation, and the
/// lens switcher offers the Six Pillars and the KEI where the sector asked them, and nowhere else.
/// </summary>
public sealed class DriverTests(DemoDashboardFixture app) : IClassFixture<DemoDashboardFixture>
{
    private static readonly string Wave = DemoBenchmark.Waves[^1];

    private static string Shot(string name) => Path.Combine(DashboardFixture.ScreenshotDirectory, name);

    [Fact]
    public async Task The_brand_page_shows_the_priority_matrix_with_a_sentence_naming_what_to_fix()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}/brands/Voltra");

        var matrix = page.Locator("[data-testid=priority-matrix]");
        await matrix.WaitForAsync();
        (await page.Locator("[data-testid=priority-sentence]").InnerTextAsync()).Should().MatchRegex("^(Fix first: |Nothing important lies below)");
        (await matrix.Locator(".figure-hit[data-key]").CountAsync()).Should().Be(5, "one point per success factor, each to be pointed at");
        (await matrix.Locator("text").AllTextContentsAsync()).Should().Contain(["Fix first", "Strength", "Maintain", "Lower priority"]);
        var rows = page.Locator("[data-testid=priority-table] tbody tr");
        (await rows.CountAsync()).Should().Be(5);
        // Voltra has 100-400 complete customers: its importances are indicative, with no interval (step 22, v3).
        (await rows.First.InnerTextAsync()).Should().MatchRegex(@"\d+ %").And.NotMatchRegex(@"\d+ % \d+–\d+");
        (await page.Locator("[data-testid=priority-sentence]").InnerTextAsync()).Should().Contain("importance indicative");
        await matrix.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Shot("priority-matrix.png") });
    }

    [Fact]
    public async Task The_league_page_shows_what_drives_recommendation_in_the_sector()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}");

        var drivers = page.Locator("[data-testid=sector-drivers]");
        await drivers.WaitForAsync();
        (await drivers.GetAttributeAsync("data-estimable")).Should().Be("true");
        (await drivers.Locator("tr").First.GetAttributeAsync("data-key")).Should().Be("exceptional_delivery", "Energy's customers recommend on delivery");
    }

    [Fact]
    public async Task The_lens_switcher_shows_the_Six_Pillars_and_the_KEI_where_the_sector_asked_them()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Retail%20Banking/waves/{Wave}");
        await page.Locator("[data-testid=lens-switch]").WaitForAsync();

        await page.Locator("[data-testid=lens-cee]").ClickAsync();
        var cee = page.Locator("[data-testid=lens-table][data-lens=cee]");
        await cee.WaitForAsync();
        page.Url.Should().Contain("lens=cee");
        (await cee.Locator("thead th").AllInnerTextsAsync()).Should().Contain(["Index", "CEE score", "Personalisation", "Time and Effort", "Empathy"]);
        (await cee.Locator("tbody tr").CountAsync()).Should().BeGreaterThan(3);
        (await cee.Locator("tbody tr td.rank").First.InnerTextAsync()).Should().StartWith("1");
        await page.Locator("[data-testid=pillar-drivers][data-estimable=true]").WaitForAsync();
        (await page.Locator("[data-testid=lens-unranked] li").CountAsync()).Should().BeGreaterThan(0, "the low-base brand is listed with its reason");
        await page.ScreenshotAsync(new() { Path = Shot("lens-cee.png"), FullPage = true });

        await page.Locator("[data-testid=lens-kei]").ClickAsync();
        var kei = page.Locator("[data-testid=lens-table][data-lens=kei]");
        await kei.WaitForAsync();
        (await kei.Locator("thead th").AllInnerTextsAsync()).Should().Contain(["KEI", "Effectiveness", "Ease", "Emotion"]).And.NotContain("Index");
        (await page.Locator("[data-testid=pillar-drivers]").CountAsync()).Should().Be(0);

        await page.Locator("[data-testid=lens-cx]").ClickAsync();
        await page.Locator("[data-testid=league-table]").WaitForAsync();
        page.Url.Should().NotContain("lens=");
    }

    [Fact]
    public async Task A_sector_that_asked_no_lens_shows_no_switcher_and_a_lens_link_falls_back_to_CX_plus()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}?lens=cee");
        await page.Locator("[data-testid=league-table]").WaitForAsync();

        (await page.Locator("[data-testid=lens-switch]").CountAsync()).Should().Be(0);
        (await page.Locator("[data-testid=lens-table]").CountAsync()).Should().Be(0);

        await page.GotoAsync(app.BaseUrl + $"/sectors/Telecom/waves/{Wave}");
        await page.Locator("[data-testid=lens-switch]").WaitForAsync();
        (await page.Locator("[data-testid=lens-switch] a").AllInnerTextsAsync()).Select(t => t.Trim()).Should().Equal("CX+", "KEI");
    }
}
