using System.Net;
using System.Text.Json;
using CxPlus.Data.Accounts;
using CxPlus.Data.Demo;
using CxPlus.Data.Importing;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CxPlus.Web.Tests;

/// <summary>The demo benchmark (lens columns in two sectors) served by the real app.</summary>
public sealed class DemoApiFixture : IAsyncLifetime
{
    private readonly Files _files = new();
    public PostgresDatabase Database { get; } = new();
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var path = _files.Path_("demo.csv");
        await using (var writer = File.CreateText(path)) DemoBenchmark.Write(writer, seed: 2);
        (await new ResponseImporter(Database.DataSource, ScoringSettings.Default, TimeProvider.System).ImportAsync(path, new ImportOptions("demo.csv", "api")))
            .Succeeded.Should().BeTrue();
        await Database.ReleaseAllAsync(); // checked and released: members see it (issue 30)
        Factory = TestApp.Create(Database.ConnectionString);
        var accounts = Factory.Services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("consultant@example.com", "a long enough password", [AccountRoles.Consultant]);
        _token = (await accounts.CreateTokenAsync("consultant@example.com", "tests")).Secret;
    }

    public HttpClient Client()
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", _token);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
        _files.Dispose();
    }
}

/// <summary>Issue #14 in the read API: drivers, lens tables and their exports, and the answers to bad requests.</summary>
public sealed class LensApiTests(DemoApiFixture app) : IClassFixture<DemoApiFixture>
{
    private static readonly string Wave = DemoBenchmark.Waves[^1];
    private static string Base(string sector) => $"/api/v1/sectors/{Uri.EscapeDataString(sector)}/waves/{Wave}";

