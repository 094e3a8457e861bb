using System.Globalization;
using System.Net;
using System.Text;
using CxPlus.Data.Accounts;
using CxPlus.Data.Importing;
using CxPlus.Scoring;

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
}
