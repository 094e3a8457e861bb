using CxPlus.Data.Demo;
using CxPlus.Data.League;
using CxPlus.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CxPlus.E2E.Tests;

/// <summary>
/// Issue #16: the reading pages (overview, league table, brand, compare, methodology, search) are
/// rendered on the server per request and hold no circuit; choosing a sector, a wave or a filter,
/// pointing at a chart and comparing brands still work as an analyst expects, and every view is a
/// link the back button returns to.
/// </summary>
public sealed class ReadingPagesTests(DemoDashboardFixture app) : IClassFixture<DemoDashboardFixture>
{
    private static readonly string Wave = DemoBenchmark.Waves[^1], Previous = DemoBenchmark.Waves[^2];

    private static string Shot(string name) => Path.Combine(DashboardFixture.ScreenshotDirectory, name);

    /// <summary>Opens a page and counts the WebSockets it opens: a Blazor circuit is one.</summary>
    private async Task<int> CircuitsOpenedByAsync(string path, string ready)
    {
        var page = await app.NewPageAsync();
        var sockets = 0;
        page.WebSocket += (_, socket) => { if (socket.Url.Contains("/_blazor", StringComparison.Ordinal)) Interlocked.Increment(ref sockets); };
        await page.GotoAsync(app.BaseUrl + path);
        await page.Locator(ready).First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Context.CloseAsync();
        return sockets;
    }

    public static TheoryData<string, string> ReadingPages => new()
    {
        { "/sectors", "[data-testid=sector-card]" },
        { "/", "[data-testid=league-table] tbody tr" },
        { $"/sectors/Insurance/waves/{Wave}/brands/Guardia", "[data-testid=reading]" },
        { $"/sectors/Insurance/waves/{Wave}/compare?brand=Guardia&brand=Fairway", "[data-testid=compare-table]" },
        { "/methodology", "h1" },
        { "/search?q=a", "[data-testid=search-results]" },
    };

    [Theory]
    [MemberData(nameof(ReadingPages))]
    public async Task A_reading_page_holds_no_circuit_on_the_server(string path, string ready)
    {
        (await CircuitsOpenedByAsync(path, ready)).Should().Be(0);
    }

    [Fact]
    public async Task The_imports_page_still_has_its_circuit()
    {
        // The counterpart of the test above: the count sees a circuit where there is one.
        (await CircuitsOpenedByAsync("/data/imports", "h1")).Should().Be(1);
    }

    [Fact]
    public async Task An_interactive_page_is_named_by_its_own_title_once_its_circuit_renders_it()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/data/imports");
        await page.Locator("h1").WaitForAsync();

