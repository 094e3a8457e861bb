using CxPlus.Data.Demo;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Model;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

/// <summary>
/// The rollups are a cache of the raw responses: maintained incrementally by imports (including
/// a replace), they must equal a rebuild from raw rows, and league tables from either must agree.
/// </summary>
public sealed class RollupConsistencyTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private readonly PostgresDatabase db = demo.Database;
    private readonly ScoringSettings _settings = ScoringSettings.Default;

    [Fact]
    public async Task Incrementally_maintained_rollups_equal_a_rebuild_from_raw_responses()
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        var incremental = await ReadAllAsync();
        // The driver groups too, as the imports (a split wave, a replace) left them, before the rebuild.
        (await DriverGroups.ReadAllAsync(connection, default)).Should().NotBeEmpty();
        await RollupAssert.GroupsMatchResponsesAsync(connection, _settings);

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var rebuilt = await RoleRollups.RebuildAsync(connection, _settings, default);
            await transaction.CommitAsync();
            rebuilt.Should().Be(incremental.Count);
        }
        var afterRebuild = await ReadAllAsync();

        RollupAssert.SameKeys(afterRebuild.Keys, incremental.Keys);
        foreach (var (key, stats) in incremental) RollupAssert.Same(stats, afterRebuild[key], key.ToString());
    }

    [Fact]
    public async Task League_tables_from_rollups_equal_those_from_raw_rows_in_every_sector_and_wave()
    {
        var queries = new LeagueQueries(db.DataSource, _settings);
        var sectors = await queries.SectorsAsync();
        sectors.Should().HaveCount(4);

        foreach (var sector in sectors)
        foreach (var wave in sector.Waves)
        {
            var fromRollups = await queries.LeagueAsync(sector.Name, wave);
            var fromResponses = await queries.LeagueFromResponsesAsync(sector.Name, wave);

            SameTables(fromRollups, fromResponses, $"{sector.Name} {wave}");
        }
    }

    [Fact]
    public async Task Segment_tables_from_segment_rollups_equal_those_from_raw_rows_for_every_segment_and_category_of_the_demo()
    {
        var queries = new LeagueQueries(db.DataSource, _settings);
        var wave = DemoBenchmark.Waves[^1];
        var tables = 0;
        foreach (var sector in await queries.SectorsAsync())
        {
            var segments = await queries.SegmentsAsync(sector.Name, wave);
            segments.Select(s => s.Name).Should().Equal("age", "contact_reason", "lifecycle", "region");
            foreach (var segment in segments)
            foreach (var category in segment.Categories)
            {
                var fromRollups = await queries.SegmentLeagueAsync(sector.Name, wave, segment.Name, category);
                var fromResponses = await queries.SegmentLeagueFromResponsesAsync(sector.Name, wave, segment.Name, category);
                fromRollups.Segment!.AllProspects.Should().Equal(fromResponses.Segment!.AllProspects);
                SameTables(fromRollups, fromResponses, $"{sector.Name} {wave} {segment.Name} {category}");
                tables++;
            }
        }
        tables.Should().Be(4 * 17, "four sectors, each with the demo's 3 + 6 + 3 + 5 categories");
    }

    private static void SameTables(LeagueTable fromRollups, LeagueTable fromResponses, string which)
    {
        fromRollups.Rows.Select(r => (r.Brand, r.Rank, r.Eligible, r.Reason, r.Movement?.RankChange, r.RankRange, r.VersusAverage?.Position))
            .Should().Equal(fromResponses.Rows.Select(r => (r.Brand, r.Rank, r.Eligible, r.Reason, r.Movement?.RankChange, r.RankRange, r.VersusAverage?.Position)), which);
        foreach (var (a, b) in fromRollups.Rows.Zip(fromResponses.Rows))
        {
            var what = $"{which} {a.Brand}";
            foreach (var (x, y) in new[] { (a.Result.Score, b.Result.Score), (a.Index, b.Index), (a.VersusAverage?.Difference, b.VersusAverage?.Difference) })
            {
                (x is null).Should().Be(y is null, what);
                Close(x?.Value, y?.Value).Should().BeTrue(what);
                Close(x?.StandardError, y?.StandardError).Should().BeTrue(what);
                Close(x?.DegreesOfFreedom, y?.DegreesOfFreedom).Should().BeTrue(what);
                Close(x?.Low, y?.Low).Should().BeTrue(what);
                Close(x?.High, y?.High).Should().BeTrue(what);
            }
            Close(a.Result.Customers.Nps?.Value, b.Result.Customers.Nps?.Value).Should().BeTrue(what);
            Close(a.Movement?.Change.Value, b.Movement?.Change.Value).Should().BeTrue(what);
        }
    }

    [Fact]
    public async Task A_brands_trend_is_its_row_in_each_waves_league_table()
    {
        var queries = new LeagueQueries(db.DataSource, _settings);

        var trend = await queries.TrendAsync("energy", "Voltra");

        trend.Select(t => t.Table.Wave).Should().Equal(DemoBenchmark.Waves);
        foreach (var (table, row) in trend)
        {
            var expected = (await queries.LeagueAsync("Energy", table.Wave)).Find("Voltra")!;
            (row.Rank, row.Index?.Value, row.Result.Score?.Value, row.Movement?.Change.Value, row.Movement?.RankChange)
                .Should().Be((expected.Rank, expected.Index?.Value, expected.Result.Score?.Value, expected.Movement?.Change.Value, expected.Movement?.RankChange), table.Wave);
        }
        trend[0].Row.Movement.Should().BeNull("the first wave has no wave before it");
    }

    [Fact]
    public async Task The_demo_benchmark_tells_every_story_the_dashboard_shows()
    {
        var queries = new LeagueQueries(db.DataSource, _settings);
        var rows = new List<LeagueRow>();
        foreach (var sector in await queries.SectorsAsync())
            rows.AddRange((await queries.LeagueAsync(sector.Name, DemoBenchmark.Waves[^1])).Rows);

        rows.Select(r => r.Result.Verdict).Distinct().Should().Contain([Verdict.UnderDelivers, Verdict.MeetsExpectations, Verdict.OverDelivers, Verdict.UnderPromises]);
        rows.Should().Contain(r => !r.Eligible && r.Reason!.StartsWith("low base", StringComparison.Ordinal));
        rows.Should().Contain(r => r.Movement != null);
        rows.Should().OnlyContain(r => r.Result.Customers.Incomplete > 0 || !r.Eligible);
        rows.Where(r => r.Eligible).Should().OnlyContain(r => r.Result.Customers.Nps != null && r.Result.Customers.Csat != null && r.Result.Customers.Ces != null);
    }

    private static bool Close(double? a, double? b) =>
        a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(a.Value));

    private async Task<Dictionary<RollupKey, RoleStatistics>> ReadAllAsync()
    {
        await using var command = db.DataSource.CreateCommand("SELECT wave_id, brand_id, role, sums FROM role_rollups");
        var result = new Dictionary<RollupKey, RoleStatistics>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync())
            result[new RollupKey(r.GetInt32(0), r.GetInt32(1), (Role)r.GetInt16(2))] = RollupLayout.FromArray(r.GetFieldValue<double[]>(3));
        return result;
    }

}

