using Microsoft.Playwright;

namespace CxPlus.E2E.Tests;

/// <summary>What an analyst sees in a browser, on the methodology's worked example.</summary>
public sealed class DashboardTests(DashboardFixture app) : IClassFixture<DashboardFixture>
{
    private static async Task<string[][]> LeagueRows(IPage page)
    {
        var rows = page.Locator("[data-testid=league-table] tbody tr");
        await rows.First.WaitForAsync();
        var result = new List<string[]>();
        for (var i = 0; i < await rows.CountAsync(); i++)
            result.Add([.. (await rows.Nth(i).Locator("td").AllInnerTextsAsync()).Select(t => t.Trim())]);
        return [.. result];
    }

    [Fact]
    public async Task The_league_table_ranks_Bank_C_Bank_B_Bank_A_with_the_methodologys_numbers()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");

        var rows = await LeagueRows(page);

        rows.Select(r => (r[0], r[1], r[2])).Should().Equal(("1", "Bank C", "105"), ("2", "Bank B", "104"), ("3", "Bank A", "91"));
        rows.Select(r => r[3]).Should().Equal("▲ above average", "▲ above average", "▼ below average");
        rows.Select(r => r[4][..4]).Should().Equal("76.0", "75.0", "66.0");
        rows.Select(r => (r[5], r[6], r[7])).Should().Equal(("71.0", "60.0", "+11.0*"), ("72.0", "69.0", "+3.0*"), ("70.0", "74.0", "-4.0*"));
        (await page.Locator("[data-testid=league-table] tbody tr td:nth-child(8)").EvaluateAllAsync<string[]>("cells => cells.map(c => c.title)"))
            .Should().Equal("applied to the score: +5.0", "applied to the score: +3.0", "applied to the score: -4.0");
        rows.Select(r => r[8]).Should().Equal("Under-promises", "Over-delivers", "Under-delivers");
        (await page.Locator("[data-testid=league-table] tbody tr strong").First.GetAttributeAsync("title")).Should().MatchRegex(@"^95 % CI \d+–\d+$");
        (await page.Locator("[data-testid=league-table] tfoot").InnerTextAsync()).Should().Contain("72.3");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "league.png"), FullPage = true });
    }

    [Theory]
    [InlineData("/", "download-csv")]
    [InlineData("/", "download-xlsx")]
    [InlineData("/", "download-bundle")]
    [InlineData("/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A", "download-report")]
    [InlineData("/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A", "download-deck")]
    public async Task An_export_is_requested_once_when_its_button_is_clicked(string path, string button)
    {
        // Enhanced navigation fetched a download, saw no page and loaded it again: the file was built
        // twice and the audit counted two exports.
        // Counted where it matters, at the server: every export request is an audit event.
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + path);
        var fetched = new List<string>();
        page.Request += (_, r) => { if (r.Url.Contains("/api/v1/", StringComparison.Ordinal)) fetched.Add($"{r.ResourceType} {r.Url}"); };
        var before = await ExportsAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-testid={button}]").ClickAsync());
        await download.PathAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        (await ExportsAsync() - before).Should().Be(1, "one file, built once");
        fetched.Should().NotContain(r => r.StartsWith("fetch", StringComparison.Ordinal), "enhanced navigation must leave downloads alone");
    }

    private async Task<long> ExportsAsync()
    {
        await using var count = app.Database.DataSource.CreateCommand("SELECT count(*) FROM audit_events WHERE action = 'export'");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_gap_map_shows_three_labelled_points_that_show_their_numbers_and_open_their_brand()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/sectors/Retail%20Banking/waves/2026-Q3");

        var points = page.Locator("[data-testid=gap-map] a.figure-point");
        await points.First.WaitForAsync();

        (await points.CountAsync()).Should().Be(3);
        (await Task.WhenAll(Enumerable.Range(0, 3).Select(i => points.Nth(i).GetAttributeAsync("data-key")))).Should().BeEquivalentTo("Bank A", "Bank B", "Bank C");
        var labels = await page.Locator("[data-testid=gap-map] text").AllTextContentsAsync();
        labels.Should().Contain(["Bank A", "Bank B", "Bank C"]);
        await page.Locator("[data-testid=gap-map] a.figure-point[data-key='Bank A']").HoverAsync();
        await page.Locator("[data-testid=gap-map-detail]", new() { HasText = "Bank A: performance 70.0, gap -4.0 (significant), CX+ 66.0, rank 3" }).WaitForAsync();
        await page.Locator("[data-testid=gap-map]").ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "gap-map.png") });

        await page.Locator("[data-testid=gap-map] a.figure-point[data-key='Bank C']").ClickAsync();
        await page.Locator("h1", new() { HasText = "Bank C" }).WaitForAsync();
        page.Url.Should().EndWith("/brands/Bank%20C");
    }

    [Fact]
    public async Task From_the_league_table_to_a_brand_page_and_back()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/sectors/Retail%20Banking/waves/2026-Q3");
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");

        await page.GetByRole(AriaRole.Link, new() { Name = "Bank A", Exact = true }).First.ClickAsync();
        await page.Locator("h1", new() { HasText = "Bank A" }).WaitForAsync();

        page.Url.Should().EndWith("/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A");
        var reading = await page.Locator("[data-testid=reading]").InnerTextAsync();
        reading.Should().StartWith("Under-delivers: customers rate it 4.0 points below what prospects expect");
        reading.Should().Contain("It ranks 3 of 3").And.Contain("Its CX+ score lies below the sector average (-6.3 points, 95 % CI -7.0 to -5.7).");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "brand.png"), FullPage = true });

        await page.Locator("[data-testid=back-to-league]").ClickAsync();
        await page.Locator("h1", new() { HasText = "Retail Banking — 2026-Q3" }).WaitForAsync();
        (await LeagueRows(page)).Should().HaveCount(3);
    }

    [Fact]
    public async Task The_methodology_page_states_the_settings_in_force()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/methodology");

        await page.GetByText("Settings in force:").WaitForAsync();
        (await page.Locator("body").InnerTextAsync()).Should().Contain("cap +5.0").And.Contain("min bases 100 customers / 50 prospects");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "methodology.png"), FullPage = true });
    }

    [Fact]
    public async Task An_unknown_sector_gets_a_sentence_and_a_way_back()
    {
        var page = await app.NewPageAsync(390, 844);
        var response = await page.GotoAsync(app.BaseUrl + "/sectors/Nope/waves/2026-Q3");

        response!.Status.Should().Be(404);
        await page.GetByText("There is no sector \"Nope\". Sectors: Retail Banking.").WaitForAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "the latest league table" }).GetAttributeAsync("href")).Should().Be("/");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "not-found-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task Compare_shows_the_chosen_brands_side_by_side()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/sectors/Retail%20Banking/waves/2026-Q3/compare?brands=bank%20a,Bank%20C");

        var header = page.Locator("[data-testid=compare-table] thead th");
        await header.First.WaitForAsync();

        (await header.AllInnerTextsAsync()).Select(t => t.Trim()).Should().Equal("", "Bank A", "Bank C");
        (await page.Locator("[data-testid=compare-table] tbody tr").First.InnerTextAsync()).Should().Contain("3").And.Contain("1");
        // Step 21: A − C with its interval, significant, and the warning about multiple comparisons.
        (await page.Locator("[data-testid=differences-table] thead th").AllInnerTextsAsync()).Select(t => t.Trim()).Should().Equal("", "Bank A − Bank C");
        var score = await page.Locator("[data-testid=differences-table] tbody tr").First.InnerTextAsync();
        score.Should().StartWith("CX+ score").And.Contain("-10.0*").And.Contain(" to ");
        (await page.Locator("[data-testid=multiple-comparisons]").InnerTextAsync()).Should().Contain("significant after controlling the false discovery rate at 5 % over all 9 differences on this screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "compare.png"), FullPage = true });
    }

    [Theory]
    [InlineData("brands=Bank%20A,Bank%20Z", "Retail Banking has no brand \"Bank Z\" in 2026-Q3.")]
    [InlineData("brands=Bank%20A", "Choose two to four brands to compare.")]
    [InlineData("", "Choose two to four brands to compare.")]
    public async Task Compare_explains_a_bad_choice_of_brands(string query, string message)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/sectors/Retail%20Banking/waves/2026-Q3/compare?" + query);

        await page.GetByText(message).WaitForAsync();
    }

    [Theory]
    [InlineData("/sectors/Retail%20Banking/waves/2026-Q3", "[data-testid=league-table] tbody tr", "phone-league.png")]
    [InlineData("/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20C", "[data-testid=reading]", "phone-brand.png")]
    public async Task Pages_fit_a_390_px_phone_without_sideways_scrolling(string path, string content, string screenshot)
    {
        var page = await app.NewPageAsync(390, 844);
        await page.GotoAsync(app.BaseUrl + path);
        await page.Locator(content).First.WaitForAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        overflow.Should().BeLessThanOrEqualTo(0, "wide tables scroll inside their own container");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, screenshot), FullPage = true });
    }
}