    [Fact]
    public async Task Drivers_come_with_R_squared_and_an_interval_per_factor_pooled_or_per_brand()
    {
        using var client = app.Client();

        using var pooled = JsonDocument.Parse(await client.GetStringAsync(Base("Energy") + "/drivers"));
        using var brand = JsonDocument.Parse(await client.GetStringAsync(Base("Energy") + "/drivers?brand=voltra"));

        var root = pooled.RootElement;
        root.GetProperty("brand").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("rSquared").GetDouble().Should().BeInRange(0.05, 1);
        root.GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null);
        var factors = root.GetProperty("factors").EnumerateArray().ToList();
        factors.Select(f => f.GetProperty("key").GetString()).Should().Equal("clear_brand_promise", "empowered_employees", "empowered_customers", "lasting_memories", "exceptional_delivery");
        factors.Sum(f => f.GetProperty("importance").GetProperty("value").GetDouble()).Should().BeApproximately(100, 1e-9);
        factors.Should().OnlyContain(f => f.GetProperty("importance").GetProperty("low").GetDouble() < f.GetProperty("importance").GetProperty("high").GetDouble());
        brand.RootElement.GetProperty("brand").GetString().Should().Be("Voltra");
        brand.RootElement.GetProperty("n").GetInt64().Should().BeLessThan(root.GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task A_lens_table_has_ranks_scores_with_intervals_bases_and_items()
    {
        using var client = app.Client();

        using var kei = JsonDocument.Parse(await client.GetStringAsync(Base("Telecom") + "/league?lens=kei"));
        (await client.GetStringAsync(Base("Telecom") + "/lenses/kei")).Should().Be(await client.GetStringAsync(Base("Telecom") + "/league?lens=kei"), "both paths give the same table");
        using var lenses = JsonDocument.Parse(await client.GetStringAsync(Base("Telecom") + "/lenses"));

        lenses.RootElement.EnumerateArray().Select(e => e.GetString()).Should().Equal("cx", "kei");
        kei.RootElement.GetProperty("lens").GetString().Should().Be("kei");
        var rows = kei.RootElement.GetProperty("rows").EnumerateArray().ToList();
        var first = rows[0];
        first.GetProperty("rank").GetInt32().Should().Be(1);
        first.GetProperty("eligible").GetBoolean().Should().BeTrue();
        first.GetProperty("n").GetInt64().Should().BeGreaterThanOrEqualTo(100);
        var score = first.GetProperty("score");
        (score.GetProperty("low").GetDouble() < score.GetProperty("value").GetDouble() && score.GetProperty("value").GetDouble() < score.GetProperty("high").GetDouble()).Should().BeTrue();
        score.GetProperty("se").GetDouble().Should().BePositive();
        first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()).Should().Equal("effectiveness", "ease", "emotion");
        rows.Should().Contain(r => !r.GetProperty("eligible").GetBoolean() && r.GetProperty("reason").GetString()!.StartsWith("low base", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lens_exports_come_as_CSV_and_Excel_named_for_the_lens()
    {
        using var client = app.Client();

        var csv = await client.GetAsync(Base("Retail Banking") + "/league.csv?lens=cee");
        var xlsx = await client.GetAsync(Base("Retail Banking") + "/league.xlsx?lens=cee");

        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("cx-cee-retail_banking-2026-q3.csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("Sector,Wave,Lens,Rank,\"Rank, best (95 %)\",\"Rank, worst (95 %)\",Brand,Ranked,Why not ranked,Customers (n),CEE score,")
            .And.Contain("Personalisation,Integrity");
        lines[1].Should().StartWith("Retail Banking,2026-Q3,Six Pillars (CEE),1,");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        MiniExcel.GetSheetNames(stream).Should().Equal("Six Pillars (CEE)", "Pillar importance", "Settings");
    }

    [Theory]
    [InlineData("/league?lens=nps", 400, "The lens must be cx, cee or kei")]
    [InlineData("/drivers?lens=kei", 400, "The KEI has no drivers")]
    [InlineData("/drivers?brand=Nobody", 404, "There is no brand \"Nobody\" in Energy")]
    public async Task Bad_lens_and_brand_requests_are_answered_in_words(string path, int status, string says)
    {
        using var client = app.Client();

        var response = await client.GetAsync(Base("Energy") + path);

        ((int)response.StatusCode).Should().Be(status);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("detail").GetString().Should().Contain(says);
    }

    [Fact]
    public async Task A_lens_the_sector_did_not_ask_is_not_found_and_says_why()
    {
        using var client = app.Client();

        var response = await client.GetAsync(Base("Energy") + "/league?lens=cee");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Energy has no Six Pillars (CEE) answers in 2026-Q3");
    }

    [Fact]
    public async Task The_openapi_document_describes_drivers_and_lenses()
    {
        using var client = app.Client();
        using var openapi = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json"));

        var paths = openapi.RootElement.GetProperty("paths");
        paths.TryGetProperty("/api/v1/sectors/{sector}/waves/{wave}/drivers", out _).Should().BeTrue();
        paths.TryGetProperty("/api/v1/sectors/{sector}/waves/{wave}/lenses", out _).Should().BeTrue();
        paths.TryGetProperty("/api/v1/sectors/{sector}/waves/{wave}/lenses/{lens}", out _).Should().BeTrue();
        var schemas = openapi.RootElement.GetProperty("components").GetProperty("schemas");
        schemas.TryGetProperty("DriversDocument", out var drivers).Should().BeTrue();
        drivers.GetProperty("properties").GetProperty("rSquared").GetProperty("description").GetString().Should().Contain("R²");
        schemas.TryGetProperty("LensDocument", out _).Should().BeTrue();
        drivers.GetProperty("properties").GetProperty("indicative").GetProperty("description").GetString().Should().Contain("minDriverIntervalBase");
        // Methodology v3 in the league's schema: movement with p, q and the false discovery rate control; who can lead.
        var movement = schemas.GetProperty("MovementDocument").GetProperty("properties");
        foreach (var name in new[] { "value", "se", "low", "high", "p", "q", "significant", "rankChange" }) movement.TryGetProperty(name, out _).Should().BeTrue(name);
        movement.GetProperty("significant").GetProperty("description").GetString().Should().Contain("false discovery rate");
        schemas.GetProperty("LeagueDocument").GetProperty("properties").GetProperty("leaders").GetProperty("description").GetString().Should().Contain("rank range starts at 1");
    }
}
