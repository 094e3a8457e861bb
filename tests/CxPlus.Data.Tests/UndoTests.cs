using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

/// <summary>Undo takes an import back out, leaving the store as if it had not happened.</summary>
public sealed class UndoTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();

    private ResponseImporter Importer() => new(db.DataSource, ScoringSettings.Default, TimeProvider.System);
    private ImportHistory History() => new(db.DataSource, ScoringSettings.Default, TimeProvider.System);

    private static string[] Rows(string wave, string brand, string prefix, int count, int rating) =>
        [.. Enumerable.Range(1, count).Select(i => $"{wave},S,{brand},{prefix}{i},{(i % 3 == 0 ? "prospect" : "customer")},{rating},{rating},{rating - 1},{rating},{rating},1.5,9,4,6")];

    private Task ClearAsync() => db.ClearStoreAsync();

    /// <summary>The rows and rollups only (the import records differ by design: the undone one stays, marked).</summary>
    private async Task<string> DataAsync()
    {
        var snapshot = await db.SnapshotAsync();
        return string.Join("; ", snapshot.Split("; ").Where(p => p.StartsWith("responses", StringComparison.Ordinal) || p.StartsWith("role_rollups", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Undo_removes_the_rows_and_leaves_rollups_as_if_the_import_never_happened()
    {
        await ClearAsync();
        await Importer().ImportAsync(_files.Lines([.. Rows("W1", "B", "R", 6, 7), .. Rows("W1", "C", "R", 4, 5)]), new ImportOptions("first.csv", "test"));
        var rowsBefore = await DataAsync();
        var tableBefore = LeagueCsv(await new LeagueQueries(db.DataSource, Build.Settings).LeagueAsync("S", "W1"));
        var second = await Importer().ImportAsync(_files.Lines([.. Rows("W1", "B", "X", 5, 9), .. Rows("W2", "B", "R", 3, 8)]), new ImportOptions("second.csv", "test"));

        var removed = await History().UndoAsync(second.Summary!.ImportId, "alice");

        removed.Should().Be(8);
        (await DataAsync()).Should().Be(rowsBefore);
        LeagueCsv(await new LeagueQueries(db.DataSource, Build.Settings).LeagueAsync("S", "W1")).Should().Be(tableBefore);
        await using var w2 = db.DataSource.CreateCommand("SELECT count(*) FROM role_rollups x JOIN waves w ON w.id = x.wave_id WHERE w.code = 'W2'");
        ((long)(await w2.ExecuteScalarAsync())!).Should().Be(0, "no rows remain in W2, so neither do its rollups");
        var history = await History().ListAsync();
        history[0].UndoneBy.Should().Be("alice");
        history[1].UndoneAt.Should().BeNull();
    }

    [Fact]
    public async Task Undo_takes_out_what_the_import_added_so_the_rollups_equal_those_of_the_rows_left()
    {
        // Two imports into the same (wave, brand) pairs, with incomplete and weighted respondents:
        // the undo subtracts the second's sums instead of scanning the store again.
        await ClearAsync();
        string[] incomplete = ["W1,S,B,I1,customer,7,,,,,2,3,,", "W1,S,C,I2,prospect,,,4,,,1,,,"];
        await Importer().ImportAsync(_files.Lines([.. Rows("W1", "B", "R", 30, 6), .. Rows("W1", "C", "R", 20, 5), .. incomplete]), new ImportOptions("first.csv", "test"));
        var second = await Importer().ImportAsync(_files.Lines([.. Rows("W1", "B", "X", 12, 9), .. Rows("W1", "C", "X", 7, 3), "W1,S,B,I3,customer,8,,,,,3,1,,"]),
            new ImportOptions("second.csv", "test"));

        (await History().UndoAsync(second.Summary!.ImportId, "alice")).Should().Be(20);

        await RollupAssert.MatchResponsesAsync(db, ScoringSettings.Default);
    }

    [Fact]
    public async Task Undo_removes_the_waves_brands_and_sectors_the_import_created_that_hold_no_responses_any_more()
    {
        await ClearAsync();
        await Importer().ImportAsync(_files.Lines(Rows("W1", "B", "R", 4, 7)), new ImportOptions("first.csv", "test"));
        string Entities(string table) => table;
        async Task<string> NamesAsync()
        {
            var parts = new List<string>();
            foreach (var (table, column) in new[] { ("sectors", "name"), ("brands", "name"), ("waves", "code") })
            {
                await using var command = db.DataSource.CreateCommand($"SELECT string_agg({column}, ',' ORDER BY {column}) FROM {Entities(table)}");
                parts.Add($"{table}: {await command.ExecuteScalarAsync()}");
            }
            return string.Join("; ", parts);
        }
        var before = await NamesAsync();
        // A new wave, a new brand in the old sector, and a new sector with its brand.
        var second = await Importer().ImportAsync(_files.Lines([.. Rows("W2", "B", "R", 3, 8), .. Rows("W1", "New brand", "N", 3, 6),
            .. Rows("W2", "B", "S", 2, 5).Select(r => r.Replace(",S,B,", ",Other sector,B,", StringComparison.Ordinal))]), new ImportOptions("second.csv", "test"));
        second.Succeeded.Should().BeTrue(string.Join("\n", second.Problems));
        (await NamesAsync()).Should().NotBe(before);

        await History().UndoAsync(second.Summary!.ImportId, "alice");

        (await NamesAsync()).Should().Be(before, "W2, New brand and Other sector hold nothing any more");
        (await new LeagueQueries(db.DataSource, Build.Settings).SectorsAsync()).Should().ContainSingle().Which.Waves.Should().Equal("W1");
    }

    [Fact]
    public async Task After_an_undo_the_same_file_can_be_imported_again_but_not_undone_twice()
    {
        await ClearAsync();
        var path = _files.Lines(Rows("W1", "B", "R", 4, 7));
        var first = await Importer().ImportAsync(path, new ImportOptions("f.csv", "test"));
        await History().UndoAsync(first.Summary!.ImportId, "alice");

        var again = await Importer().ImportAsync(path, new ImportOptions("f.csv", "test"));
        var twice = () => History().UndoAsync(first.Summary.ImportId, "bob");

        again.Succeeded.Should().BeTrue(string.Join("\n", again.Problems));
        await twice.Should().ThrowAsync<UndoRefusedException>().WithMessage($"Import {first.Summary.ImportId} (f.csv) was already undone on *");
    }

    [Fact]
    public async Task An_import_that_replaced_rows_cannot_be_undone_and_an_unknown_one_is_named()
    {
        await ClearAsync();
        await Importer().ImportAsync(_files.Lines(Rows("W1", "B", "R", 4, 7)), new ImportOptions("f.csv", "test"));
        var replacing = await Importer().ImportAsync(_files.Lines(Rows("W1", "B", "R", 4, 9)), new ImportOptions("g.csv", "test", Replace: true));
        var before = await db.SnapshotAsync();

        var replaced = () => History().UndoAsync(replacing.Summary!.ImportId, "alice");
        var unknown = () => History().UndoAsync(999, "alice");

        await replaced.Should().ThrowAsync<UndoRefusedException>().WithMessage("*replaced 4 rows of earlier imports; undoing it would not bring them back*");
        await unknown.Should().ThrowAsync<NotFoundException>().WithMessage("There is no import 999.");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    private static string LeagueCsv(LeagueTable table) => string.Join("\n", table.Rows.Select(r =>
        $"{r.Brand} {r.Result.Customers.N} {r.Result.Prospects.N} {r.Result.Score?.Value:R} {r.Result.Gap?.Value:R} {r.Result.Customers.Nps?.Value:R}"));

    public void Dispose() => _files.Dispose();

    private static class Build
    {
        public static readonly ScoringSettings Settings = new(minCustomers: 1, minProspects: 1);
    }
}
