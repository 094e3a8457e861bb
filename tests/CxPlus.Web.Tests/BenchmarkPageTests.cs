using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json;
using CxPlus.Data.Accounts;
using CxPlus.Data.League;
using CxPlus.Reports;
using CxPlus.Scoring;
using CxPlus.Scoring.Lenses;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Web.Tests;

/// <summary>A member's benchmark page, over HTTP as a browser gets it: who may open it, and where a client starts.</summary>
public sealed class BenchmarkPageTests(AccessFixture access) : IClassFixture<AccessFixture>
{
    private const string Page = "/benchmark/Retail%20Banking/waves/2026-Q3";

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));

    [Fact]
    public async Task A_sector_the_client_holds_no_brand_in_is_not_there_and_the_agency_has_no_benchmark_page()
    {
        using var client = await access.BrowserAsync(AccessFixture.Email(AccountRoles.Client));
        using var viewer = await access.BrowserAsync(AccessFixture.Email(AccountRoles.Viewer));

        using var other = await client.GetAsync("/benchmark/Telecom/waves/2026-Q3");
        using var staff = await viewer.GetAsync(Page);

        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Text(await other.Content.ReadAsStringAsync()).Should().Contain("There is no sector \"Telecom\".");
        staff.StatusCode.Should().Be(HttpStatusCode.Found);
        staff.Headers.Location!.AbsolutePath.Should().Be("/account/access-denied");
    }

    [Fact]
    public async Task A_client_signing_in_starts_at_its_benchmark()
    {
        using var client = await access.BrowserAsync();

        using var signIn = await AccessFixture.SignInAsync(client, AccessFixture.Email(AccountRoles.Client), AccessFixture.Password);

        signIn.Headers.Location!.OriginalString.Should().EndWith("/benchmark");
    }
}

