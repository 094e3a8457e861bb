using System.Net;
using System.Text.RegularExpressions;
using CxPlus.Data.Accounts;

namespace CxPlus.Web.Tests;

/// <summary>
/// The pages anyone can land on (not found, access denied) lead a member's person back to its benchmark:
/// their links went to the agency's overview and league table, which refuse members, so a mistyped brand
/// ended in "access denied" whose own link was refused again (seen touring the demo as a member).
/// </summary>
public sealed partial class MemberDeadEndTests(AccessFixture access) : IClassFixture<AccessFixture>
{
    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();

    /// <summary>The links of the page's own block (not the header's, nor the style sheets').</summary>
    private static async Task<IReadOnlyList<string>> LinksAsync(HttpResponseMessage page, string block)
    {
        var html = await page.Content.ReadAsStringAsync();
        var start = html.IndexOf(block, StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"the page holds {block}");
        var body = html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
        return [.. Href().Matches(body).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    [Fact]
    public async Task A_member_who_asks_for_a_brand_it_does_not_hold_is_led_back_to_its_benchmark()
    {
        using var member = await access.BrowserAsync(AccessFixture.Email(AccountRoles.Client));
        using var page = await member.GetAsync("/benchmark/Retail%20Banking/waves/2026-Q3/brands/Bank%20B");

        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await LinksAsync(page, "data-testid=\"not-found\"")).Should().Equal("/benchmark");
    }

    [Fact]
    public async Task A_member_refused_a_page_is_led_back_to_its_benchmark()
    {
        using var member = await access.BrowserAsync(AccessFixture.Email(AccountRoles.Client));
        using var refused = await member.GetAsync("/sectors");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var page = await member.GetAsync(refused.Headers.Location);

        (await LinksAsync(page, "class=\"sign-in\"")).Should().Equal("/benchmark");
        // Not the agency's roles, which a member's person cannot be given.
        WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).Should().Contain("it is the research agency's own").And.NotContain("Ask an administrator for the role");
    }

    [Fact]
    public async Task A_member_who_opens_the_root_address_starts_at_its_benchmark_as_after_signing_in()
    {
        using var member = await access.BrowserAsync(AccessFixture.Email(AccountRoles.Client));
        using var root = await member.GetAsync("/");

        root.StatusCode.Should().Be(HttpStatusCode.Redirect);
        root.Headers.Location!.OriginalString.Should().Be("/benchmark");
    }

    [Fact]
    public async Task The_agency_s_people_are_still_led_to_the_overview_and_the_league_table()
    {
        using var viewer = await access.BrowserAsync(AccessFixture.Email(AccountRoles.Viewer));
        using var page = await viewer.GetAsync("/sectors/Retail%20Banking/waves/2026-Q3/brands/No%20Such%20Bank");

        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await LinksAsync(page, "data-testid=\"not-found\"")).Should().Equal("/sectors", "/");
    }
}
