using Microsoft.Playwright;
using CxPlus.Data.Demo;

namespace CxPlus.E2E.Tests;

/// <summary>
/// Issue 29, as an analyst reads what customers wrote on the demo benchmark: from the league page to
/// the comments, searched in Dutch word forms, filtered by tone and brand, paged, in both languages
/// and on a phone; the personal data the demo plants was removed at import.
/// </summary>
public sealed class CommentTests(DemoDashboardFixture app) : IClassFixture<DemoDashboardFixture>
{
    private static readonly string Wave = DemoBenchmark.Waves[^1];

    private static string Shot(string name) => Path.Combine(DashboardFixture.ScreenshotDirectory, name);

    [Fact]
    public async Task An_analyst_searches_the_comments_of_a_wave_and_filters_them_by_tone_and_brand()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Retail%20Banking/waves/{Wave}");
        await page.Locator("[data-testid=comments-link]").ClickAsync();
        await page.Locator("[data-testid=comment-count]").WaitForAsync();
        page.Url.Should().EndWith($"/sectors/Retail%20Banking/waves/{Wave}/comments");
        (await page.Locator("[data-testid=comment]").CountAsync()).Should().Be(20, "a full page");
        var all = await page.Locator("[data-testid=comment-count]").InnerTextAsync();
        all.Should().MatchRegex(@"^[\d,]+ comments · page 1 of \d+$");
        (await page.Locator("[data-testid=comments]").InnerTextAsync()).Should().NotMatchRegex(@"06 \d{8}", "phone numbers were removed at import");

        // Dutch word forms: "medewerkers" finds what was written as "medewerker" (the Dutch stemmer), and marks it.
        await page.Locator("[data-testid=comment-search]").FillAsync("medewerkers");
        await page.Locator("[data-testid=comment-submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("q=medewerkers", StringComparison.Ordinal));
        // An enhanced navigation: the address changes first, then the page's content.
        await page.Locator("[data-testid=comment] mark").First.WaitForAsync();
        var found = page.Locator("[data-testid=comment]");
        (await found.EvaluateAllAsync<bool>("cs => cs.every(c => c.querySelector('mark') !== null)")).Should().BeTrue("every comment found shows what matched");
        (await page.Locator("[data-testid=comment] mark").AllInnerTextsAsync()).Select(m => m.ToLowerInvariant()).Should().Contain("medewerker");
        (await page.Locator("[data-testid=comment-count]").InnerTextAsync()).Should().NotBe(all);
        await page.ScreenshotAsync(new() { Path = Shot("comments-search.png") });

        // Detractors only, and one brand, chosen in the form: the search stays.
        await page.Locator("[data-testid=comment-tone]").SelectOptionAsync("detractor");
        var brand = (await page.Locator("[data-testid=comment-brand] option").AllInnerTextsAsync())[1];
        await page.Locator("[data-testid=comment-brand]").SelectOptionAsync(new SelectOptionValue { Label = brand });
        await page.Locator("[data-testid=comment-submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("tone=detractor", StringComparison.Ordinal));
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=comment-tone-mark]')].every(t => t.textContent === 'detractor')");
        page.Url.Should().Contain("q=medewerkers");
        var tones = await page.Locator("[data-testid=comment-tone-mark]").AllInnerTextsAsync();
        tones.Should().OnlyContain(t => t == "detractor");
        (await page.Locator("[data-testid=comment] strong").AllInnerTextsAsync()).Should().OnlyContain(b => b == brand);
    }

    [Fact]
    public async Task The_comments_page_pages_speaks_Dutch_and_fits_a_phone()
    {
        var page = await app.NewPageAsync(400, 900, locale: "nl-NL");
        await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}/comments?page=2");
        (await page.Locator("[data-testid=comment-count]").InnerTextAsync()).Should().MatchRegex(@"^[\d.]+ opmerkingen · pagina 2 van \d+$");
        (await page.Locator("[data-testid=previous-page]").InnerTextAsync()).Should().Be("← Vorige");
        (await page.Locator("[data-testid=comment-tone] option").AllInnerTextsAsync()).Should().Equal("Elke toon", "promotor", "passief", "criticaster");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("nothing wider than a phone");
        await page.ScreenshotAsync(new() { Path = Shot("comments-nl-phone.png"), FullPage = false });

        // The brand page links to its comments.
        await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}/brands/Voltra");
        await page.Locator("[data-testid=brand-comments-link]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("brand=Voltra", StringComparison.Ordinal));
        await page.Locator("[data-testid=comment]").First.WaitForAsync();
        (await page.Locator("[data-testid=comment] strong").AllInnerTextsAsync()).Should().NotBeEmpty().And.OnlyContain(b => b == "Voltra");
    }

    [Fact]
    public async Task The_brand_page_says_what_its_customers_mention_more_or_less_often_than_the_rest_of_the_sector()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}/brands/Voltra");
        await page.Locator("#themes").ScrollIntoViewIfNeededAsync();
        var table = page.Locator("[data-testid=theme-table]");
        await table.WaitForAsync();
        (await table.Locator("thead th").AllTextContentsAsync()).Should().Equal("Theme", "Success factor", "Share", "vs sector", "Impact on NPS");
        (await table.Locator("tbody td:first-child").AllTextContentsAsync()).Should().Contain(["Waiting and reachability", "Staff attitude", "Digital and app"]);
        (await page.Locator("[data-testid=theme-findings]").TextContentAsync()).Should().NotBeNullOrWhiteSpace();
        // Its customers' own words for the leading themes, with their tone.
        var quotes = page.Locator("[data-testid=theme-quotes]");
        (await quotes.CountAsync()).Should().BeInRange(1, 3);
        (await quotes.First.Locator("[data-testid=theme-quote]").AllTextContentsAsync()).Should().NotBeEmpty()
            .And.OnlyContain(q => q.TrimStart().StartsWith('“') && !System.Text.RegularExpressions.Regex.IsMatch(q, @"06 \d{8}"));
        await page.Locator("section[aria-labelledby=themes]").ScreenshotAsync(new() { Path = Shot("brand-themes.png") });

        var dutch = await app.NewPageAsync(1280, 900, locale: "nl-NL");
        await dutch.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}/brands/Voltra");
        (await dutch.Locator("#themes").TextContentAsync()).Should().Be("Wat klanten zeggen");
        (await dutch.Locator("[data-testid=theme-table] tbody td:first-child").AllTextContentsAsync()).Should().Contain("Wachten en bereikbaarheid");
    }
}
