using System.Text.Json;

namespace CxPlus.Reports.Tests;

/// <summary>The league table as published to machines (CLI and API), methodology v3.</summary>
public sealed class LeagueDocumentTests(ReportStore store) : IClassFixture<ReportStore>
{
    [Fact]
    public async Task The_league_json_from_the_store_equals_the_one_from_raw_rows_in_every_field()
    {
        // Every number and marker of v3 (movement p and q, leaders, shortfalls, effective bases,
        // NPS/CSAT intervals, the verdict's cap note): from the rollups as from the raw responses.
        var compared = 0;
        foreach (var sector in await store.Queries.SectorsAsync())
            foreach (var wave in sector.Waves)
            {
                var fromRollups = JsonSerializer.SerializeToElement(LeagueDocument.From(await store.Queries.LeagueAsync(sector.Name, wave)), LeagueDocument.JsonOptions);
                var fromRows = JsonSerializer.SerializeToElement(LeagueDocument.From(await store.Queries.LeagueFromResponsesAsync(sector.Name, wave)), LeagueDocument.JsonOptions);

                Differences(fromRollups, fromRows, $"{sector.Name} {wave}").Should().BeEmpty();
                compared++;
            }
        compared.Should().BeGreaterThan(10);
    }

    [Fact]
    public async Task The_json_carries_every_v3_field()
    {
        var table = await store.Queries.LeagueAsync("Retail Banking", "2026-Q3");
        var json = JsonSerializer.SerializeToElement(LeagueDocument.From(table), LeagueDocument.JsonOptions);

        json.GetProperty("leaders").EnumerateArray().Select(e => e.GetString()).Should().Equal(table.Leaders);
        json.GetProperty("canBeLast").EnumerateArray().Select(e => e.GetString()).Should().Equal(table.CanBeLast);
        var moved = json.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("movement").ValueKind == JsonValueKind.Object).GetProperty("movement");
        foreach (var name in new[] { "previousWave", "value", "se", "df", "low", "high", "p", "q", "significant", "previousRank", "rankChange" })
            moved.TryGetProperty(name, out _).Should().BeTrue(name);
        var nps = json.GetProperty("rows")[0].GetProperty("nps");
        nps.EnumerateObject().Select(p => p.Name).Should().Equal("value", "se", "low", "high");
        var unranked = json.GetProperty("rows").EnumerateArray().First(r => !r.GetProperty("eligible").GetBoolean());
        var shortfall = unranked.GetProperty("shortfalls")[0];
        (shortfall.GetProperty("kind").GetString(), shortfall.GetProperty("role").GetString()).Should().Be(("lowBase", "customer"));
        json.GetProperty("rows").EnumerateArray().Should().Contain(r => r.GetProperty("gapAboveCapNotSignificantly").GetBoolean(), "Oak Mutual's +6.1 is above the cap, not significantly");
    }

    /// <summary>Where two JSON documents differ: structure exactly, numbers to 1e-9 of their size.</summary>
    private static IEnumerable<string> Differences(JsonElement a, JsonElement b, string path)
    {
        if (a.ValueKind != b.ValueKind) { yield return $"{path}: {a.ValueKind} against {b.ValueKind}"; yield break; }
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var names = a.EnumerateObject().Select(p => p.Name).ToList();
                if (!names.SequenceEqual(b.EnumerateObject().Select(p => p.Name))) { yield return $"{path}: other fields"; yield break; }
                foreach (var name in names)
                    foreach (var d in Differences(a.GetProperty(name), b.GetProperty(name), $"{path}.{name}")) yield return d;
                break;
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength()) { yield return $"{path}: {a.GetArrayLength()} items against {b.GetArrayLength()}"; yield break; }
                for (var i = 0; i < a.GetArrayLength(); i++)
                    foreach (var d in Differences(a[i], b[i], $"{path}[{i}]")) yield return d;
                break;
            case JsonValueKind.Number:
                var (x, y) = (a.GetDouble(), b.GetDouble());
                if (Math.Abs(x - y) > 1e-9 * Math.Max(1, Math.Abs(x))) yield return $"{path}: {x} against {y}";
                break;
            default:
                if (a.GetRawText() != b.GetRawText()) yield return $"{path}: {a.GetRawText()} against {b.GetRawText()}";
                break;
        }
    }
}
