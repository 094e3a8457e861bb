using System.Net;
using System.Text;
using System.Text.Json;
using CxPlus.Data.Accounts;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using CxPlus.Web.Components;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Web.Tests;

/// <summary>The awkward-names sector (slashes, ampersands, formulas, Cyrillic, …) served by the real app.</summary>
public sealed class AwkwardFixture : IAsyncLifetime
{
    private readonly Files _files = new();
    public PostgresDatabase Database { get; } = new();
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public string Token { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var result = await new ResponseImporter(Database.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(_files.Write(AwkwardNames.Csv()), new ImportOptions("awkward.csv", "test"));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(5)));
        Factory = TestApp.Create(Database.ConnectionString);
        var accounts = Factory.Services.GetRequiredService<UserAccounts>();
        // Both roles: exports are for consultants, respondent rows (responses.csv) for data managers.
        await accounts.CreateAsync("awkward@example.com", "a long enough password", [AccountRoles.Consultant, AccountRoles.DataManager]);
        Token = (await accounts.CreateTokenAsync("awkward@example.com", "t")).Secret;
    }

    public HttpClient Client()
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
        _files.Dispose();
    }
}

/// <summary>
/// Every legal name works in every route, link, export and file name (issue #15, breaks 2 and 4):
/// names with '/' reach their brand, and no export hands a spreadsheet a formula.
/// </summary>
public sealed class AwkwardNameTests(AwkwardFixture app) : IClassFixture<AwkwardFixture>
{
    private static string ApiLeague => "/api/v1" + Links.League(AwkwardNames.Sector, AwkwardNames.Wave);

    public static TheoryData<string> Brands => [.. AwkwardNames.Brands];

    [Theory]
    [MemberData(nameof(Brands))]
    public async Task Every_brand_has_its_pdf_report_through_the_dashboards_own_link(string brand)
    {
        using var client = app.Client();

        using var response = await client.GetAsync("/api/v1" + Links.Brand(AwkwardNames.Sector, AwkwardNames.Wave, brand) + "/report.pdf");

        response.StatusCode.Should().Be(HttpStatusCode.OK, brand + await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsByteArrayAsync()).Take(5).Should().Equal("%PDF-"u8.ToArray());
        response.Content.Headers.ContentDisposition!.FileName.Should().MatchRegex("^cx-report-[a-z0-9_-]+\\.pdf$");
    }

    [Fact]
    public async Task Report_file_names_of_brands_that_simplify_alike_are_all_different()
    {
        using var client = app.Client();
        var names = new List<string>();
        foreach (var brand in AwkwardNames.Brands)
        {
            using var response = await client.GetAsync("/api/v1" + Links.Brand(AwkwardNames.Sector, AwkwardNames.Wave, brand) + "/report.pdf");
            names.Add(response.Content.Headers.ContentDisposition!.FileName!);
        }

        names.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task The_league_json_and_every_export_answer_for_a_sector_with_a_slash()
    {
        using var client = app.Client();

        using var json = JsonDocument.Parse(await client.GetStringAsync(ApiLeague + "/league"));
        json.RootElement.GetProperty("sector").GetString().Should().Be(AwkwardNames.Sector);
        json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("brand").GetString())
            .Should().BeEquivalentTo(AwkwardNames.Brands);
        foreach (var export in new[] { "/league.csv", "/league.xlsx", "/responses.csv" })
            (await client.GetAsync(ApiLeague + export)).StatusCode.Should().Be(HttpStatusCode.OK, export);
    }

    [Fact]
    public async Task The_sectors_page_path_and_a_brand_page_path_with_slashes_open()
    {
        // The shell of each page answers (the interactive router decodes the names; the browser tests click through).
        using var client = app.Client();
        client.DefaultRequestHeaders.Authorization = null;
        var accounts = app.Factory.Services.GetRequiredService<UserAccounts>();
        (await accounts.FindAsync("awkward@example.com")).Should().NotBeNull();
        using var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await AccessFixture.SignInAsync(browser, "awkward@example.com", "a long enough password")).StatusCode.Should().Be(HttpStatusCode.Found);

        foreach (var brand in AwkwardNames.Brands)
            (await browser.GetAsync(Links.Brand(AwkwardNames.Sector, AwkwardNames.Wave, brand))).StatusCode.Should().Be(HttpStatusCode.OK, brand);
    }

    [Fact]
    public async Task League_csv_neutralises_formulas_and_keeps_numbers_as_numbers()
    {
        using var client = app.Client();

        var csv = await client.GetStringAsync(ApiLeague + "/league.csv");

        var cells = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).SelectMany(Fields).ToArray();
        cells.Should().NotContain(c => c.Length > 0 && "=+@\t\r".Contains(c[0]), "a spreadsheet would run these");
        cells.Where(c => c.StartsWith('-')).Where(c => !double.TryParse(c, System.Globalization.CultureInfo.InvariantCulture, out var _))
            .Should().BeEmpty("a leading minus is left only on numbers");
        cells.Should().Contain("'=cmd|' /C calc'!A0").And.Contain("'-Minus").And.Contain("'@SUM(A1)").And.Contain("'+SUM(1+1)");
    }

    [Fact]
    public async Task Responses_csv_neutralises_formulas_and_reimports_to_the_same_numbers()
    {
        using var client = app.Client();
        var csv = await client.GetStringAsync(ApiLeague + "/responses.csv");

        var cells = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).SelectMany(Fields).ToArray();
        cells.Should().NotContain(c => c.Length > 0 && "=+-@\t\r".Contains(c[0]));
        // Respondents go out as the store keeps them, pseudonymised: never the fieldwork id "-R0".
        using var pseudonyms = await app.Database.PseudonymsAsync();
        var r0 = pseudonyms.Of("-R0");
        cells.Should().Contain(r0).And.NotContain("'-R0").And.NotContain("-R0");

        await using var copy = new PostgresDatabase();
        await copy.InitializeAsync();
        using var files = new Files();
        var reimport = await new ResponseImporter(copy.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(files.Write(csv), new ImportOptions("responses.csv", "test"));
        reimport.Succeeded.Should().BeTrue(string.Join("\n", reimport.Problems.Take(5)));
        var original = await new LeagueQueries(app.Database.DataSource, ScoringSettings.Default).LeagueAsync(AwkwardNames.Sector, AwkwardNames.Wave);
        var again = await new LeagueQueries(copy.DataSource, ScoringSettings.Default).LeagueAsync(AwkwardNames.Sector, AwkwardNames.Wave);
        again.Rows.Select(r => (r.Brand, r.Rank, r.Result.Score!.Value)).Should().Equal(original.Rows.Select(r => (r.Brand, r.Rank, r.Result.Score!.Value)));
        // A pseudonym in a file is kept as it is: the same respondents, once each, in the copy too.
        await using var ids = copy.DataSource.CreateCommand($"SELECT count(*) FROM responses WHERE respondent_id = '{r0}'");
        (await ids.ExecuteScalarAsync()).Should().Be((long)AwkwardNames.Brands.Length);
    }

    [Fact]
    public async Task League_xlsx_holds_names_as_text_and_no_formula()
    {
        using var client = app.Client();

        var bytes = await client.GetByteArrayAsync(ApiLeague + "/league.xlsx");

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            (await reader.ReadToEndAsync()).Should().NotContain("<f>").And.NotContain("<f ");
        }
    }

    /// <summary>RFC 4180 fields of one line (quotes removed).</summary>
    private static IEnumerable<string> Fields(string line)
    {
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { yield return field.ToString(); field.Clear(); }
            else field.Append(c);
        }
        yield return field.ToString();
    }
}
