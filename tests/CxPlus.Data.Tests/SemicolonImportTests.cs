using System.Globalization;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;

namespace CxPlus.Data.Tests;

/// <summary>
/// Issue #26: Dutch and Belgian Excel save CSV with semicolons and decimal commas; such a file was
/// refused with "required column missing" ten times. The contract (data-format.md) now takes it.
/// </summary>
public sealed class SemicolonImportTests : IAsyncLifetime, IDisposable
{
    private readonly PostgresDatabase _semicolon = new(), _comma = new();
    private readonly Files _files = new();
    private static readonly ScoringSettings Settings = new(minCustomers: 1, minProspects: 1);

    public Task InitializeAsync() => Task.WhenAll(_semicolon.InitializeAsync(), _comma.InitializeAsync());

    public async Task DisposeAsync() => await Task.WhenAll(_semicolon.DisposeAsync(), _comma.DisposeAsync());

    private static Task<ImportResult> ImportAsync(PostgresDatabase db, string path) =>
        new ResponseImporter(db.DataSource, Settings, TimeProvider.System).ImportAsync(path, new ImportOptions(Path.GetFileName(path), "test"));

    private static async Task<string> LeagueAsync(PostgresDatabase db, string sector, string wave) =>
        string.Join("\n", (await new LeagueQueries(db.DataSource, Settings).LeagueAsync(sector, wave)).Rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Brand} {r.Rank} {r.Result.Customers.N} {r.Result.Prospects.N} {r.Result.Customers.Score?.Value:R} {r.Result.Prospects.Score?.Value:R} {r.Result.Score?.Value:R} {r.Result.Score?.Low:R} {r.Result.Gap?.Value:R}")));

    [Fact]
    public async Task The_semicolon_sample_imports_with_its_decimal_comma_weights()
    {
        var result = await ImportAsync(_semicolon, Samples.Path("semicolon.csv"));

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
        result.Warnings.Should().BeEmpty();
        await using var weights = _semicolon.DataSource.CreateCommand("SELECT string_agg(weight::text, ' ' ORDER BY line) FROM responses");
        ((string)(await weights.ExecuteScalarAsync())!).Should().Be("1.25 0.8 1 1.1 0.95 1");
        await using var brands = _semicolon.DataSource.CreateCommand("SELECT string_agg(name, ' | ' ORDER BY name) FROM brands");
        ((string)(await brands.ExecuteScalarAsync())!).Should().Be("Stroom & Co | Wind; Zon", "a quoted semicolon is part of the name");
    }

    [Fact]
    public async Task A_semicolon_file_imports_to_the_same_numbers_as_its_comma_twin()
    {
        var random = new Random(26);
        var rows = Enumerable.Range(1, 300).Select(i => (Brand: i % 3 == 0 ? "Gas; Licht" : "Stroom", Id: $"R{i}", Role: i % 4 == 0 ? "prospect" : "customer",
            Ratings: Enumerable.Range(0, 5).Select(_ => random.Next(0, 11)).ToArray(), Weight: Math.Round(0.5 + random.NextDouble() * 1.5, 3))).ToList();
        string Line(char separator, (string Brand, string Id, string Role, int[] Ratings, double Weight) r)
        {
            var weight = r.Weight.ToString("0.###", CultureInfo.InvariantCulture);
            var brand = r.Brand.Contains(';') || r.Brand.Contains(',') ? $"\"{r.Brand}\"" : r.Brand;
            return string.Join(separator, ["W1", "Energie", brand, r.Id, r.Role, .. r.Ratings.Select(x => x.ToString(CultureInfo.InvariantCulture)),
                separator == ';' ? weight.Replace('.', ',') : weight]);
        }
        var header = "wave,sector,brand,respondent_id,role,clear_brand_promise,empowered_employees,empowered_customers,lasting_memories,exceptional_delivery,weight";
        var semicolon = _files.Write("\uFEFF" + header.Replace(',', ';') + "\r\n" + string.Join("\r\n", rows.Select(r => Line(';', r))) + "\r\n", "dutch-excel.csv");
        var comma = _files.Lines(header, rows.Select(r => Line(',', r)));

        (await ImportAsync(_semicolon, semicolon)).Succeeded.Should().BeTrue();
        (await ImportAsync(_comma, comma)).Succeeded.Should().BeTrue();

        var fromSemicolons = await LeagueAsync(_semicolon, "Energie", "W1");
        fromSemicolons.Should().Contain("Gas; Licht").And.Be(await LeagueAsync(_comma, "Energie", "W1"));
    }

    [Theory]
    [InlineData("1.234,5", "column weight: \"1.234,5\" is not a decimal number (use . or , as the decimal point)")]
    [InlineData("1,2,5", "has 12 fields, but the header has 11; check for a missing or extra semicolon or an unclosed quote")]
    public async Task A_semicolon_file_names_its_problems_in_its_own_terms(string weight, string message)
    {
        var path = _files.Write("wave;sector;brand;respondent_id;role;clear_brand_promise;empowered_employees;empowered_customers;lasting_memories;exceptional_delivery;weight\n" +
            $"W1;S;B;R1;customer;7;7;7;7;7;{weight}\n".Replace("1,2,5", "1;2,5", StringComparison.Ordinal));

        var result = await ImportAsync(_semicolon, path);

        result.Succeeded.Should().BeFalse();
        result.Problems.Select(p => p.ToString()).Should().ContainSingle().Which.Should().Contain(message);
    }

    public void Dispose() => _files.Dispose();
}
