using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Tests;
using CxPlus.Reports;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using CxPlus.Data.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CxPlus.Web.Tests;

/// <summary>The worked example in a real PostgreSQL, served by the real app in memory.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var result = await new ResponseImporter(Database.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(Samples.Path("worked-example.csv"), new ImportOptions("worked-example.csv", "api"));
        result.Succeeded.Should().BeTrue();
        await Database.ReleaseAllAsync(); // checked and released: members see it (issue 30)
        Factory = TestApp.Create(Database.ConnectionString);
        ConsultantToken = await TokenAsync(AccountRoles.Consultant);
    }

    /// <summary>An API token of a consultant (browse and export).</summary>
    public string ConsultantToken { get; private set; } = "";

    /// <summary>A new user with these roles, and an API token of theirs.</summary>
    public async Task<string> TokenAsync(params string[] roles)
    {
        var accounts = Factory.Services.GetRequiredService<UserAccounts>();
        var email = $"{string.Join("-", roles).ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await accounts.CreateAsync(email, "a long enough password", roles);
        return (await accounts.CreateTokenAsync(email, "tests")).Secret;
    }

    /// <summary>A client that sends this token (default: the consultant's) and does not follow redirects.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", token ?? ConsultantToken);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class ReadApiTests(ApiFixture app) : IClassFixture<ApiFixture>
{
    private const string League = "/api/v1/sectors/Retail%20Banking/waves/2026-Q3/league";

    [Fact]
    public async Task League_json_is_the_same_document_as_the_cli_prints()
    {
        using var client = app.Client();

        var json = await client.GetStringAsync(League);

        var expected = LeagueDocument.From(await new LeagueQueries(app.Database.DataSource, ScoringSettings.Default).LeagueAsync("Retail Banking", "2026-Q3")).ToJson();
        JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(expected)).Should().BeTrue();
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("brand").GetString()).Should().Equal("Bank C", "Bank B", "Bank A");
    }

    [Fact]
    public async Task League_json_carries_the_v2_index_interval_rank_range_and_position_against_the_average()
    {
        using var client = app.Client();

        using var doc = JsonDocument.Parse(await client.GetStringAsync(League));

        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        foreach (var row in rows)
        {
            var index = row.GetProperty("index");
            index.GetProperty("low").GetDouble().Should().BeLessThan(index.GetProperty("value").GetDouble());
            index.GetProperty("high").GetDouble().Should().BeGreaterThan(index.GetProperty("value").GetDouble());
            index.GetProperty("se").GetDouble().Should().BePositive();
            var range = row.GetProperty("rankRange");
            range.GetProperty("low").GetInt32().Should().BeLessThanOrEqualTo(row.GetProperty("rank").GetInt32());
            range.GetProperty("high").GetInt32().Should().BeGreaterThanOrEqualTo(row.GetProperty("rank").GetInt32());
            var versus = row.GetProperty("versusAverage");
            versus.GetProperty("position").GetString().Should().BeOneOf("above", "at", "below");
            versus.GetProperty("se").GetDouble().Should().BePositive();
            row.GetProperty("score").GetProperty("se").GetDouble().Should().BePositive();
        }
        // Bank A (X = 66) lies surely below the average of 72.3, C (76) and B (75) above it. The sample's
        // ratings vary little (SE of X: C 0.09, B 0.39), so C's one point over B is sure even with
        // Bonferroni (T = 1 / 0.40 = 2.5 > t(0.9875) = 2.26): every rank range is the rank itself.
        rows.Select(r => r.GetProperty("versusAverage").GetProperty("position").GetString()).Should().Equal("above", "above", "below");
        rows.Select(r => (r.GetProperty("rankRange").GetProperty("low").GetInt32(), r.GetProperty("rankRange").GetProperty("high").GetInt32()))
            .Should().Equal((1, 1), (2, 2), (3, 3));
    }

    [Fact]
    public async Task The_openapi_document_names_the_bearer_scheme_and_every_operation_its_401_and_403()
    {
        // Issue #31: generators and linters found no security scheme although every endpoint needs a token.
        using var client = app.Client();

        using var openapi = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json"));

        var scheme = openapi.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        scheme.GetProperty("type").GetString().Should().Be("http");
        scheme.GetProperty("scheme").GetString().Should().Be("bearer");
        var operations = openapi.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Name: $"{o.Name} {p.Name}", Operation: o.Value))).ToList();
        operations.Should().HaveCountGreaterThan(8);
        foreach (var (name, operation) in operations)
        {
            operation.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Select(x => x.Name).Single()).Should().Equal(["bearer"], name);
            operation.GetProperty("responses").TryGetProperty("401", out _).Should().BeTrue(name);
            operation.GetProperty("responses").TryGetProperty("403", out _).Should().BeTrue(name);
        }
    }

    [Fact]
    public async Task Every_download_of_the_openapi_document_answers_200_with_its_media_type_as_binary()
    {
        // Issue #31: the six downloads documented no 200 answer and no media type, so generators typed them as nothing.
        using var client = app.Client();

        using var openapi = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json"));

        var expected = new Dictionary<string, string>
        {
            [".csv"] = "text/csv", [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".pdf"] = "application/pdf",
            [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation", [".zip"] = "application/zip",
        };
        var downloads = openapi.RootElement.GetProperty("paths").EnumerateObject().Where(p => expected.Keys.Any(p.Name.EndsWith)).ToList();
        downloads.Should().HaveCountGreaterThanOrEqualTo(10, "the agency's six and the member's four");
        foreach (var path in downloads)
        {
            var ok = path.Value.GetProperty("get").GetProperty("responses").GetProperty("200");
            var content = ok.GetProperty("content").EnumerateObject().Single();
            content.Name.Should().Be(expected[Path.GetExtension(path.Name)], path.Name);
            var schema = content.Value.GetProperty("schema");
            if (schema.TryGetProperty("$ref", out var reference)) // a named schema of the document's components
                schema = openapi.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
            (schema.GetProperty("type").GetString(), schema.GetProperty("format").GetString()).Should().Be(("string", "binary"), path.Name);
        }
    }

    [Fact]
    public async Task Every_operation_of_the_openapi_document_has_its_own_operation_id()
    {
        // Issue #31: client generators name their methods by operationId; without one they invent names.
        using var client = app.Client();

        using var openapi = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json"));

        var operations = openapi.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Where: $"{op.Name.ToUpperInvariant()} {path.Name}",
                Id: op.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null))).ToList();
        operations.Should().HaveCountGreaterThan(10);
        operations.Where(o => string.IsNullOrEmpty(o.Id)).Select(o => o.Where).Should().BeEmpty("every operation has an operationId");
        operations.Select(o => o.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task The_openapi_document_describes_the_v2_fields()
    {
        using var client = app.Client();

        using var openapi = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json"));

        var schemas = openapi.RootElement.GetProperty("components").GetProperty("schemas");
        var row = schemas.GetProperty("LeagueRowDocument").GetProperty("properties");
        foreach (var field in new[] { "index", "rankRange", "versusAverage", "score" })
            row.GetProperty(field).ToString().Should().Contain("Step", $"{field} is described");
        schemas.GetProperty("VersusAverageDocument").GetProperty("properties").GetProperty("position").GetProperty("description").GetString()
            .Should().Contain("above").And.Contain("below");
    }

    [Fact]
    public async Task League_csv_has_one_header_row_in_words_and_rounded_numbers()
    {
        using var client = app.Client();

        using var response = await client.GetAsync(League + ".csv?language=en");

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.Should().Be("cx-league-retail_banking-2026-q3.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "Excel reads UTF-8 accents only after a byte order mark");
        var lines = System.Text.Encoding.UTF8.GetString(bytes.AsSpan(3)).TrimEnd('\n').Split('\n');
        lines.Should().HaveCount(4);
        lines[0].Should().StartWith("Sector,Wave,Rank,Brand,Ranked,Why not ranked,Customers (n),Prospects (n),");
        lines[0].Should().Contain(",\"Effective base, customers\",", "a header with a comma is quoted");
        lines[3].Should().StartWith("Retail Banking,2026-Q3,3,Bank A,yes,,120,60,120.0,60.0,3,3,no,yes,91,");
        Csv.Fields(lines[3], ',')[20].Should().Be("below average");
    }

    [Fact]
    public async Task The_Dutch_league_csv_opens_in_columns_in_Dutch_Excel_and_reads_back_to_the_json_numbers()
    {
        using var client = app.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("nl-NL");

        var bytes = await client.GetByteArrayAsync(League + ".csv");
        using var json = JsonDocument.Parse(await client.GetStringAsync(League));

        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes.AsSpan(3)).TrimEnd('\n').Split('\n');
        var header = Csv.Fields(lines[0], ';');
        header.Should().StartWith(["Sector", "Meting", "Positie", "Merk", "Gerangschikt"]);
        header.Should().Contain(["CX+ score", "CX+ score 95%-BI ondergrens", "Experience Gap", "Oordeel", "Instellingen"]);
        var rows = lines.Skip(1).Select(l => Csv.Fields(l, ';')).ToList();
        rows.Should().OnlyContain(r => r.Count == header.Count, "every line has every column: ';' separates, decimal commas stay inside their field");
        var nl = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");
        foreach (var (row, document) in rows.Zip(json.RootElement.GetProperty("rows").EnumerateArray()))
        {
            string Field(string name) => row[header.IndexOf(name)];
            Field("Merk").Should().Be(document.GetProperty("brand").GetString());
            foreach (var (column, property) in new[] { ("CX+ score", "score"), ("CX Performance Score", "performance"), ("Experience Gap", "gap") })
            {
                var expected = Math.Round(document.GetProperty(property).GetProperty("value").GetDouble(), 1, MidpointRounding.AwayFromZero);
                Field(column).Should().Contain(",", "a decimal comma").And.NotContain(".");
                double.Parse(Field(column), System.Globalization.NumberStyles.Float, nl).Should().Be(expected, $"{column} of {Field("Merk")}");
            }
            Field("Gerangschikt").Should().Be("ja");
            Field("Oordeel").Should().BeOneOf("Onderpresteert", "Voldoet aan verwachtingen", "Overpresteert", "Belooft te weinig");
        }
        rows[2][header.IndexOf("Positie t.o.v. gemiddelde")].Should().Be("onder het gemiddelde");
        rows[2][header.IndexOf("Experience Gap")].Should().Be("-4,0", "a plain minus: a real minus sign (−) reads as text in a spreadsheet");
    }

    [Fact]
    public async Task The_Dutch_workbook_speaks_Dutch_with_numbers_as_numbers()
    {
        using var client = app.Client();

        var bytes = await client.GetByteArrayAsync(League + ".xlsx?language=nl");

        using var stream = new MemoryStream(bytes);
        stream.GetSheetNames().Should().Equal("Ranglijst", "Succesfactoren", "Trend", "Instellingen");
        var rows = stream.Query(useHeaderRow: true, sheetName: "Ranglijst").Cast<IDictionary<string, object>>().ToList();
        rows.Select(r => r["Merk"]).Should().Equal("Bank C", "Bank B", "Bank A");
        rows.Select(r => r["Positie t.o.v. gemiddelde"]).Should().Equal("boven het gemiddelde", "boven het gemiddelde", "onder het gemiddelde");
        rows[0]["CX+ score"].Should().BeOfType<double>().Which.Should().BeApproximately(76.0, 1e-9);
        rows[2]["Gerangschikt"].Should().Be("ja");
        var factors = stream.Query(useHeaderRow: true, sheetName: "Succesfactoren").Cast<IDictionary<string, object>>().ToList();
        factors[0].Keys.Should().Contain(["Clear Brand Promise: klanten", "Clear Brand Promise: prospects", "Clear Brand Promise: gap"]);
        var settings = stream.Query(useHeaderRow: true, sheetName: "Instellingen").Cast<IDictionary<string, object>>().ToDictionary(r => (string)r["Instelling"], r => r["Waarde"]);
        settings["Plafond (punten)"].Should().Be(5.0);
        settings["Taal"].Should().Be("Nederlands");
    }

    [Fact]
    public async Task League_xlsx_has_a_sheet_per_table_headers_in_words_numbers_as_numbers_with_one_decimal_and_a_frozen_header()
    {
        using var client = app.Client();

        var bytes = await client.GetByteArrayAsync(League + ".xlsx?language=en");

        using var stream = new MemoryStream(bytes);
        stream.GetSheetNames().Should().Equal("League", "Factors", "Trend", "Settings");
        var rows = stream.Query(useHeaderRow: true, sheetName: "League").Cast<IDictionary<string, object>>().ToList();
        rows.Select(r => r["Brand"]).Should().Equal("Bank C", "Bank B", "Bank A");
        rows[0]["CX+ score"].Should().BeOfType<double>().Which.Should().BeApproximately(76.0, 1e-9);
        rows[0].Keys.Should().Contain(["CX+ 95 % low", "CX+ 95 % high", "Rank, best (95 %)", "Experience Gap", "Verdict", "Position"]);
        // Methodology v3: the change's test after the false discovery rate control, the NPS/CSAT intervals, the cap note.
        rows[0].Keys.Should().Contain(["Change p-value", "Change q-value (false discovery rate)", "Change significant (after the false discovery rate control)",
            "NPS 95 % low", "CSAT 95 % high", "Gap above the cap, not significantly"]);
        rows[2]["Experience Gap"].Should().BeOfType<double>().Which.Should().BeApproximately(-4.0, 1e-9);
        var factors = stream.Query(useHeaderRow: true, sheetName: "Factors").Cast<IDictionary<string, object>>().ToList();
        factors[0].Keys.Should().Contain(["Clear Brand Promise: customers", "Clear Brand Promise: prospects", "Clear Brand Promise: gap"]);
        stream.Query(useHeaderRow: true, sheetName: "Trend").Should().HaveCount(3);
        var settings = stream.Query(useHeaderRow: true, sheetName: "Settings").Cast<IDictionary<string, object>>().ToDictionary(r => (string)r["Setting"], r => r["Value"]);
        settings["Cap (points)"].Should().Be(5.0);
        settings["Who can lead (rank range starts at 1)"].Should().Be("Bank C");
        settings["Minimum effective base (share of each minimum)"].Should().Be(0.5);

        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Should().BeEmpty();
        var league = document.WorkbookPart!.WorksheetParts.First().Worksheet;
        league.Descendants<DocumentFormat.OpenXml.Spreadsheet.Pane>().Single().State!.Value.Should().Be(DocumentFormat.OpenXml.Spreadsheet.PaneStateValues.Frozen);
        document.WorkbookPart.WorkbookStylesPart!.Stylesheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.NumberingFormat>()
            .Should().Contain(f => f.FormatCode!.Value == "0.0");
    }

    [Fact]
    public async Task The_brand_report_comes_as_a_powerpoint_deck_too_and_the_sector_as_a_zip_of_every_report()
    {
        using var client = app.Client();

        using var deck = await client.GetAsync(League.Replace("/league", "/brands/Bank%20A/report.pptx", StringComparison.Ordinal));
        using var bundle = await client.GetAsync(League.Replace("/league", "/reports.zip", StringComparison.Ordinal), HttpCompletionOption.ResponseHeadersRead);

        deck.StatusCode.Should().Be(HttpStatusCode.OK);
        deck.Content.Headers.ContentDisposition!.FileName.Should().Be("cx-report-bank_a-retail_banking-2026-q3.pptx");
        bundle.StatusCode.Should().Be(HttpStatusCode.OK);
        bundle.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        // Streamed as each report is made (the first byte after one report, not the bundle): no length up front
        // (the bundle built whole in a file went out with its length).
        bundle.Content.Headers.ContentLength.Should().BeNull();
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await bundle.Content.ReadAsByteArrayAsync()));
        zip.Entries.Select(e => e.FullName).Should().BeEquivalentTo("cx-report-bank_a-retail_banking-2026-q3.pdf", "cx-report-bank_b-retail_banking-2026-q3.pdf",
            "cx-report-bank_c-retail_banking-2026-q3.pdf", "cx-league-retail_banking-2026-q3.xlsx");
        // Every entry reads back whole (the first streamed version wrote wrong offsets: the zip did not open).
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".pdf", StringComparison.Ordinal)))
        {
            using var pdf = new MemoryStream();
            await using (var content = await entry.OpenAsync()) await content.CopyToAsync(pdf);
            System.Text.Encoding.ASCII.GetString(pdf.ToArray(), 0, 5).Should().Be("%PDF-", entry.FullName);
            System.Text.Encoding.ASCII.GetString(pdf.ToArray()).TrimEnd().Should().EndWith("%%EOF", entry.FullName);
        }
    }

    [Theory]
    [InlineData("/api/v1/sectors/Nope/waves/2026-Q3/league", "There is no sector \"Nope\". Sectors: Retail Banking.")]
    [InlineData("/api/v1/sectors/Retail%20Banking/waves/1999/league.csv", "There is no wave \"1999\". Waves: 2026-Q3.")]
    public async Task Unknown_sector_or_wave_is_404_with_a_sentence(string url, string detail)
    {
        using var client = app.Client();

        using var response = await client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("detail").GetString().Should().Be(detail);
    }

    [Theory]
    [InlineData("sector", "/api/v1/sectors/%01bad/waves/2026-Q3/league")]
    [InlineData("wave", "/api/v1/sectors/Retail%20Banking/waves/" + "W123456789W123456789W123456789W123456789W123456789X/league")]
    public async Task A_bad_parameter_is_400_naming_it(string parameter, string url)
    {
        using var client = app.Client();

        using var response = await client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("parameter").GetString().Should().Be(parameter);
        problem.RootElement.GetProperty("title").GetString().Should().Be($"Invalid parameter: {parameter}");
    }

    [Fact]
    public async Task Sectors_waves_and_an_openapi_document_are_served()
    {
        using var client = app.Client();

        using var sectors = JsonDocument.Parse(await client.GetStringAsync("/api/v1/sectors"));
        sectors.RootElement[0].GetProperty("name").GetString().Should().Be("Retail Banking");
        sectors.RootElement[0].GetProperty("brands").GetInt32().Should().Be(3);
        using var waves = JsonDocument.Parse(await client.GetStringAsync("/api/v1/waves"));
        waves.RootElement[0].GetProperty("code").GetString().Should().Be("2026-Q3");
        var openapi = await client.GetStringAsync("/api/v1/openapi.json");
        openapi.Should().Contain("/api/v1/sectors/{sector}/waves/{wave}/league.xlsx");
    }

    [Fact]
    public async Task A_brand_report_comes_in_the_language_asked_for_and_an_unknown_language_is_refused_in_words()
    {
        using var client = app.Client();
        var report = League.Replace("/league", "/brands/Bank%20A/report.pdf", StringComparison.Ordinal);
        static string Info(byte[] pdf) => System.Text.Encoding.Latin1.GetString(pdf);

        var dutch = await client.GetByteArrayAsync(report + "?language=nl");
        var english = await client.GetByteArrayAsync(report + "?language=en");
        using var browserDutch = new HttpRequestMessage(HttpMethod.Get, report);
        browserDutch.Headers.AcceptLanguage.ParseAdd("nl-BE");
        var fromBrowser = await (await client.SendAsync(browserDutch)).Content.ReadAsByteArrayAsync();
        using var unknown = await client.GetAsync(report + "?language=fr");

        Info(dutch).Should().Contain("language: nl");
        using (var deck = DocumentFormat.OpenXml.Packaging.PresentationDocument.Open(
            new MemoryStream(await client.GetByteArrayAsync(report.Replace("report.pdf", "report.pptx", StringComparison.Ordinal) + "?language=nl")), false))
            deck.PackageProperties.Language.Should().Be("nl-NL", "the deck follows ?language= too");
        Info(english).Should().Contain("language: en");
        Info(fromBrowser).Should().Contain("language: nl", "without ?language= the reader's language counts");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("detail").GetString()
            .Should().Be("The language \"fr\" is not one CxPlus speaks; use nl or en.");
    }

    [Fact]
    public async Task A_brand_report_is_a_pdf_and_an_unknown_brand_is_404()
    {
        using var client = app.Client();

        using var response = await client.GetAsync(League.Replace("/league", "/brands/Bank%20A/report.pdf", StringComparison.Ordinal));
        using var missing = await client.GetAsync(League.Replace("/league", "/brands/Bank%20Z/report.pdf", StringComparison.Ordinal));

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Content.Headers.ContentDisposition!.FileName.Should().Be("cx-report-bank_a-retail_banking-2026-q3.pdf");
        (await response.Content.ReadAsByteArrayAsync()).Take(5).Should().Equal("%PDF-"u8.ToArray());
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