/// <summary>The demo benchmark imported wave by wave, the last wave split in two files, then one brand replaced.</summary>
public sealed class DemoDatabase : IAsyncLifetime
{
    private readonly Files _files = new();
    private readonly ScoringSettings _settings = ScoringSettings.Default;

    public PostgresDatabase Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var db = Database;
        var path = _files.Path_("demo.csv");
        await using (var writer = File.CreateText(path)) DemoBenchmark.Write(writer, seed: 7, scale: 1);
        var rows = File.ReadLines(path).Skip(1).ToArray();
        var importer = new ResponseImporter(db.DataSource, _settings, TimeProvider.System);
        var parts = rows.GroupBy(r => r.Split(',')[0]).SelectMany(wave =>
            wave.Key == DemoBenchmark.Waves[^1]
                ? wave.GroupBy(r => r.Contains("Insurance", StringComparison.Ordinal)).Select(g => g.ToArray())
                : [wave.ToArray()]);
        foreach (var part in parts)
        {
            var result = await importer.ImportAsync(_files.Lines(DemoBenchmark.Header, part), new ImportOptions("part.csv", "test"));
            result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(5)));
        }
        var brand = rows.Where(r => r.Contains(",Voltra,", StringComparison.Ordinal) && r.StartsWith(DemoBenchmark.Waves[^1], StringComparison.Ordinal))
            .Select(r => string.Join(',', r.Split(',').Select((field, i) => i is >= 5 and <= 9 && field == "7" ? "9" : field))).ToArray(); // factor ratings 7 become 9
        var replaced = await importer.ImportAsync(_files.Lines(DemoBenchmark.Header, brand), new ImportOptions("voltra-fix.csv", "test", Replace: true));
        replaced.Summary!.ReplacedRows.Should().Be(brand.Length);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        _files.Dispose();
    }
}