/// <summary>
/// The leak hunt on the demo benchmark (varied factor scores): the client of Northbank NV sees
/// Northbank's success factors in full and every brand's published headline, and none of the other
/// brands' factor scores or NPS, looked for by their own numbers.
/// </summary>
public sealed class BenchmarkLeakTests(DemoApiFixture app) : IClassFixture<DemoApiFixture>
{
    private const string Sector = "Retail Banking";

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));

    /// <summary>Northbank NV (holding Northbank) and its person, made once for the class; a browser signed in as them.</summary>
    private async Task<HttpClient> ClientBrowserAsync()
    {
        var services = app.Factory.Services;
        var organisations = services.GetRequiredService<CxPlus.Data.Clients.Organisations>();
        if ((await organisations.ListAsync()).All(o => o.Name != "Northbank NV"))
        {
            await organisations.AddAsync("Northbank NV");
            await organisations.GrantAsync("Northbank NV", Sector, "Northbank");
            await services.GetRequiredService<UserAccounts>().CreateAsync("eva@northbank.example.com", AccessFixture.Password, [AccountRoles.Client], client: "Northbank NV");
        }
        var browser = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await AccessFixture.SignInAsync(browser, "eva@northbank.example.com", AccessFixture.Password)).StatusCode.Should().Be(HttpStatusCode.Found);
        return browser;
    }

    [Fact]
    public async Task A_member_opens_its_own_brand_within_a_segment_with_the_numbers_of_its_customers_in_that_category()
    {
        var wave = CxPlus.Data.Demo.DemoBenchmark.Waves[^1];
        var staff = await BrandReportData.LoadAsync(app.Factory.Services.GetRequiredService<LeagueQueries>(), Sector, wave, "Northbank", "age", "55+");
        using var browser = await ClientBrowserAsync();
        var brand = $"/benchmark/{Uri.EscapeDataString(Sector)}/waves/{wave}/brands";

        using var page = await browser.GetAsync($"{brand}/Northbank?segment=AGE&category=55%2B");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        var text = Text(html);
        text.Should().Contain("age: 55+").And.Contain(Display.Score(staff.Row.Result.Performance!.Value)).And.Contain(Display.Score(staff.Row.Result.Score!.Value));
        html.Should().Contain("data-testid=\"segment-note\"").And.NotContain("data-testid=\"download-report\"", "the reports are the whole brand's");
        // Its trend in that category, one row per released wave that has it, as the agency computes it.
        Regex.Matches(Regex.Match(html, "data-testid=\"trend-table\"(.*?)</table>", RegexOptions.Singleline).Groups[1].Value, "<tr").Count.Should().Be(staff.History.Count + 1);

        (await browser.GetAsync($"{brand}/Lumen%20Bank?segment=age&category=55%2B")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var unknown = await browser.GetAsync($"{brand}/Northbank?segment=age&category=99%2B");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Text(await unknown.Content.ReadAsStringAsync()).Should().Contain("Segment age has no category \"99+\"");
    }

    [Fact]
    public async Task Alerts_come_per_brand_in_the_api_and_a_member_gets_its_own_brands_only()
    {
        var wave = CxPlus.Data.Demo.DemoBenchmark.Waves[^1];
        var all = await app.Factory.Services.GetRequiredService<LeagueQueries>().AlertsAsync(Sector, wave);
        all.Alerts.Should().NotBeEmpty("the demo's brands move between waves");
        using var staff = app.Client();
        var document = JsonDocument.Parse(await staff.GetStringAsync($"/api/v1/sectors/{Uri.EscapeDataString(Sector)}/waves/{wave}/alerts")).RootElement;
        document.GetProperty("previousWave").GetString().Should().Be(CxPlus.Data.Demo.DemoBenchmark.Waves[^2]);
        document.GetProperty("alerts").EnumerateArray().Select(a => (a.GetProperty("brand").GetString(), a.GetProperty("kind").GetString()))
            .Should().Equal(all.Alerts.Select(a => ((string?)a.Brand, (string?)AlertReading.Key(a.Kind))));
        document.GetProperty("alerts").EnumerateArray().Should().OnlyContain(a => a.GetProperty("sentence").GetString()!.Length > 20);
        var bad = await staff.GetAsync($"/api/v1/sectors/{Uri.EscapeDataString(Sector)}/waves/{wave}/alerts?kind=weather");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var browser = await ClientBrowserAsync();
        var own = JsonDocument.Parse(await browser.GetStringAsync($"/api/v1/benchmark/sectors/{Uri.EscapeDataString(Sector)}/waves/{wave}/alerts")).RootElement;
        own.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("sentence").GetString())
            .Should().Equal(all.Alerts.Where(a => a.Brand == "Northbank").Select(a => AlertReading.Sentence(a, Sector, ScoringSettings.Default)));
    }

    [Fact]
    public async Task The_client_follows_its_brand_over_every_wave_its_rank_score_and_movement()
    {
        using var browser = await ClientBrowserAsync();
        var queries = app.Factory.Services.GetRequiredService<LeagueQueries>();

        var html = await browser.GetStringAsync($"/benchmark/{Uri.EscapeDataString(Sector)}");

        var trend = Regex.Match(html, "data-testid=\"own-trend\"(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        var rows = Regex.Matches(trend, "<tr>(.*?)</tr>", RegexOptions.Singleline).Skip(1).Select(m => Text(m.Groups[1].Value)).ToList();
        rows.Should().HaveCount(CxPlus.Data.Demo.DemoBenchmark.Waves.Length, "one row per wave, oldest first");
        for (var i = 0; i < rows.Count; i++)
        {
            var wave = CxPlus.Data.Demo.DemoBenchmark.Waves[i];
            var row = (await queries.LeagueAsync(Sector, wave)).Find("Northbank")!;
            rows[i].Should().Contain(wave).And.Contain(Display.Score(row.Result.Score!.Value), $"Northbank's CX+ score in {wave}");
        }
    }

    [Fact]
    public async Task The_client_sees_its_brands_factors_beside_the_sector_and_every_brands_headline_and_no_other_brands_factor_scores()
    {
        var services = app.Factory.Services;
        using var browser = await ClientBrowserAsync();
        var wave = CxPlus.Data.Demo.DemoBenchmark.Waves[^1];

        using var response = await browser.GetAsync($"/benchmark/{Uri.EscapeDataString(Sector)}/waves/{wave}");
        var text = Text(await response.Content.ReadAsStringAsync());
        var full = await services.GetRequiredService<LeagueQueries>().LeagueAsync(Sector, wave);
        string F(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var own = full.Find("Northbank")!;
        foreach (var factor in SuccessFactors.All)
            text.Should().Contain(F(own.Result.Customers[factor].Score!.Value), $"Northbank's own {factor.DisplayName()} is shown");
        foreach (var row in full.Rows)
        {
            text.Should().Contain(row.Brand, "competitors are named by default");
            text.Should().Contain(F(row.Result.Score!.Value), $"{row.Brand}'s CX+ score is published");
        }

        // Every factor score and NPS of another brand that is not also a number the page may show (a
        // headline, the sector's average or best, one of Northbank's) must be nowhere on the page.
        var allowed = new HashSet<string>();
        void Allow(Estimate? e)
        {
            foreach (var v in e is null ? [] : new double?[] { e.Value, e.Low, e.High })
                if (v is { } x) allowed.Add(F(x));
        }
        foreach (var r in full.Rows)
            foreach (var e in new[] { r.Result.Score, r.Result.Performance, r.Result.Expectation, r.Result.Gap, r.Index, r.VersusAverage?.Difference, r.Movement?.Change })
                Allow(e);
        foreach (var f in SuccessFactors.All)
        {
            var ranked = full.Rows.Where(r => r.Eligible).Select(r => r.Result.Customers[f].Score!.Value).ToList();
            allowed.UnionWith([F(ranked.Average()), F(ranked.Max()), F(own.Result.Customers[f].Score!.Value)]);
        }
        allowed.Add(F(own.Result.Customers.Nps?.Value ?? 0));
        allowed.Add(F(full.Average!.Value));
        // Northbank over the waves (its trend): its own numbers in every wave.
        foreach (var w in CxPlus.Data.Demo.DemoBenchmark.Waves)
            if ((await services.GetRequiredService<LeagueQueries>().LeagueAsync(Sector, w)).Find("Northbank") is { } then)
                foreach (var e in new[] { then.Result.Score, then.Movement?.Change })
                    Allow(e);
        var secrets = full.Rows.Where(r => r.Brand != "Northbank")
            .SelectMany(r => SuccessFactors.All.Select(f => r.Result.Customers[f].Score?.Value).Concat([r.Result.Customers.Nps?.Value]))
            .OfType<double>().Select(F).Where(s => !allowed.Contains(s)).Distinct().ToList();
        secrets.Should().HaveCountGreaterThan(20, "the hunt needs numbers of the other brands to look for");
        secrets.Where(secret => Regex.IsMatch(text, $@"(?<![\d.,]){Regex.Escape(secret)}(?![\d])")).Should().BeEmpty("no factor-level number of another brand is on the page");
    }

    [Fact]
    public async Task In_a_segment_view_the_client_sees_its_brands_factors_in_the_category_and_no_other_brands_detail()
    {
        var services = app.Factory.Services;
        using var browser = await ClientBrowserAsync();
        var wave = CxPlus.Data.Demo.DemoBenchmark.Waves[^1];
        var full = await services.GetRequiredService<LeagueQueries>().SegmentLeagueAsync(Sector, wave, "age", "55+");
        string F(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

        using var response = await browser.GetAsync($"/benchmark/{Uri.EscapeDataString(Sector)}/waves/{wave}?segment=age&category=55%2B");
        var text = Text(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        text.Should().Contain("Segment age: 55+. Every number is computed over each brand's respondents in this category");
        var own = full.Find("Northbank")!;
        foreach (var factor in SuccessFactors.All)
            text.Should().Contain(F(own.Result.Customers[factor].Score!.Value), $"Northbank's own {factor.DisplayName()} among its 55+ customers");
        foreach (var row in full.Rows)
            text.Should().Contain(F(row.Result.Score!.Value), $"{row.Brand}'s CX+ score among the 55+ is published");
        var allowed = new HashSet<string>();
        foreach (var r in full.Rows)
            foreach (var e in new[] { r.Result.Score, r.Result.Performance, r.Result.Expectation, r.Result.Gap, r.Index, r.VersusAverage?.Difference, r.Movement?.Change })
                foreach (var v in e is null ? [] : new double?[] { e.Value, e.Low, e.High })
                    if (v is { } x) allowed.Add(F(x));
        foreach (var f in SuccessFactors.All)
        {
            var ranked = full.Rows.Where(r => r.Eligible).Select(r => r.Result.Customers[f].Score!.Value).ToList();
            allowed.UnionWith([F(ranked.Average()), F(ranked.Max()), F(own.Result.Customers[f].Score!.Value)]);
        }
        allowed.Add(F(own.Result.Customers.Nps?.Value ?? 0));
        allowed.Add(F(full.Average!.Value));
        var secrets = full.Rows.Where(r => r.Brand != "Northbank")
            .SelectMany(r => SuccessFactors.All.Select(f => r.Result.Customers[f].Score?.Value).Concat([r.Result.Customers.Nps?.Value]))
            .OfType<double>().Select(F).Where(s => !allowed.Contains(s)).Distinct().ToList();
        secrets.Should().HaveCountGreaterThan(20);
        secrets.Where(secret => Regex.IsMatch(text, $@"(?<![\d.,]){Regex.Escape(secret)}(?![\d])")).Should().BeEmpty("no factor-level number of another brand's 55+ customers is on the page");

        // The API's segment view: the segment named, its own brand in full, the others' headline only.
        var json = System.Text.Json.JsonDocument.Parse(await browser.GetStringAsync($"/api/v1/benchmark/sectors/{Uri.EscapeDataString(Sector)}/waves/{wave}/league?segment=AGE&category=55%2B")).RootElement;
        json.GetProperty("league").GetProperty("segment").GetProperty("category").GetString().Should().Be("55+");
        json.GetProperty("ownBrands")[0].GetProperty("factors")[0].GetProperty("customer").GetProperty("value").GetDouble()
            .Should().Be(own.Result.Customers[SuccessFactor.ClearBrandPromise].Score!.Value);
        json.GetProperty("league").GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("brand").GetString() != "Northbank")
            .SelectMany(r => r.GetProperty("factors").EnumerateArray()).Should().OnlyContain(f => f.GetProperty("customer").ValueKind == System.Text.Json.JsonValueKind.Null);
        using var csv = await browser.GetAsync($"/api/v1/benchmark/sectors/{Uri.EscapeDataString(Sector)}/waves/{wave}/league.csv?segment=age&category=55%2B");
        csv.Content.Headers.ContentDisposition!.FileName.Should().StartWith("cx-league-retail_banking-2026-q3-age-55");
        using var half = await browser.GetAsync($"/api/v1/benchmark/sectors/{Uri.EscapeDataString(Sector)}/waves/{wave}/league?segment=age");
        half.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_clients_own_brand_page_report_deck_workbook_and_csv_hold_no_other_brands_factor_detail()
    {
        var services = app.Factory.Services;
        using var browser = await ClientBrowserAsync();
        var queries = services.GetRequiredService<LeagueQueries>();
        var wave = CxPlus.Data.Demo.DemoBenchmark.Waves[^1];
        var full = await queries.LeagueAsync(Sector, wave);
        string F(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

        // What the client may see, as numbers: everything of Northbank (its row, priorities and every
        // wave's row, as the agency computes them), every brand's headline, and the sector's sums.
        var staff = await BrandReportData.LoadAsync(queries, Sector, wave, "Northbank");
        var json = new System.Text.StringBuilder();
        var options = new System.Text.Json.JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        json.Append(System.Text.Json.JsonSerializer.Serialize(staff.Row, options)).Append(System.Text.Json.JsonSerializer.Serialize(staff.Priorities, options));
        // Its own customers per segment against its other customers (issue 28, step 27).
        staff.Segments.Should().NotBeNullOrEmpty("the demo carries segments");
        json.Append(System.Text.Json.JsonSerializer.Serialize(staff.Segments, options));
        // What its customers say (issue 29): its own theme shares, their difference from the rest of the sector and their impact on NPS.
        staff.Themes.Should().NotBeNull("the demo carries comments");
        json.Append(System.Text.Json.JsonSerializer.Serialize(staff.Themes, options));
        foreach (var (table, row) in staff.History)
        {
            json.Append(System.Text.Json.JsonSerializer.Serialize(row, options)).Append(System.Text.Json.JsonSerializer.Serialize(SectorFactor.Of(table), options));
            foreach (var other in table.Rows) json.Append(System.Text.Json.JsonSerializer.Serialize(other with { Result = other.Result.Headline() }, options));
        }
        // Its own Six Pillars and KEI, and the sector's averages and bests in them.
        var lenses = await queries.AnsweredLensesAsync(Sector, wave);
        lenses.Should().NotBeEmpty("the demo's customers answer the other lenses");
        foreach (var lens in lenses)
            json.Append(System.Text.Json.JsonSerializer.Serialize(lens.Find("Northbank"), options)).Append(System.Text.Json.JsonSerializer.Serialize(SectorLens.Of(lens), options));
        var allowed = Regex.Matches(json.ToString(), @"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?").Select(m => F(double.Parse(m.Value, CultureInfo.InvariantCulture))).ToHashSet();
        // Their factor scores (customers and prospects), factor gaps, NPS, CSAT and CES, in every wave.
        var others = new List<double>();
        foreach (var w in CxPlus.Data.Demo.DemoBenchmark.Waves)
            others.AddRange((await queries.LeagueAsync(Sector, w)).Rows.Where(r => r.Brand != "Northbank").SelectMany(r => r.Result.FactorGaps
                .SelectMany(g => new[] { g.Customer?.Value, g.Prospect?.Value, g.Gap?.Value })
                .Concat([r.Result.Customers.Nps?.Value, r.Result.Customers.Csat?.Value, r.Result.Customers.Ces?.Value])).OfType<double>());
        // And their scores in the other lenses, which are not published either.
        others.AddRange(lenses.SelectMany(l => l.Rows.Where(r => r.Brand != "Northbank")).SelectMany(r => r.Items.Select(i => i?.Value).Append(r.Score?.Value)).OfType<double>());
        var secrets = others.Select(F).Where(s => !allowed.Contains(s)).Distinct().ToList();
        secrets.Should().HaveCountGreaterThan(15, "the hunt needs numbers of the other brands to look for");
        // A number, not part of another ("-6.4" is not "6.4").
        IEnumerable<string> Found(string text) => secrets.Where(secret => Regex.IsMatch(text, $@"(?<![\d.,\-−]){Regex.Escape(secret)}(?![\d])"));
        // A file may hold numbers unrounded (the workbook does): none may be another brand's own.
        IEnumerable<double> Exact(string text) => Regex.Matches(text, @"-?\d+\.\d{3,}(?:[eE][-+]?\d+)?")
            .Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).Where(x => others.Any(o => Math.Abs(o - x) < 1e-9));

        var brand = $"/benchmark/{Uri.EscapeDataString(Sector)}/waves/{wave}/brands/Northbank";
        var api = $"/api/v1/benchmark/sectors/{Uri.EscapeDataString(Sector)}/waves/{wave}";
        using var page = await browser.GetAsync(brand + "?sections=all");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var pageText = Text(await page.Content.ReadAsStringAsync());
        pageText.Should().Contain(F(staff.Row.Result.Customers.Nps!.Value)).And.Contain("What to fix first").And.Contain("Six Pillars and KEI");
        foreach (var lens in lenses)
        {
            var own = lens.Find("Northbank")!;
            var sector = SectorLens.Of(lens);
            var shown = Text(Regex.Match(await page.Content.ReadAsStringAsync(), $"data-testid=\"own-lens-{lens.Lens.Key()}\"(.*?)</table>", RegexOptions.Singleline).Groups[1].Value);
            string N(double? v) => lens.Lens == Lens.Kei ? Display.Signed(v) : Display.Score(v);
            shown.Should().Contain(N(own.Score!.Value)).And.Contain(N(sector.Average)).And.Contain(N(sector.Best)).And.Contain(N(own.Items[0]!.Value)).And.Contain(N(sector.ItemAverages[0]));
        }

        var pdf = await browser.GetByteArrayAsync($"{api}/brands/Northbank/report.pdf");
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var pdfText = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        pdfText.Should().Contain("Northbank").And.Contain(F(staff.Row.Result.Score!.Value));

        var deckBytes = await browser.GetByteArrayAsync($"{api}/brands/Northbank/report.pptx");
        using var deck = DocumentFormat.OpenXml.Packaging.PresentationDocument.Open(new MemoryStream(deckBytes), false);
        var deckText = string.Join(" ", deck.PresentationPart!.SlideParts.SelectMany(s => s.Slide.Descendants<DocumentFormat.OpenXml.Drawing.Text>()).Select(t => t.Text));
        deckText.Should().Contain("Northbank");

        var workbook = await browser.GetByteArrayAsync($"{api}/league.xlsx");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(workbook));
        var workbookXml = string.Join(" ", zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => { using var reader = new StreamReader(e.Open()); return reader.ReadToEnd(); }));
        workbookXml.Should().Contain(staff.Row.Result.Customers[SuccessFactor.ClearBrandPromise].Score!.Value.ToString("R", CultureInfo.InvariantCulture), "its own factors are in it, unrounded");

        var csv = await browser.GetStringAsync($"{api}/league.csv");
        csv.Should().Contain("Northbank");

        // The CSV's cells, one by one (a comma there separates values).
        var cells = csv.Split(',', '\n', '\r').Select(c => c.Trim('"')).ToHashSet();
        secrets.Where(cells.Contains).Should().BeEmpty("no factor-level number of another brand is in the CSV");
        foreach (var (name, text) in new[] { ("page", pageText), ("PDF", pdfText), ("deck", deckText), ("CSV", csv) })
        {
            Found(text).Should().BeEmpty($"no factor-level number of another brand is in the {name}");
            Exact(text).Should().BeEmpty($"nor unrounded in the {name}");
        }
        Exact(workbookXml).Should().BeEmpty("no factor-level number of another brand is in the workbook");
        full.Rows.Where(r => r.Brand != "Northbank").Should().OnlyContain(r => pdfText.Contains(r.Brand), "competitors are named in the report's league table by default");
    }

    [Fact]
    public async Task A_client_asking_for_another_brands_page_or_report_gets_404_without_data_and_the_attempt_is_audited()
    {
        using var browser = await ClientBrowserAsync();
        var wave = CxPlus.Data.Demo.DemoBenchmark.Waves[^1];
        var other = CxPlus.Data.Demo.DemoBenchmark.BrandsOf(Sector).First(b => b != "Northbank");
        var full = await app.Factory.Services.GetRequiredService<LeagueQueries>().LeagueAsync(Sector, wave);
        var score = Math.Round(full.Find(other)!.Result.Customers[SuccessFactor.ClearBrandPromise].Score!.Value, 1).ToString("0.0", CultureInfo.InvariantCulture);

        foreach (var path in new[]
        {
            $"/benchmark/{Uri.EscapeDataString(Sector)}/waves/{wave}/brands/{Uri.EscapeDataString(other)}",
            $"/api/v1/benchmark/sectors/{Uri.EscapeDataString(Sector)}/waves/{wave}/brands/{Uri.EscapeDataString(other)}/report.pdf",
            $"/api/v1/benchmark/sectors/{Uri.EscapeDataString(Sector)}/waves/{wave}/brands/{Uri.EscapeDataString(other)}/report.pptx",
        })
        {
            using var response = await browser.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            var body = Text(await response.Content.ReadAsStringAsync());
            body.Should().Contain(other).And.Contain($" in {Sector} is not one of your organisation's brands.").And.NotContain(score);
        }
        var audit = await app.Factory.Services.GetRequiredService<CxPlus.Data.AuditLog>().ListAsync(actor: "eva@northbank.example.com", action: "access-denied");
        audit.Where(e => Uri.UnescapeDataString(e.Target).Contains(other, StringComparison.Ordinal))
            .Should().HaveCount(3, "each attempt is recorded");
    }

    [Fact]
    public async Task With_anonymous_competitors_no_other_brands_name_is_on_the_page_or_in_the_api_in_either_language()
    {
        await using var anonymous = TestApp.Create(app.Database.ConnectionString, configure: b => b.UseSetting("Clients:Competitors", "anonymous"));
        var services = anonymous.Services;
        var organisations = services.GetRequiredService<CxPlus.Data.Clients.Organisations>();
        if ((await organisations.ListAsync()).All(o => o.Name != "Voltra Holding"))
        {
            await organisations.AddAsync("Voltra Holding");
            await organisations.GrantAsync("Voltra Holding", "Energy", "Voltra");
            await services.GetRequiredService<UserAccounts>().CreateAsync("ann@voltra.example.com", AccessFixture.Password, [AccountRoles.Client], client: "Voltra Holding");
        }
        var token = (await services.GetRequiredService<UserAccounts>().CreateTokenAsync("ann@voltra.example.com", "anonymous test")).Secret;
        using var browser = anonymous.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await AccessFixture.SignInAsync(browser, "ann@voltra.example.com", AccessFixture.Password)).StatusCode.Should().Be(HttpStatusCode.Found);
        var wave = CxPlus.Data.Demo.DemoBenchmark.Waves[^1];
        var others = CxPlus.Data.Demo.DemoBenchmark.BrandsOf("Energy").Where(b => b != "Voltra").ToList();

        foreach (var (language, brand) in new[] { ("en", "Brand"), ("nl", "Merk") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/benchmark/Energy/waves/{wave}");
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var page = await browser.SendAsync(request);
            var text = Text(await page.Content.ReadAsStringAsync());
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            text.Should().Contain("Voltra").And.MatchRegex($@"{brand} \d");
            others.Where(text.Contains).Should().BeEmpty($"no other Energy brand is named on the page in {language}");

            // Its own brand's page and every file it may take: the report, the deck, the workbook and the CSV.
            var files = new Dictionary<string, string>();
            async Task<byte[]> GetAsync(string path)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.AcceptLanguage.ParseAdd(language);
                using var response = await browser.SendAsync(request);
                response.StatusCode.Should().Be(HttpStatusCode.OK, path);
                return await response.Content.ReadAsByteArrayAsync();
            }
            var fileApi = $"/api/v1/benchmark/sectors/Energy/waves/{wave}";
            files["brand page"] = Text(System.Text.Encoding.UTF8.GetString(await GetAsync($"/benchmark/Energy/waves/{wave}/brands/Voltra?sections=all")));
            using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await GetAsync($"{fileApi}/brands/Voltra/report.pdf")))
                files["PDF"] = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            using (var deck = DocumentFormat.OpenXml.Packaging.PresentationDocument.Open(new MemoryStream(await GetAsync($"{fileApi}/brands/Voltra/report.pptx")), false))
                files["deck"] = string.Join(" ", deck.PresentationPart!.SlideParts.SelectMany(s => s.Slide.Descendants<DocumentFormat.OpenXml.Drawing.Text>()).Select(t => t.Text));
            using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await GetAsync($"{fileApi}/league.xlsx"))))
                files["workbook"] = string.Join(" ", zip.Entries.Select(e => { using var reader = new StreamReader(e.Open()); return reader.ReadToEnd(); }));
            files["CSV"] = System.Text.Encoding.UTF8.GetString(await GetAsync($"{fileApi}/league.csv"));
            foreach (var (name, content) in files)
            {
                content.Should().Contain("Voltra", name);
                others.Where(content.Contains).Should().BeEmpty($"no other Energy brand is named in the {name} in {language}");
            }
            files["PDF"].Should().MatchRegex($@"{brand} \d", "the others are in the report's league table as anonymous brands");
        }
        using var api = anonymous.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var json = await api.GetStringAsync($"/api/v1/benchmark/sectors/Energy/waves/{wave}/league");
        json.Should().Contain("Voltra");
        others.Where(json.Contains).Should().BeEmpty("nor in the API's answer");
    }
}
