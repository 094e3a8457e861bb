using System.Text.Json;
using CxPlus.Data.Tests;

namespace CxPlus.Cli.Tests;

/// <summary>The demo benchmark written and imported by the real cxplus, once for the class.</summary>
public sealed class DemoCli : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cxplus-cli-demo-").FullName;
    public PostgresDatabase Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var file = Path.Combine(_dir, "demo.csv");
        (await CxplusProcess.Run(null, "demo", "--out", file, "--seed", "4")).Exit.Should().Be(0);
        var import = await CxplusProcess.Run(Database.ConnectionString, "import", file);
        import.Exit.Should().Be(0, import.Err);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>Issue #14: <c>cxplus drivers</c> and <c>cxplus league --lens</c>.</summary>
public sealed class DriverCommandTests(DemoCli store) : IClassFixture<DemoCli>
{
    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => CxplusProcess.Run(store.Database.ConnectionString, args);

    [Fact]
    public async Task Drivers_as_json_carry_n_r_squared_and_each_factors_importance_with_its_interval()
    {
        var (exit, json, err) = await Run("drivers", "--sector", "energy", "--wave", "2026-Q3", "--format", "json");

        exit.Should().Be(0, err);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        (root.GetProperty("sector").GetString(), root.GetProperty("wave").GetString()).Should().Be(("Energy", "2026-Q3"));
        root.GetProperty("brand").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("n").GetInt64().Should().BeGreaterThan(1000);
        root.GetProperty("rSquared").GetDouble().Should().BeInRange(0.05, 1);
        root.GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null);
        var factors = root.GetProperty("factors").EnumerateArray().ToList();
        factors.Should().HaveCount(5);
        factors.Should().OnlyContain(f => f.GetProperty("importance").GetProperty("low").ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public async Task Drivers_of_a_brand_print_as_a_table_and_a_low_base_brand_says_why_not()
    {
        var (exit, text, _) = await Run("drivers", "--sector", "Energy", "--wave", "2026-Q3", "--brand", "voltra");
        exit.Should().Be(0);
        text.Should().StartWith("Key drivers of recommendation — Energy 2026-Q3 — Voltra").And.Contain("R² = ");

        var (_, league, _) = await Run("league", "--sector", "Energy", "--wave", "2026-Q3", "--format", "json");
        using var doc = JsonDocument.Parse(league);
        var low = doc.RootElement.GetProperty("rows").EnumerateArray().First(r => !r.GetProperty("eligible").GetBoolean()).GetProperty("brand").GetString()!;
        var (lowExit, lowJson, _) = await Run("drivers", "--sector", "Energy", "--wave", "2026-Q3", "--brand", low, "--format", "json");
        lowExit.Should().Be(0);
        using var lowDoc = JsonDocument.Parse(lowJson);
        lowDoc.RootElement.GetProperty("rSquared").ValueKind.Should().Be(JsonValueKind.Null);
        lowDoc.RootElement.GetProperty("reason").GetString().Should().StartWith("too few complete respondents");
    }

    [Fact]
    public async Task League_with_a_lens_prints_that_lens_table()
    {
        var (exit, json, err) = await Run("league", "--sector", "Telecom", "--wave", "2026-Q3", "--lens", "kei", "--format", "json");

        exit.Should().Be(0, err);
        using var doc = JsonDocument.Parse(json);
        var row = doc.RootElement.GetProperty("rows")[0];
        foreach (var name in new[] { "brand", "eligible", "reason", "n", "rank", "score", "items" }) row.TryGetProperty(name, out _).Should().BeTrue(name);
        foreach (var name in new[] { "value", "se", "low", "high" }) row.GetProperty("score").TryGetProperty(name, out _).Should().BeTrue(name);

        var (_, table, _) = await Run("league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--lens", "cee");
        table.Should().StartWith("Retail Banking — 2026-Q3 — Six Pillars (CEE)").And.Contain("Time and Effort");
    }

    [Fact]
    public async Task A_lens_the_sector_did_not_ask_exits_1_with_the_reason()
    {
        var (exit, _, err) = await Run("league", "--sector", "Energy", "--wave", "2026-Q3", "--lens", "cee");

        exit.Should().Be(1);
        err.Should().Contain("Energy has no Six Pillars (CEE) answers in 2026-Q3");
        (await Run("drivers", "--sector", "Energy", "--wave", "2026-Q3", "--lens", "kei")).Exit.Should().Be(2, "the KEI has no drivers");
    }
}
