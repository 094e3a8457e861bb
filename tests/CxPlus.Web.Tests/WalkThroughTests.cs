using System.Globalization;
using System.Net;
using System.Text;
using CxPlus.Data.Accounts;
using CxPlus.Data.Curation;
using CxPlus.Data.Importing;
using CxPlus.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Web.Tests;

/// <summary>
/// Issue #25's walk-through, as an analyst meets it: a newest wave whose fieldwork has only begun
/// (a few responses, nobody ranked) must not replace the last real league table on the home page and
/// the overview; an unknown sector, wave or brand answers 404; a renamed brand's old links still lead to it.
/// The worked example (2026-Q3) plus six early 2026-Q4 responses of Bank A, in a store of its own.
/// </summary>
public sealed class WalkThroughTests : IAsyncLifetime
{
    private readonly AccessFixture _access = new();

    public async Task InitializeAsync()
    {
        await _access.InitializeAsync();
        var importer = new ResponseImporter(_access.App.Database.DataSource, ScoringSettings.Default, TimeProvider.System);
        var early = Path.Combine(Path.GetTempPath(), $"cxplus-early-{Guid.NewGuid():N}.csv");
        var csv = new StringBuilder("wave,sector,brand,respondent_id,role,clear_brand_promise,empowered_employees,empowered_customers,lasting_memories,exceptional_delivery\n");
        for (var i = 0; i < 6; i++)
            csv.Append(CultureInfo.InvariantCulture, $"2026-Q4,Retail Banking,Bank A,early{i},{(i % 2 == 0 ? "customer" : "prospect")},7,8,6,7,8\n");
        await File.WriteAllTextAsync(early, csv.ToString());
        try
        {
            (await importer.ImportAsync(early, new ImportOptions("early.csv", "walk-through"))).Succeeded.Should().BeTrue();
        }
        finally { File.Delete(early); }
    }

    public Task DisposeAsync() => _access.DisposeAsync();

    private Task<HttpClient> ViewerAsync() => _access.BrowserAsync(AccessFixture.Email(AccountRoles.Viewer));

    [Fact]
    public async Task Home_shows_the_latest_wave_in_which_a_brand_is_ranked_not_a_wave_just_begun()
    {
        using var client = await ViewerAsync();

        var home = await client.GetStringAsync("/");

        WebUtility.HtmlDecode(home).Should().Contain("<title>Retail Banking 2026-Q3 — CX+ league table</title>");
        home.Should().Contain("data-brand=\"Bank C\"");
    }

    [Fact]
    public async Task The_overview_summarises_the_ranked_wave_and_names_the_newer_one()
    {
        using var client = await ViewerAsync();

        var overview = await client.GetStringAsync("/sectors");

        overview.Should().Contain("Wave 2026-Q3");
        var newer = overview[overview.IndexOf("data-testid=\"newer-wave\"", StringComparison.Ordinal)..];
        newer[..newer.IndexOf("</", newer.IndexOf("</a>", StringComparison.Ordinal) + 4, StringComparison.Ordinal)]
            .Should().Contain("2026-Q4").And.Contain("no brand is ranked yet");
    }

    [Fact]
    public async Task The_newer_wave_itself_still_opens_with_its_unranked_brand()
    {
        using var client = await ViewerAsync();

        using var response = await client.GetAsync("/sectors/Retail%20Banking/waves/2026-Q4");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"unranked-table\"").And.Contain("Bank A").And.NotContain("data-brand=\"Bank C\"");
    }

    [Theory]
    [InlineData("/sectors/Retail%20Banking/waves/2031-Q1", "There is no wave")]
    [InlineData("/sectors/Fishing/waves/2026-Q3", "There is no sector")]
    [InlineData("/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20Z", "no brand")]
    [InlineData("/sectors/Fishing/waves/2026-Q3/compare?brand=Bank%20A&brand=Bank%20B", "There is no sector")]
    public async Task An_unknown_sector_wave_or_brand_answers_404_with_what_there_is(string path, string sentence)
    {
        using var client = await ViewerAsync();

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain(sentence).And.Contain("the latest league table");
    }

    [Fact]
    public async Task Links_from_before_a_rename_or_merge_lead_to_the_current_names_on_every_page_and_in_the_api()
    {
        var changes = _access.App.Factory.Services.GetRequiredService<NameChanges>();
        await changes.RenameSectorAsync("Retail Banking", "Banking", "walk-through");
        await changes.RenameBrandAsync("Banking", "Bank B", "Bee Bank", "walk-through");
        await changes.RenameBrandAsync("Banking", "Bee Bank", "Bank Bee", "walk-through"); // renamed twice: both old names lead on
        using var client = await ViewerAsync();

        async Task<string> Follow(string path)
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Found, path + " is an old link");
            var location = response.Headers.Location!;
            return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        }

        (await Follow("/sectors/Retail%20Banking/waves/2026-Q3?sort=gap")).Should().Be("/sectors/Banking/waves/2026-Q3?sort=gap");
        (await Follow("/sectors/retail%20banking/waves/2026-Q3/brands/Bank%20B")).Should().Be("/sectors/Banking/waves/2026-Q3/brands/Bank%20Bee");
        (await Follow("/sectors/Banking/waves/2026-Q3/brands/Bee%20Bank")).Should().Be("/sectors/Banking/waves/2026-Q3/brands/Bank%20Bee");
        (await Follow("/sectors/Retail%20Banking/waves/2026-Q3/compare?brand=Bank%20A&brand=Bank%20B"))
            .Should().Be("/sectors/Banking/waves/2026-Q3/compare?brand=Bank%20A&brand=Bank%20Bee");
        var page = await client.GetStringAsync("/sectors/Banking/waves/2026-Q3/brands/Bank%20Bee");
        page.Should().Contain("Bank Bee");

        // A merge: the merged brand's links lead to the brand it joined; a wave that does not exist is still 404.
        await changes.MergeBrandAsync("Banking", "Bank Bee", "Bank C", "walk-through");
        (await Follow("/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20B")).Should().Be("/sectors/Banking/waves/2026-Q3/brands/Bank%20C");
        (await client.GetAsync("/sectors/Retail%20Banking/waves/2031-Q1")).StatusCode.Should().Be(HttpStatusCode.Found);
        (await client.GetAsync("/sectors/Banking/waves/2031-Q1")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // The API answers a script's old link with the same request under the new names (307 keeps the method).
        var token = _access.Tokens[AccountRoles.Consultant];
        using var api = _access.App.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var league = await api.GetAsync("/api/v1/sectors/Retail%20Banking/waves/2026-Q3/league?lens=cx");
        league.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        league.Headers.Location!.OriginalString.Should().Be("/api/v1/sectors/Banking/waves/2026-Q3/league?lens=cx");
        using var report = await api.GetAsync("/api/v1/sectors/Retail%20Banking/waves/2026-Q3/brands/Bee%20Bank/report.pdf");
        report.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        report.Headers.Location!.OriginalString.Should().Be("/api/v1/sectors/Banking/waves/2026-Q3/brands/Bank%20C/report.pdf");
        (await api.GetAsync("/api/v1/sectors/Banking/waves/2026-Q3/brands/Nobody/report.pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
