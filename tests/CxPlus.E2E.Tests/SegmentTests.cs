using Microsoft.Playwright;
using CxPlus.Data.Demo;

namespace CxPlus.E2E.Tests;

/// <summary>
/// Issue 28, as an analyst uses it on the demo benchmark: the league page offers the wave's segments,
/// choosing one shows that segment's own table (its bases, minimums and ranks) under a link that can
/// be shared, in English and Dutch, and the downloads follow the view.
/// </summary>
public sealed class SegmentTests(DemoDashboardFixture app) : IClassFixture<DemoDashboardFixture>
{
    private static readonly string Wave = DemoBenchmark.Waves[^1];

    private static string Shot(string name) => Path.Combine(DashboardFixture.ScreenshotDirectory, name);

    [Fact]
    public async Task Choosing_a_segment_shows_its_own_table_under_a_link_that_can_be_shared()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Retail%20Banking/waves/{Wave}");
        var picker = page.Locator("[data-testid=segment-picker]");
        (await picker.Locator("option").AllInnerTextsAsync()).Should().StartWith(["All customers", "age: 18-34", "age: 35-54", "age: 55+"])
            .And.Contain(["contact_reason: complaint", "lifecycle: new", "region: Flanders"]);
        var whole = await page.Locator("[data-testid=league-table] tbody tr").First.InnerTextAsync();

        await picker.SelectOptionAsync(new SelectOptionValue { Label = "age: 18-34" });
        var note = page.Locator("[data-testid=segment-note]");
        await note.WaitForAsync();
        page.Url.Should().Contain("segment=age").And.Contain("category=18-34");
        (await note.InnerTextAsync()).Should().Contain("Segment age: 18-34").And.Contain("at least 50 customers and 30 prospects");
        (await picker.EvaluateAsync<string>("s => s.selectedOptions[0].text")).Should().Be("age: 18-34");
        var young = await page.Locator("[data-testid=league-table] tbody tr").First.InnerTextAsync();
        young.Should().NotBe(whole, "the young customers' numbers are their own");
        (await page.Locator("[data-testid=lens-switch]").CountAsync()).Should().Be(1, "the segment has its own Six Pillars and KEI tables");
        (await page.Locator("[data-testid=download-csv]").GetAttributeAsync("href")).Should().EndWith("/league.csv?segment=age&category=18-34");
        await page.ScreenshotAsync(new() { Path = Shot("segment-league.png"), FullPage = false });

        // The link, opened by a colleague, shows the same view; a customers-only segment says whose expectation it uses.
        var shared = await app.NewPageAsync(1280, 900);
        await shared.GotoAsync(page.Url);
        (await shared.Locator("[data-testid=league-table] tbody tr").First.InnerTextAsync()).Should().Be(young);
        await shared.GotoAsync(app.BaseUrl + $"/sectors/Retail%20Banking/waves/{Wave}?segment=contact_reason&category=complaint");
        (await shared.Locator("[data-testid=segment-note]").InnerTextAsync()).Should().Contain("Only customers were asked for contact_reason");

