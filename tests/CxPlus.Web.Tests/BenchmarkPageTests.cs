using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CxPlus.Data.Accounts;
using CxPlus.Data.League;
using CxPlus.Reports;
using CxPlus.Scoring;
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
        }
        using var api = anonymous.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var json = await api.GetStringAsync($"/api/v1/benchmark/sectors/Energy/waves/{wave}/league");
        json.Should().Contain("Voltra");
        others.Where(json.Contains).Should().BeEmpty("nor in the API's answer");
    }
}
