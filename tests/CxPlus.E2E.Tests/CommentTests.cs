using Microsoft.Extensions.DependencyInjection;
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
    public async Task An_analyst_filters_the_comments_by_theme_from_the_brand_page_and_sees_the_themes_words_marked()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}/brands/Voltra");
        await page.Locator("#themes").ScrollIntoViewIfNeededAsync();
        // A theme's name in the table opens the brand's comments that mention it.
        await page.Locator("[data-testid=theme-table] tr[data-theme=waiting] a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("theme=waiting", StringComparison.Ordinal));
        await page.Locator("[data-testid=comment] mark").First.WaitForAsync();
        page.Url.Should().Contain("brand=Voltra");
        (await page.Locator("[data-testid=comment-theme]").InputValueAsync()).Should().Be("waiting");
        (await page.Locator("[data-testid=comment] strong").AllInnerTextsAsync()).Should().NotBeEmpty().And.OnlyContain(b => b == "Voltra");
        (await page.Locator("[data-testid=comment]").EvaluateAllAsync<bool>("cs => cs.every(c => c.querySelector('mark') !== null)"))
            .Should().BeTrue("each comment shows the words that put it under the theme");
        var marked = (await page.Locator("[data-testid=comment] mark").AllInnerTextsAsync()).Select(m => m.ToLowerInvariant()).ToList();
        marked.Should().OnlyContain(m => m.StartsWith("wacht") || m.StartsWith("wait") || m.StartsWith("bereikba") || m.StartsWith("onbereikba") || m.StartsWith("reach")
            || m.StartsWith("terugbel") || m.StartsWith("queue") || new[] { "gewacht", "lang", "traag", "belde", "slow", "hold", "callback", "called" }.Contains(m));
        var waiting = await page.Locator("[data-testid=comment-count]").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Shot("comments-theme.png") });

        // Another theme, chosen in the form: other comments, the brand kept.
        await page.Locator("[data-testid=comment-theme]").SelectOptionAsync("staff");
        await page.Locator("[data-testid=comment-submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("theme=staff", StringComparison.Ordinal));
        await page.WaitForFunctionAsync("w => document.querySelector('[data-testid=comment-count]').textContent.trim() !== w", waiting);
        page.Url.Should().Contain("brand=Voltra");

        // A theme the frame does not have is named, with the themes it has.
        await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}/comments?theme=weather");
        (await page.Locator("[data-testid=not-found]").InnerTextAsync()).Should().Contain("There is no theme \"weather\"").And.Contain("waiting");
    }

    [Fact]
    public async Task A_data_manager_edits_a_theme_with_its_rules_tried_as_typed_and_the_comments_follow_the_saved_frame()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}/comments?theme=waiting");
        var before = await page.Locator("[data-testid=comment-count]").InnerTextAsync();
        await page.Locator("[data-testid=frame-link]").ClickAsync();
        await page.Locator("[data-testid=frame-themes]").WaitForAsync();
        (await page.Locator("[data-testid=frame-version]").InnerTextAsync()).Should().Be("The frame as CxPlus ships it (version 0).");
        (await page.Locator("[data-testid=frame-themes] tbody tr").CountAsync()).Should().Be(7);

        await page.Locator("tr[data-theme=waiting] [data-testid=edit-theme]").ClickAsync();
        await page.Locator("[data-testid=preview-sector]").SelectOptionAsync("Energy");
        await page.Locator("[data-testid=preview-summary]", new() { HasText = "Energy" }).WaitForAsync();
        (await page.Locator("[data-testid=preview-summary]").InnerTextAsync()).Should().MatchRegex($@"^Of the [\d,]+ comments of Energy {Wave}, this theme matches [\d,]+ \([\d.]+ %\)\.$");
        var word = page.Locator("[data-testid=preview-rules] tr[data-rule='gewacht']");
        int.Parse(await word.Locator("[data-testid=rule-matches]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(0);
        (await word.Locator("[data-testid=rule-sample] mark").AllInnerTextsAsync()).Should().HaveCount(3).And.OnlyContain(m => m == "gewacht");

        // A rule typed is tried at once: "klacht" finds the complaints; two words are not a rule.
        var rules = page.Locator("[data-testid=theme-rules-nl]");
        var shipped = await rules.InputValueAsync();
        await rules.FillAsync(shipped + ", klacht, twee woorden");
        var complaint = page.Locator("[data-testid=preview-rules] tr[data-rule='klacht']");
        await complaint.WaitForAsync();
        (await complaint.Locator("[data-testid=rule-sample] mark").AllInnerTextsAsync()).Should().NotBeEmpty().And.OnlyContain(m => m == "klacht");
        (await page.Locator("[data-testid=preview-rules] tr[data-rule='twee woorden'] [data-testid=not-a-rule]").InnerTextAsync()).Should().Contain("not one word");
        await page.Locator("[data-testid=theme-editor]").ScreenshotAsync(new() { Path = Shot("frame-editor.png") });

        // Saved with the bad rule: refused in words, nothing changed. Without it: saved, audited, and the comments follow.
        await page.Locator("[data-testid=save-frame]").ClickAsync();
        (await page.Locator("[data-testid=frame-refused]").InnerTextAsync()).Should().Be("Theme \"waiting\": the Dutch rule \"twee woorden\" is not one word or a stem ending in *.");
        await rules.FillAsync(shipped + ", klacht");
        await page.Locator("[data-testid=save-frame]").ClickAsync();
        (await page.Locator("[data-testid=frame-done]").InnerTextAsync()).Should().Be("Saved: coding frame version 1, 7 themes.");
        (await page.Locator("tr[data-theme=waiting] td.rules[lang=nl]").InnerTextAsync()).Should().EndWith("klacht");
        (await page.Locator("[data-testid=frame-version]").InnerTextAsync()).Should().StartWith($"Version 1, changed by {DashboardFixture.Email} on ");
        try
        {
            await page.GotoAsync(app.BaseUrl + $"/sectors/Energy/waves/{Wave}/comments?theme=waiting");
            (await page.Locator("[data-testid=comment-count]").InnerTextAsync()).Should().NotBe(before, "the complaints now count under waiting");

            // A theme added, then removed after its confirmation.
            await page.GotoAsync(app.BaseUrl + "/data/themes");
            await page.Locator("[data-testid=add-theme]").ClickAsync();
            await page.Locator("[data-testid=theme-key]").FillAsync("outage");
            await page.Locator("[data-testid=theme-name-nl]").FillAsync("Storingen");
            await page.Locator("[data-testid=theme-name-en]").FillAsync("Outages");
            await page.Locator("[data-testid=theme-rules-nl]").FillAsync("storing*");
            await page.Locator("[data-testid=theme-rules-en]").FillAsync("outage*");
            await page.Locator("[data-testid=save-frame]").ClickAsync();
            (await page.Locator("[data-testid=frame-done]").InnerTextAsync()).Should().Be("Saved: coding frame version 2, 8 themes.");
            await page.Locator("tr[data-theme=outage] [data-testid=edit-theme]").ClickAsync();
            await page.Locator("[data-testid=remove-theme]").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove the theme" }).ClickAsync();
            (await page.Locator("[data-testid=frame-done]").InnerTextAsync()).Should().Be("Outages removed: coding frame version 3.");
            (await page.Locator("tr[data-theme=outage]").CountAsync()).Should().Be(0);
        }
        finally
        {
            await app.Services.GetRequiredService<CxPlus.Data.Comments.CodingFrames>().SaveAsync(CxPlus.Scoring.Comments.CodingFrame.Starting, "e2e");
        }
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
