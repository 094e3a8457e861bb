using System.Globalization;
using CxPlus.Data.Curation;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

/// <summary>
/// Issue 28: the segment rollups (step 26) hold each category's sufficient statistics; every change to
/// the store keeps them equal to what the responses' own segments give, segment tables come from them,
/// and they follow the methodology on small cases computed by hand.
/// </summary>
public sealed class SegmentRollupTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();
    private static readonly ScoringSettings Settings = ScoringSettings.Default;

    private Task<ImportResult> Import(string path, bool replace = false) =>
        new ResponseImporter(db.DataSource, Settings, TimeProvider.System)
            .ImportAsync(path, new ImportOptions(Path.GetFileName(path), "test", Replace: replace));

    private static string Row(string wave, string brand, string id, string role, int rating, params string[] segments) =>
        string.Create(CultureInfo.InvariantCulture, $"{wave},S,{brand},{id},{role},{rating},{rating},{rating},{rating},{rating},,{(role == "customer" ? "8" : "")},,") +
        string.Concat(segments.Select(s => "," + s));

    /// <summary>
    /// Bank A's customers: 30 aged 18-34 rating 8, 30 rating 9 (who called about a bill), 60 aged 35+
    /// rating 6 (who moved); its prospects: 20 aged 18-34 rating 7, 20 rating 8, 40 aged 35+ rating 5
    /// or 6; none of them answers the contact question. Bank B: 40 young customers, 40 young prospects.
    /// </summary>
    private string HandFile()
    {
        var rows = new List<string>();
        void Add(string brand, string role, int count, int rating, string age, string contact) =>
            rows.AddRange(Enumerable.Range(0, count).Select(_ => Row("W1", brand, $"R{rows.Count + 1}", role, rating, age, contact)));
        Add("Bank A", "customer", 30, 8, "18-34", "bill");
        Add("Bank A", "customer", 30, 9, "18-34", "bill");
        Add("Bank A", "customer", 60, 6, "35+", "move");
        Add("Bank A", "prospect", 20, 7, "18-34", "");
        Add("Bank A", "prospect", 20, 8, "18-34", "");
        Add("Bank A", "prospect", 20, 5, "35+", "");
        Add("Bank A", "prospect", 20, 6, "35+", "");
        Add("Bank B", "customer", 40, 7, "18-34", "bill");
        Add("Bank B", "prospect", 40, 7, "18-34", "");
        return _files.Lines(Files.Header + ",segment_age,segment_contact", rows);
    }

    [Fact]
    public async Task A_segment_table_follows_step_26_on_a_case_computed_by_hand()
    {
        await db.ClearStoreAsync();
        (await Import(HandFile())).Succeeded.Should().BeTrue();
        var queries = new LeagueQueries(db.DataSource, Settings);

        (await queries.SegmentsAsync("S", "W1")).Should().BeEquivalentTo(
            [new SegmentInfo("age", ["18-34", "35+"]), new SegmentInfo("contact", ["bill", "move"])], o => o.WithStrictOrdering());

        var young = await queries.SegmentLeagueAsync("s", "w1", "AGE", "18-34");
        young.Settings.MinCustomers.Should().Be(50, "a segment table has its own minimums");
        young.Settings.MinProspects.Should().Be(30);
        var a = young.Find("Bank A")!;
        a.Result.Customers.Score!.Value.Should().BeApproximately(85, 1e-9, "(30 × 80 + 30 × 90) / 60");
        a.Result.Prospects.Score!.Value.Should().BeApproximately(75, 1e-9, "the young prospects: (20 × 70 + 20 × 80) / 40");
        a.Result.Score!.Value.Should().BeApproximately(90, 1e-9, "85 + the gap of +10 capped at +5");
        a.Rank.Should().Be(1);
        var b = young.Find("Bank B")!;
        b.Eligible.Should().BeFalse();
        b.Reason.Should().Be("low base: 40 customers < 50", "the segment minimum, not the brand's 100");
        young.Segment!.AllProspects.Should().BeEmpty();

        var bill = await queries.SegmentLeagueAsync("S", "W1", "contact", "Bill");
        bill.Segment!.Category.Should().Be("bill", "the stored spelling");
        bill.Segment.AllProspects.Should().Equal("Bank A", "Bank B");
        bill.Segment.CustomersOnly(bill).Should().BeTrue();
        var billA = bill.Find("Bank A")!;
        billA.Result.Customers.Score!.Value.Should().BeApproximately(85, 1e-9);
        billA.Result.Prospects.Score!.Value.Should().BeApproximately(65, 1e-9, "no prospect carries contact: all Bank A's prospects, (70 + 80 + 50 + 60) / 4");
        billA.Result.Prospects.N.Should().Be(80);

        var fromRows = await queries.SegmentLeagueFromResponsesAsync("S", "W1", "contact", "bill");
        fromRows.Rows.Select(r => (r.Brand, r.Rank, r.Reason, r.Result.Score?.Value, r.Result.Score?.StandardError))
            .Should().BeEquivalentTo(bill.Rows.Select(r => (r.Brand, r.Rank, r.Reason, r.Result.Score?.Value, r.Result.Score?.StandardError)),
                o => o.WithStrictOrdering().Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-9)).WhenTypeIs<double>());
    }

    [Fact]
    public async Task A_segment_or_category_that_is_not_there_is_named_with_those_that_are()
    {
        await db.ClearStoreAsync();
        (await Import(HandFile())).Succeeded.Should().BeTrue();
        var queries = new LeagueQueries(db.DataSource, Settings);

        var segment = () => queries.SegmentLeagueAsync("S", "W1", "region", "Noord");
        (await segment.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("There is no segment \"region\" in S W1. Segments: age, contact.");
        var category = () => queries.SegmentLeagueAsync("S", "W1", "age", "65+");
        (await category.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("Segment age has no category \"65+\" in W1. Categories: 18-34, 35+.");
    }

    private IEnumerable<string> RandomRows(Random random, string wave, string brand, int count, string idPrefix, Func<Random, string[]> segments) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var role = random.Next(3) == 0 ? "prospect" : "customer";
            int? R() => random.Next(12) is var x && x == 11 ? null : x;
            return string.Create(CultureInfo.InvariantCulture,
                $"{wave},S,{brand},{idPrefix}{i},{role},{R()},{R()},{R()},{R()},{R()},{0.5 + random.NextDouble():0.###},{(role == "customer" ? random.Next(11).ToString(CultureInfo.InvariantCulture) : "")},,")
                + string.Concat(segments(random).Select(s => "," + s));
        });

    private static string[] AgeRegion(Random r) => [new[] { "18-34", "35-54", "55+", "" }[r.Next(4)], new[] { "Noord", "Zuid", "" }[r.Next(3)]];

    [Fact]
    public async Task Imports_replace_undo_erasure_and_merge_keep_the_segment_rollups_equal_to_the_responses_and_to_a_rebuild()
    {
        await db.ClearStoreAsync();
        var random = new Random(28);
        const string header = Files.Header + ",segment_age,segment_region";
        await using var connection = await db.DataSource.OpenConnectionAsync();
        async Task Holds(string step)
        {
            await RollupAssert.SegmentsMatchResponsesAsync(connection, Settings);
            (await db.CountAsync("segment_rollups")).Should().BeGreaterThan(0, step);
        }

        (await Import(_files.Lines(header, [.. RandomRows(random, "W1", "A", 300, "a", AgeRegion), .. RandomRows(random, "W1", "B", 200, "b", AgeRegion)]))).Succeeded.Should().BeTrue();
        await Holds("first import");
        // Another file spells the segment and a category otherwise: the store's spelling is kept, one row each.
        var c = await Import(_files.Lines(Files.Header + ",segment_AGE,segment_Region", RandomRows(random, "W1", "C", 150, "c", r => [r.Next(2) == 0 ? "18-34" : "55+", "noord"])));
        c.Succeeded.Should().BeTrue(string.Join("\n", c.Problems.Take(3)));
        (await new LeagueQueries(db.DataSource, Settings).SegmentsAsync("S", "W1")).Should().BeEquivalentTo(
            [new SegmentInfo("age", ["18-34", "35-54", "55+"]), new SegmentInfo("region", ["Noord", "Zuid"])], o => o.WithStrictOrdering());
        await Holds("a second file with other spellings");
        (await Import(_files.Lines(header, RandomRows(random, "W2", "A", 250, "a", AgeRegion)))).Succeeded.Should().BeTrue();
        (await Import(_files.Lines(header, RandomRows(random, "W1", "B", 220, "b", r => [r.Next(2) == 0 ? "35-54" : "", "Zuid"])), replace: true)).Succeeded.Should().BeTrue();
        await Holds("a replace");
        await new ImportHistory(db.DataSource, Settings, TimeProvider.System).UndoAsync(c.Summary!.ImportId, "test");
        await Holds("an undo");
        await new RespondentErasure(db.DataSource, Settings, new AuditLog(db.DataSource, TimeProvider.System)).EraseAsync("W1", "S", "A", "a7", "test");
        await Holds("an erasure");
        await new NameChanges(db.DataSource, new AuditLog(db.DataSource, TimeProvider.System)).MergeBrandAsync("S", "B", "A", "test");
        await Holds("a merge");

        var incremental = await RollupAssert.ReadSegmentsAsync(connection);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await RoleRollups.RebuildAsync(connection, Settings, default);
            await transaction.CommitAsync();
        }
        var rebuilt = await RollupAssert.ReadSegmentsAsync(connection);
        RollupAssert.SameKeys(rebuilt.Keys, incremental.Keys);
        foreach (var (key, stats) in incremental) RollupAssert.Same(stats, rebuilt[key], key.ToString());
    }

    [Fact]
    public async Task Migrating_a_store_whose_files_came_before_the_segment_rollups_builds_them_from_the_stored_segments()
    {
        await db.ClearStoreAsync();
        (await Import(HandFile())).Succeeded.Should().BeTrue();
        await using var connection = await db.DataSource.OpenConnectionAsync();
        var imported = await RollupAssert.ReadSegmentsAsync(connection);
        // As a store of the first step left it: segments kept with the responses, no segment rollups, layout 3.
        await using (var reset = new Npgsql.NpgsqlCommand("DELETE FROM segment_rollups; UPDATE store_state SET rollup_layout = 3", connection))
            await reset.ExecuteNonQueryAsync();

        await CxPlusStore.MigrateAsync(db.DataSource);

        var migrated = await RollupAssert.ReadSegmentsAsync(connection);
        RollupAssert.SameKeys(migrated.Keys, imported.Keys);
        foreach (var (key, stats) in imported) RollupAssert.Same(migrated[key], stats, key.ToString());
        await using var layout = new Npgsql.NpgsqlCommand("SELECT rollup_layout FROM store_state", connection);
        ((int)(await layout.ExecuteScalarAsync())!).Should().Be(Model.RollupLayout.Version);
    }

    public void Dispose() => _files.Dispose();
}