        // Back to all customers: the whole table again.
        await picker.SelectOptionAsync(new SelectOptionValue { Label = "All customers" });
        // An enhanced navigation: the address changes first, then the page's content.
        await note.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        page.Url.Should().NotContain("segment=");
        (await page.Locator("[data-testid=league-table] tbody tr").First.InnerTextAsync()).Should().Be(whole);
    }

    [Fact]
    public async Task A_segment_view_speaks_Dutch_and_a_missing_category_says_which_there_are()
    {
        var page = await app.NewPageAsync(1280, 900, locale: "nl-NL");
        await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}?segment=lifecycle&category=loyal");
        (await page.Locator("[data-testid=segment-note]").InnerTextAsync()).Should().Contain("Segment lifecycle: loyal").And.Contain("vanaf 50 klanten en 30 prospects")
            .And.Contain("Alleen klanten kregen de vraag naar lifecycle");
        (await page.Locator("[data-testid=segment-picker] option").First.InnerTextAsync()).Should().Be("Alle klanten");
        await page.ScreenshotAsync(new() { Path = Shot("segment-league-nl.png") });

        var response = await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}?segment=lifecycle&category=leaving");
        response!.Status.Should().Be(404);
        (await page.Locator("body").InnerTextAsync()).Should().Contain("Segment lifecycle heeft geen categorie \"leaving\" in 2026-Q3. Categorieën: established, loyal, new.");
    }

    [Fact]
    public async Task The_brand_page_says_where_its_customers_in_a_category_differ_from_its_other_customers()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Retail%20Banking/waves/{Wave}/brands/Northbank");
        var tables = page.Locator("[data-testid=segment-contrast]");
        await tables.First.WaitForAsync();
        (await tables.EvaluateAllAsync<string[]>("ts => ts.map(t => t.dataset.segment)")).Should().Equal("age", "contact_reason", "lifecycle", "region");
        var age = page.Locator("[data-testid=segment-contrast][data-segment=age]");
        (await age.Locator("thead th").EvaluateAllAsync<string[]>("ths => ths.map(th => th.firstChild.textContent.trim())")).Should().Equal("Measure", "18-34", "35-54", "55+");
        (await age.Locator("tbody th").AllTextContentsAsync()).Should().StartWith(["CX+ score", "CX Performance Score", "Expectation Score", "Experience Gap", "Clear Brand Promise"]);
        var lifecycle = page.Locator("[data-testid=segment-contrast][data-segment=lifecycle]");
        (await lifecycle.Locator("tbody th").AllTextContentsAsync()).Should().NotContain("CX+ score", "only customers carry lifecycle");
        // The demo's young customers rate lower: a significant difference, in words.
        var findings = await page.Locator("[data-testid=segment-findings] li").AllTextContentsAsync();
        findings[0].Should().MatchRegex(@"^Customers in \w+: \S+ rate Northbank \d+\.\d points (lower|higher) on ", "what customers experience comes first");
        findings.Should().Contain(f => f.StartsWith("Customers in age: 18-34 rate Northbank ", StringComparison.Ordinal) && f.Contains(" points lower on ", StringComparison.Ordinal));
        // The section is painted when it comes near the screen (class "later").
        await page.Locator("#segments").ScrollIntoViewIfNeededAsync();
        await page.Locator("section[aria-labelledby=segments]").ScreenshotAsync(new() { Path = Shot("segment-brand.png") });
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue();
    }

    [Fact]
    public async Task Brands_are_compared_within_a_segment_and_the_segment_stays_when_the_brands_change()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Retail%20Banking/waves/{Wave}?segment=age&category=55%2B");
        await page.Locator("[data-testid=compare-link]").ClickAsync();
        await page.Locator("[data-testid=compare-table]").WaitForAsync();
        page.Url.Should().Contain("segment=age").And.Contain("category=55");
        (await page.Locator("[data-testid=segment-note]").InnerTextAsync()).Should().Contain("Segment age: 55+");
        var bases = await page.Locator("[data-testid=compare-table] tbody tr").Last.InnerTextAsync();

        // Another brand chosen: still the 55+ customers.
        var boxes = page.Locator("[data-testid=brand-picker] input[type=checkbox]:not(:checked)");
        await boxes.First.CheckAsync();
        await page.Locator("[data-testid=compare-submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Split("brand=").Length == 4);
        page.Url.Should().Contain("segment=age");
        (await page.Locator("[data-testid=segment-picker]").EvaluateAsync<string>("s => s.selectedOptions[0].text")).Should().Be("age: 55+");

        // All customers: the whole brands' bases.
        await page.Locator("[data-testid=segment-picker]").SelectOptionAsync(new SelectOptionValue { Label = "All customers" });
        await page.Locator("[data-testid=segment-note]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await page.Locator("[data-testid=compare-table] tbody tr").Last.InnerTextAsync()).Should().NotBe(bases);
        page.Url.Split("brand=").Length.Should().Be(4, "the three brands stay chosen");
        await page.GotoAsync(page.Url + "&segment=region&category=Flanders");
        await page.Locator("[data-testid=segment-note]").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Shot("segment-compare.png") });
    }

    [Fact]
    public async Task The_overview_shows_every_sector_within_a_segment_and_its_cards_open_that_view()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + "/sectors");
        var whole = await page.Locator("[data-testid=sector-card] [data-testid=average]").AllInnerTextsAsync();

        await page.Locator("[data-testid=segment-picker]").SelectOptionAsync(new SelectOptionValue { Label = "age: 18-34" });
        await page.Locator("[data-testid=segment-note]").WaitForAsync();
        (await page.Locator("[data-testid=sector-card]").CountAsync()).Should().Be(4);
        var young = await page.Locator("[data-testid=sector-card] [data-testid=average]").AllInnerTextsAsync();
        young.Should().NotEqual(whole, "the young customers' averages are their own");
        await page.ScreenshotAsync(new() { Path = Shot("segment-overview.png") });

        await page.Locator("[data-testid=sector-card] h2 a").First.ClickAsync();
        await page.Locator("[data-testid=league-table]").WaitForAsync();
        page.Url.Should().Contain("segment=age").And.Contain("category=18-34");
    }

    [Fact]
    public async Task A_segment_view_has_its_own_lens_tables_drivers_and_brand_pages()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Retail%20Banking/waves/{Wave}?segment=age&category=55%2B");
        await page.ArrivedAsync();
        (await page.Locator("#drivers").TextContentAsync()).Should().Be("What drives recommendation in Retail Banking among age: 55+");
        (await page.Locator("[data-testid=sector-drivers]").GetAttributeAsync("data-estimable")).Should().Be("true");

        // The Six Pillars of the 55+ customers: their own table, minimums and downloads.
        await page.Locator("[data-testid=lens-cee]").ClickAsync();
        await page.Locator("[data-testid=lens-table]").WaitForAsync();
        page.Url.Should().Contain("lens=cee").And.Contain("segment=age");
        (await page.Locator("[data-testid=segment-note]").InnerTextAsync()).Should()
            .Be("Segment age: 55+. Every number is computed over each brand's customers in this category; a brand is ranked with at least 50 customers in it.");
        (await page.Locator("[data-testid=download-lens-csv]").GetAttributeAsync("href")).Should().EndWith("/league.csv?lens=cee&segment=age&category=55%2B");
        await page.ScreenshotAsync(new() { Path = Shot("segment-lens.png") });

        // A brand of the lens table opens its page within the segment: its row, trend and priorities in the category.
        await page.Locator("[data-testid=lens-table] td.brand a").First.ClickAsync();
        await page.Locator("[data-testid=reading]").WaitForAsync();
        page.Url.Should().Contain("/brands/").And.Contain("segment=age").And.Contain("category=55");
        (await page.Locator("[data-testid=segment-picker]").EvaluateAsync<string>("s => s.selectedOptions[0].text")).Should().Be("age: 55+");
        (await page.Locator("[data-testid=segment-note]").InnerTextAsync()).Should().StartWith("Segment age: 55+.");
        (await page.Locator("[data-testid=download-report]").CountAsync()).Should().Be(0, "the reports are the whole brand's");
        (await page.Locator("section[aria-labelledby=segments]").CountAsync()).Should().Be(0, "the comparison of categories is the whole brand's page");
        var trend = page.Locator("[data-testid=trend-table] tbody tr");
        (await trend.CountAsync()).Should().BeGreaterThan(1, "the category in every wave");
        (await trend.Last.Locator("a").GetAttributeAsync("href")).Should().Contain("segment=age");
        var inSegment = await page.Locator("[data-testid=trend-table] tbody tr").Last.InnerTextAsync();
        await page.ArrivedAsync();
        (await page.Locator("[data-testid=priority-sentence]").CountAsync()).Should().Be(1);
        await page.ScreenshotAsync(new() { Path = Shot("segment-brand-view.png"), FullPage = true });
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue();

        // All customers: the whole brand again, with its reports and its segments section.
        await page.Locator("[data-testid=segment-picker]").SelectOptionAsync(new SelectOptionValue { Label = "All customers" });
        await page.Locator("[data-testid=segment-note]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await page.Locator("[data-testid=download-report]").CountAsync()).Should().Be(1);
        (await page.Locator("[data-testid=trend-table] tbody tr").Last.InnerTextAsync()).Should().NotBe(inSegment);
    }

    [Fact]
    public async Task A_brand_page_in_a_segment_speaks_Dutch()
    {
        var page = await app.NewPageAsync(1280, 900, locale: "nl-NL");
        await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}/brands/Voltra?segment=region&category=Flanders");
        (await page.Locator("[data-testid=segment-note]").InnerTextAsync()).Should().StartWith("Segment region: Flanders. Elk getal is berekend");
        (await page.Locator("[data-testid=segment-picker] option").First.InnerTextAsync()).Should().Be("Alle klanten");
        var missing = await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}/brands/Nobody?segment=region&category=Flanders");
        missing!.Status.Should().Be(404);
        (await page.Locator("body").InnerTextAsync()).Should().Contain("\"Nobody\" heeft geen respondenten in region: Flanders in Energy 2026-Q3.");
    }
}
