using CxPlus.Data.Importing;
using CxPlus.Data.Tests;
using CxPlus.Scoring;

namespace CxPlus.E2E.Tests;

/// <summary>Pages of a sector with many brands, as an analyst uses them. Its own store (the worked example and a 60-brand sector).</summary>
public sealed class LargeSectorTests(DashboardFixture app) : IClassFixture<DashboardFixture>
{
    private async Task ImportLargeSectorAsync()
    {
        await using (var exists = app.Database.DataSource.CreateCommand("SELECT count(*) FROM sectors WHERE name = 'Many'"))
            if ((long)(await exists.ExecuteScalarAsync())! > 0) return; // the class's tests share the store
        using var files = new Files();
        var rows = Enumerable.Range(0, 60).SelectMany(b => new[]
        {
            $"2026-Q3,Many,Brand {b:00},c{b},customer,{5 + b % 5},6,7,6,5,,{b % 11},,",
            $"2026-Q3,Many,Brand {b:00},p{b},prospect,6,6,6,6,6,,,,",
        });
        var result = await new ResponseImporter(app.Database.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(files.Lines(Files.Header, rows), new ImportOptions("many.csv", "e2e"));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
    }

    [Fact]
    public async Task Comparing_in_a_large_sector_shows_the_chosen_brands_first_and_the_rest_behind_a_filter()
    {
        // The 200-brand sector's compare page was a wall of 230 checkboxes.
        await ImportLargeSectorAsync();
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + "/sectors/Many/waves/2026-Q3/compare");
        var more = page.Locator("[data-testid=more-brands]");
        (await more.GetAttributeAsync("open")).Should().NotBeNull("nothing is chosen yet, so the list is open");

        await page.Locator("[data-testid=brand-filter]").FillAsync("brand 1");
        var shown = page.Locator("#compare-all label:visible");
        (await shown.AllInnerTextsAsync()).Select(t => t.Trim()).Should().BeEquivalentTo(Enumerable.Range(10, 10).Select(i => $"Brand {i}"));
        await page.GetByLabel("Brand 12").CheckAsync();
        await page.GetByLabel("Brand 17").CheckAsync();
        await page.Locator("[data-testid=compare-submit]").ClickAsync();

        var header = page.Locator("[data-testid=compare-table] thead th");
        await header.First.WaitForAsync();
        (await header.AllInnerTextsAsync()).Select(t => t.Trim()).Should().BeEquivalentTo("", "Brand 12", "Brand 17");
        (await page.Locator("[data-testid=chosen-brands] input:checked").CountAsync()).Should().Be(2);
        (await more.GetAttributeAsync("open")).Should().BeNull("two are chosen: the long list is closed");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "compare-large.png"), FullPage = true });
    }

    [Fact]
    public async Task An_indicator_nobody_answered_says_so_instead_of_an_empty_card()
    {
        // Seen on the 200-brand sector's brand page: the CSAT and CES cards were blank when the file had no such column.
        await ImportLargeSectorAsync();
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + "/sectors/Many/waves/2026-Q3/brands/Brand%2012");

        var csat = page.Locator("[data-testid=headline][data-label='CSAT (% satisfied)']");
        await csat.WaitForAsync();
        (await csat.Locator("[data-testid=headline-value]").InnerTextAsync()).Should().Be("–");
        (await csat.InnerTextAsync()).Should().Contain("no answers in this wave");
        await csat.Locator("xpath=../..").ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "indicators-unanswered.png") });
    }
}