        // Not prerendered: until the circuit renders the page, the tab shows the product's name; then the page's.
        await page.WaitForFunctionAsync("() => document.title === 'Imports — CX+'");
        (await page.Locator("head title").CountAsync()).Should().Be(2, "the product's name stays behind the page's, which comes first");
    }

    [Fact]
    public async Task Choosing_a_wave_and_a_sector_opens_their_table_and_back_returns_to_the_last()
    {
        var queries = app.Services.GetRequiredService<LeagueQueries>();
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Insurance/waves/{Wave}");
        await page.Locator("[data-testid=league-table] tbody tr").First.WaitForAsync();

        await page.Locator("[data-testid=wave-picker]").SelectOptionAsync(new SelectOptionValue { Label = Previous });
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Insurance — {Previous}" }).WaitForAsync();

        page.Url.Should().EndWith($"/sectors/Insurance/waves/{Previous}");
        var expected = await queries.LeagueAsync("Insurance", Previous);
        (await page.Locator("[data-testid=league-table] tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.brand)"))
            .Should().Equal(expected.Rows.Where(r => r.Eligible).Select(r => r.Brand));
        (await page.Locator("[data-testid=league-table] tbody tr td:nth-child(5)").First.InnerTextAsync())
            .Should().StartWith(Display.Score(expected.Rows[0].Result.Score!.Value));
        (await page.Locator("[data-testid=wave-picker]").EvaluateAsync<string>("s => s.selectedOptions[0].text")).Should().Be(Previous);
        (await page.TitleAsync()).Should().Be($"Insurance {Previous} — CX+ league table", "the tab, the history and a bookmark name the table shown");

        await page.Locator("[data-testid=sector-picker]").SelectOptionAsync(new SelectOptionValue { Label = "Energy" });
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Energy — {Previous}" }).WaitForAsync();
        (await page.Locator("[data-testid=unranked-table]").CountAsync()).Should().Be(1, "Energy has a brand below the minimum base");
        await page.Locator("[data-testid=show-filter]").SelectOptionAsync(new SelectOptionValue { Label = "Ranked brands only" });
        // The link changes before the page does: wait for the page.
        await page.Locator("[data-testid=unranked-table]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        page.Url.Should().Contain("show=ranked");

        await page.GoBackAsync();
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Insurance — {Previous}" }).WaitForAsync();
        (await page.TitleAsync()).Should().Be($"Insurance {Previous} — CX+ league table");
    }

    [Fact]
    public async Task Pointing_at_the_gap_map_shows_a_brands_numbers_until_the_pointer_leaves()
    {
        var page = await app.NewPageAsync(1280, 1000);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Insurance/waves/{Wave}");
        var detail = page.Locator("[data-testid=gap-map-detail]");
        var hint = await detail.InnerTextAsync();
        var point = page.Locator("[data-testid=gap-map] a.figure-point").First;
        var brand = await point.GetAttributeAsync("data-key");

        await point.HoverAsync();
        await page.Locator("[data-testid=gap-map-detail]", new() { HasText = brand + ": performance" }).WaitForAsync();
        await page.Mouse.MoveAsync(2, 2);

        (await detail.InnerTextAsync()).Should().Be(hint);
    }

    [Fact]
    public async Task The_sections_below_the_table_follow_the_page_and_arrive_in_their_places()
    {
        var page = await app.NewPageAsync(1280, 900);
        var release = new TaskCompletionSource();
        await page.RouteAsync(url => url.Contains("sections=all", StringComparison.Ordinal), async route => { await release.Task; await route.ContinueAsync(); });
        await page.GotoAsync(app.BaseUrl + $"/sectors/Insurance/waves/{Wave}");
        await page.Locator("[data-testid=league-table] tbody tr").First.WaitForAsync();

        // The table is in place; below it the four sections' headings, each body's place kept and marked busy.
        var pending = page.Locator("[data-part][data-pending]");
        (await pending.CountAsync()).Should().Be(4);
        (await pending.EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('aria-busy'))")).Should().OnlyContain(b => b == "true");
        (await page.Locator("[data-testid=gap-map]").CountAsync()).Should().Be(0);
        (await page.Locator("#factors").CountAsync()).Should().Be(1);
        // Without JavaScript a placeholder is a link to the page with every section in it.
        var fallback = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(await pending.First.Locator("noscript").InnerHTMLAsync(), "href=\"([^\"]+)\"").Groups[1].Value);
        fallback.Should().StartWith("/sectors/", "the link names no host, which behind a proxy may not be the one the browser knows")
            .And.Contain("sections=all").And.EndWith("#gap-map-title");

        release.SetResult();
        await page.ArrivedAsync();
        (await page.Locator("[aria-busy]").CountAsync()).Should().Be(0);
        (await page.Locator("[data-testid=gap-map] a.figure-point").EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('href'))"))
            .Should().NotBeEmpty().And.OnlyContain(href => href.Contains($"/waves/{Wave}/"));
        (await page.Locator("[data-testid=heatmap] tbody tr").CountAsync()).Should().BeGreaterThan(5);
        (await page.Locator("[data-testid=sector-drivers]").CountAsync()).Should().Be(1);
        (await page.Locator("[data-testid=sector-trend]").CountAsync()).Should().Be(1);

        await using var all = await page.APIRequest.GetAsync(app.BaseUrl + fallback);
        (await all.TextAsync()).Should().Contain("data-testid=\"gap-map\"").And.Contain("data-testid=\"heatmap\"").And.NotContain("data-pending");
    }

    [Fact]
    public async Task Sections_rendered_after_a_change_to_the_store_still_take_their_places()
    {
        // The store changed between the page and its sections: the bodies carry another generation in their keys.
        var page = await app.NewPageAsync(1280, 900);
        await page.RouteAsync(url => url.Contains("sections=all", StringComparison.Ordinal), async route =>
        {
            var response = await route.FetchAsync();
            var html = System.Text.RegularExpressions.Regex.Replace(await response.TextAsync(), "data-permanent=\"(gap-map|factors|drivers|trend) \\d+", "data-permanent=\"$1 999999");
            await route.FulfillAsync(new() { Response = response, Body = html });
        });
        await page.GotoAsync(app.BaseUrl + $"/sectors/Insurance/waves/{Wave}");

        await page.ArrivedAsync();
        (await page.Locator("[data-part]").EvaluateAllAsync<string[]>("ps => ps.map(p => p.dataset.permanent)")).Should().HaveCount(4).And.OnlyContain(k => k.Contains(" 999999 "));
        (await page.Locator("[data-testid=gap-map] a.figure-point").CountAsync()).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task When_the_sections_cannot_be_fetched_each_place_offers_a_link_to_them()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RouteAsync(url => url.Contains("sections=all", StringComparison.Ordinal), route => route.AbortAsync());
        await page.GotoAsync(app.BaseUrl + $"/sectors/Insurance/waves/{Wave}");

        var link = page.GetByRole(AriaRole.Link, new() { Name = "Show the gap map" });
        await link.WaitForAsync();
        (await link.GetAttributeAsync("href")).Should().Contain("sections=all").And.EndWith("#gap-map-title");
        (await page.Locator("[data-part][aria-busy]").CountAsync()).Should().Be(0, "nothing is on its way any more");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Show the sector trend" }).CountAsync()).Should().Be(1);

        await page.UnrouteAllAsync();
        await link.ClickAsync();
        await page.Locator("[data-testid=gap-map]").WaitForAsync();
    }

    [Fact]
    public async Task After_a_wave_change_the_sections_below_the_table_are_the_new_waves()
    {
        var page = await app.NewPageAsync(1280, 1000);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Insurance/waves/{Wave}");
        await page.Locator("[data-testid=gap-map]").WaitForAsync();
        await page.EvaluateAsync("() => { document.querySelector('[data-testid=gap-map]').dataset.seen = 'yes'; }");
        var before = await page.Locator("[data-testid=gap-map] a.figure-point").CountAsync();

        await page.Locator("[data-testid=wave-picker]").SelectOptionAsync(new SelectOptionValue { Label = Previous });
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Insurance — {Previous}" }).WaitForAsync();
        await page.ArrivedAsync();

        (await page.Locator("[data-testid=gap-map]").GetAttributeAsync("data-seen")).Should().BeNull("the gap map is another wave's");
        var after = await page.Locator("[data-testid=gap-map] a.figure-point").EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('href'))");
        after.Should().OnlyContain(href => href.Contains($"/waves/{Previous}/")).And.HaveCount(before);
        (await page.Locator("[data-testid=heatmap-gaps]").GetAttributeAsync("href")).Should().Contain($"/waves/{Previous}");
    }

    [Fact]
    public async Task A_link_to_a_section_below_the_table_lands_on_it_once_the_sections_arrive()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Insurance/waves/{Wave}?heatmap=gaps#factors");
        await page.Locator("[data-testid=heatmap][data-mode=gaps]").WaitForAsync();
        await page.ArrivedAsync();
        await page.PaintedAsync();

        var heading = await page.Locator("#factors").BoundingBoxAsync();
        heading!.Y.Should().BeInRange(0, 150, "the heading sits just below the app bar");

        // Switching the heatmap's view from there reloads the sections and keeps the reader at the heatmap.
        await page.Locator("[data-testid=heatmap-scores]").ClickAsync();
        await page.Locator("[data-testid=heatmap][data-mode=scores]").WaitForAsync();
        await page.ArrivedAsync();
        await page.PaintedAsync();
        (await page.Locator("#factors").BoundingBoxAsync())!.Y.Should().BeInRange(0, 150);
    }

    [Fact]
    public async Task Comparing_brands_is_a_form_whose_choice_lands_in_the_link()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Insurance/waves/{Wave}/compare");
        await page.GetByText("Choose two to four brands to compare.").WaitForAsync();

        await page.GetByLabel("Guardia").CheckAsync();
        await page.GetByLabel("Fairway").CheckAsync();
        await page.Locator("[data-testid=compare-submit]").ClickAsync();

        var header = page.Locator("[data-testid=compare-table] thead th");
        await header.First.WaitForAsync();
        (await header.AllInnerTextsAsync()).Select(t => t.Trim()).Should().BeEquivalentTo("", "Fairway", "Guardia");
        page.Url.Should().Contain("brand=Fairway").And.Contain("brand=Guardia");
        (await page.GetByLabel("Guardia").IsCheckedAsync()).Should().BeTrue();
        await page.ScreenshotAsync(new() { Path = Shot("compare-form.png"), FullPage = true });
    }
}
