using System.Net;
using System.Net.Http.Json;

namespace CxPlus.Web.Tests;

/// <summary>
/// Issue #16: the reading pages are rendered on the server for each request (no circuit), so
/// their HTML carries the numbers; the brand search answers with a page, a redirect to the one
/// brand meant, or suggestions while typing. On the worked example (Bank A, B and C).
/// </summary>
public sealed class ReadingPagesTests(AccessFixture access) : IClassFixture<AccessFixture>
{
    private const string League = "/sectors/Retail%20Banking/waves/2026-Q3";

    [Fact]
    public async Task The_league_page_is_html_with_the_ranked_brands_and_no_interactive_component()
    {
        using var client = await access.BrowserAsync(AccessFixture.Email(CxPlus.Data.Accounts.AccountRoles.Viewer));

        var html = await client.GetStringAsync(League);

        html.Should().Contain("data-brand=\"Bank C\"").And.Contain("data-brand=\"Bank B\"").And.Contain("data-brand=\"Bank A\"");
        html.IndexOf("data-brand=\"Bank C\"", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("data-brand=\"Bank A\"", StringComparison.Ordinal));
        html.Should().NotContain("Blazor:", "a server-interactive component would be announced by a Blazor comment marker");
        html.Should().Contain("data-navigate", "the pickers are native selects whose options are links");
    }

    [Fact]
    public async Task The_sections_below_the_table_are_places_in_the_page_and_whole_with_sections_all()
    {
        using var client = await access.BrowserAsync(AccessFixture.Email(CxPlus.Data.Accounts.AccountRoles.Viewer));

        var page = await client.GetStringAsync(League);
        var all = await client.GetStringAsync(League + "?sections=all");

        // ADR 0009: the page keeps the gap map's heading and a busy place; the whole page has the figure.
        static string Key(string html) => System.Text.RegularExpressions.Regex.Match(html, "data-part=\"gap-map\" data-permanent=\"([^\"]+)\"").Groups[1].Value;
        page.Should().Contain("id=\"gap-map-title\"").And.Contain("data-pending").And.NotContain("data-testid=\"gap-map\"");
        all.Should().Contain("data-testid=\"gap-map\"").And.NotContain("data-pending");
        Key(page).Should().NotBeEmpty().And.Be(Key(all), "the page and its sections agree on what the body shows")
            .And.EndWith("sectors/Retail%20Banking/waves/2026-Q3");
    }

    [Fact]
    public async Task Suggestions_name_the_brands_that_contain_the_text_with_their_sector_and_page()
    {
        using var client = await access.BrowserAsync(AccessFixture.Email(CxPlus.Data.Accounts.AccountRoles.Viewer));

        var suggestions = await client.GetFromJsonAsync<Suggestion[]>("/search/brands?q=BANK");
        var one = await client.GetFromJsonAsync<Suggestion[]>("/search/brands?q=nk%20c");
        var none = await client.GetFromJsonAsync<Suggestion[]>("/search/brands?q=%20");

        suggestions!.Select(s => s.Value).Should().Equal("Bank A", "Bank B", "Bank C");
        one.Should().Equal(new Suggestion("Bank C", "Retail Banking, 2026-Q3", League + "/brands/Bank%20C"));
        none.Should().BeEmpty();
    }

    [Fact]
    public async Task A_search_that_means_one_brand_opens_it_and_one_that_means_several_lists_them()
    {
        using var client = await access.BrowserAsync(AccessFixture.Email(CxPlus.Data.Accounts.AccountRoles.Viewer));

        using var one = await client.GetAsync("/search?q=bank%20b");
        var several = WebUtility.HtmlDecode(await client.GetStringAsync("/search?q=bank"));
        var nothing = WebUtility.HtmlDecode(await client.GetStringAsync("/search?q=insurer"));

        one.StatusCode.Should().Be(HttpStatusCode.Found);
        one.Headers.Location!.OriginalString.Should().EndWith(League + "/brands/Bank%20B");
        several.Should().Contain("3 brands have “bank” in their name").And.Contain(League + "/brands/Bank%20A");
        nothing.Should().Contain("No brand in any sector has “insurer” in its name");
    }

    [Theory]
    [InlineData(League, "Retail Banking 2026-Q3 — CX+ league table")]
    [InlineData("/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A", "Bank A — CX+ 2026-Q3")]
    [InlineData("/methodology", "CX+ methodology")]
    [InlineData("/no/such/page", "Not found — CX+")]
    public async Task A_page_names_itself_in_the_browser_tab_with_its_one_title(string path, string title)
    {
        using var client = await access.BrowserAsync(AccessFixture.Email(CxPlus.Data.Accounts.AccountRoles.Viewer));

        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        // A browser shows the first <title> in the document: a fixed one before the page's own named every tab "CxPlus".
        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)]; // the figures' <title>s are their points' tooltips
        var titles = System.Text.RegularExpressions.Regex.Matches(head, "<title>([^<]*)</title>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));
        titles.Should().Equal(title);
    }

    [Fact]
    public async Task The_theme_is_one_stylesheet_the_browser_keeps_not_a_style_block_in_every_page()
    {
        using var anonymous = await access.BrowserAsync();

        var signIn = await anonymous.GetStringAsync("/account/sign-in");
        var href = System.Text.RegularExpressions.Regex.Match(signIn, "<link href=\"(/theme\\.css\\?v=[0-9a-f]+)\" rel=\"stylesheet\"").Groups[1].Value;
        using var theme = await anonymous.GetAsync(href);

        href.Should().NotBeEmpty("every page links the versioned theme");
        signIn.Should().NotContain("mud-theme-provider");
        theme.StatusCode.Should().Be(HttpStatusCode.OK);
        theme.Content.Headers.ContentType!.MediaType.Should().Be("text/css");
        theme.Headers.CacheControl!.ToString().Should().Contain("immutable");
        (await theme.Content.ReadAsStringAsync()).Should().Contain("--mud-palette-primary:");
    }

    private sealed record Suggestion(string Value, string Label, string Href);
}
