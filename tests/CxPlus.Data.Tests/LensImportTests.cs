using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Scoring.Lenses;

namespace CxPlus.Data.Tests;

/// <summary>
/// Issue #14: the optional Six Pillars and KEI columns are imported, validated like the others
/// (each problem with its line), scored from the rollups, and absent files work as before.
/// </summary>
public sealed class LensImportTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();
    private static readonly ScoringSettings Settings = new(minCustomers: 2, minProspects: 1);
    private const string Header = Files.Header + ",personalisation,integrity,expectations,resolution,time_and_effort,empathy,effectiveness,ease,emotion";

    private Task<ImportResult> Import(string path) =>
        new ResponseImporter(db.DataSource, Settings, TimeProvider.System).ImportAsync(path, new ImportOptions(Path.GetFileName(path), "test"));

    private Task ClearAsync() => db.ClearStoreAsync();

    [Fact]
    public async Task Lens_answers_off_their_scale_are_refused_with_their_line_and_nothing_is_stored()
    {
        await ClearAsync();
        var before = await db.SnapshotAsync();
        var file = _files.Lines(Header,
        [
            "W1,S,B,R1,customer,7,7,7,7,7,,9,4,6,8,8,8,8,8,8,4,4,4",
            "W1,S,B,R2,customer,7,7,7,7,7,,9,4,6,8,11,8,8,8,8,4,4,4",
            "W1,S,B,R3,customer,7,7,7,7,7,,9,4,6,8,8,8,8,8,8,0,4,6",
        ]);

        var result = await Import(file);

        result.Succeeded.Should().BeFalse();
        result.Problems.Select(p => p.ToString()).Should().Equal(
            "line 3, column integrity: \"11\" is outside the rating scale 0..10",
            "line 4, column effectiveness: \"0\" is outside 1..5",
            "line 4, column emotion: \"6\" is outside 1..5");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_file_with_lens_columns_gets_its_lens_tables_and_one_without_gets_none()
    {
        await ClearAsync();
        (await Import(_files.Lines(Header,
        [
            "W1,S,A,R1,customer,7,7,7,7,7,,9,4,6,8,8,8,8,8,8,5,5,4",
            "W1,S,A,R2,customer,7,7,7,7,7,,9,4,6,6,6,6,6,,,4,3,3",     // four pillars: qualifies
            "W1,S,A,R3,prospect,6,6,6,6,6,,,,,,,,,,,,,",
            "W1,S,B,R1,customer,5,5,5,5,5,,5,3,4,5,5,5,5,5,5,2,2,3",
            "W1,S,B,R2,customer,5,5,5,5,5,,5,3,4,4,4,4,4,4,4,1,2,2",
            "W1,S,B,R3,prospect,6,6,6,6,6,,,,,,,,,,,,,",
        ]))).Succeeded.Should().BeTrue();
        (await Import(_files.Lines("W2,S,A,R1,customer,7,7,7,7,7,,9,4,6", "W2,S,A,R2,customer,7,7,7,7,7,,9,4,6", "W2,S,A,R3,prospect,6,6,6,6,6,,,,"))).Succeeded.Should().BeTrue();
        var queries = new LeagueQueries(db.DataSource, Settings);

        var lenses = await queries.AnsweredLensesAsync("S", "W1");
        var cee = lenses.Single(l => l.Lens == Lens.Cee);
        var kei = lenses.Single(l => l.Lens == Lens.Kei);

        cee.Rows.Select(r => (r.Brand, r.Rank, r.N)).Should().Equal(("A", 1, 2L), ("B", 2, 2L));
        cee.Find("A")!.Score!.Value.Should().BeApproximately((80 + 60) / 2.0, 1e-9);
        kei.Find("A")!.Score!.Value.Should().BeApproximately((100 + 100.0 / 3) / 2, 1e-9); // (+1 +1 +1), (+1 0 0)
        kei.Find("B")!.Items[0]!.Value.Should().BeApproximately(-100, 1e-9);
        (await queries.AnsweredLensesAsync("S", "W2")).Should().BeEmpty("W2's file had no lens columns");
        (await queries.LeagueAsync("S", "W2")).Rows.Should().HaveCount(1, "CX+ works exactly as before");
    }

    [Fact]
    public async Task Prospects_lens_answers_are_stored_but_not_scored_and_the_import_says_so()
    {
        await ClearAsync();
        var result = await Import(_files.Lines(Header,
        [
            "W1,S,A,R1,customer,7,7,7,7,7,,9,4,6,8,8,8,8,8,8,5,5,4",
            "W1,S,A,R2,customer,7,7,7,7,7,,9,4,6,8,8,8,8,8,8,5,5,4",
            "W1,S,A,R3,prospect,6,6,6,6,6,,,,,9,9,9,9,9,9,5,5,5",
        ]));

        result.Succeeded.Should().BeTrue();
        result.Warnings.Select(w => w.ToString()).Should().Contain("prospect rows carry Six Pillars answers (1 rows) and KEI answers (1 rows); those are customers' questions, so they are stored but not scored");
        var cee = await new LeagueQueries(db.DataSource, Settings).LensAsync("S", "W1", Lens.Cee);
        cee.Find("A")!.N.Should().Be(2, "only the customers count");
    }

    public void Dispose() => _files.Dispose();
}
