using CxPlus.Data.Curation;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

/// <summary>Renaming and merging brands and sectors: one transaction each, audited, with numbers recomputed from raw rows.</summary>
public sealed class NameChangeTests : IAsyncLifetime, IDisposable
{
    private static readonly ScoringSettings Settings = new(minCustomers: 2, minProspects: 1);
    private readonly PostgresDatabase db = new();
    private readonly Files _files = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();
    public void Dispose() => _files.Dispose();

    private NameChanges Changes => new(db.DataSource, new AuditLog(db.DataSource, TimeProvider.System));
    private LeagueQueries Queries => new(db.DataSource, Settings);

    private static IEnumerable<string> Rows(string wave, string sector, string brand, string prefix, int count, int rating) =>
        Enumerable.Range(1, count).Select(i => $"{wave},{sector},{brand},{prefix}{i},{(i % 3 == 0 ? "prospect" : "customer")},{rating},{rating},{rating - 1},{rating},{rating},,,,");

    private async Task ImportAsync(params IEnumerable<string>[] parts)
    {
        var result = await new ResponseImporter(db.DataSource, Settings, TimeProvider.System).ImportAsync(_files.Lines([.. parts.SelectMany(p => p)]), new ImportOptions("f.csv", "test"));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
    }

    private async Task<long> GenerationAsync()
    {
        await using var command = db.DataSource.CreateCommand("SELECT generation FROM store_state");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_renamed_brand_keeps_its_numbers_under_its_new_name_everywhere()
    {
        await ImportAsync(Rows("W1", "Telecom", "Telecoms Ltd", "R", 9, 7), Rows("W2", "Telecom", "Telecoms Ltd", "R", 9, 8));
        var before = (await Queries.TrendAsync("Telecom", "Telecoms Ltd")).Select(t => t.Row.Result.Score!.Value).ToArray();
        var generation = await GenerationAsync();

        await Changes.RenameBrandAsync("telecom", "telecoms ltd", "  Telecom Ltd ", "dana@example.com");

        (await Queries.TrendAsync("Telecom", "Telecom Ltd")).Select(t => t.Row.Result.Score!.Value).Should().Equal(before);
        var missing = () => Queries.TrendAsync("Telecom", "Telecoms Ltd");
        (await Queries.LeagueAsync("Telecom", "W1")).Rows.Single().Brand.Should().Be("Telecom Ltd");
        (await GenerationAsync()).Should().BeGreaterThan(generation);
        (await new AuditLog(db.DataSource, TimeProvider.System).ListAsync(action: "rename-brand")).Should().ContainSingle()
            .Which.Should().Match<AuditEntry>(e => e.Actor == "dana@example.com" && e.Target == "Telecoms Ltd (Telecom) → Telecom Ltd" && e.Outcome == "renamed");
        (await missing()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_rename_onto_an_existing_name_is_refused_and_suggests_a_merge()
    {
        await ImportAsync(Rows("W1", "S", "A", "R", 6, 7), Rows("W1", "S", "B", "R", 6, 8), Rows("W1", "T", "C", "R", 6, 8));
        var before = await db.SnapshotAsync();

        var brand = () => Changes.RenameBrandAsync("S", "A", "b", "dana");
        var sector = () => Changes.RenameSectorAsync("S", "t", "dana");
        var control = () => Changes.RenameSectorAsync("S", "Bad\u0007Name", "dana");

        (await brand.Should().ThrowAsync<NameChangeRefusedException>()).Which.Message.Should().Be("S already has a brand \"b\"; merge \"A\" into it instead.");
        (await sector.Should().ThrowAsync<NameChangeRefusedException>()).Which.Message.Should().Contain("merge \"S\" into it instead");
        (await control.Should().ThrowAsync<NameChangeRefusedException>()).Which.Message.Should().Contain("U+0007");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Merging_a_misspelt_brand_moves_its_responses_and_recomputes_the_league_table()
    {
        await ImportAsync(Rows("W1", "S", "Telecom", "R", 6, 7), Rows("W1", "S", "Telecoms", "X", 6, 9), Rows("W2", "S", "Telecoms", "X", 3, 9));

        var moved = await Changes.MergeBrandAsync("S", "Telecoms", "Telecom", "dana");

        moved.Should().Be(9);
        var table = await Queries.LeagueAsync("S", "W1");
        table.Rows.Should().ContainSingle().Which.Brand.Should().Be("Telecom");
        var fromRaw = await Queries.LeagueFromResponsesAsync("S", "W1");
        table.Rows.Single().Result.Score!.Value.Should().BeApproximately(fromRaw.Rows.Single().Result.Score!.Value, 1e-9);
        table.Rows.Single().Result.Customers.N.Should().Be(8);
        (await Queries.TrendAsync("S", "Telecom")).Select(t => t.Table.Wave).Should().Equal("W1", "W2");
        await using var brands = db.DataSource.CreateCommand("SELECT count(*) FROM brands");
        (await brands.ExecuteScalarAsync()).Should().Be(1L);
        // The merged rollups are the two brands' summed, with no response read again: the same as from the rows.
        await RollupAssert.MatchResponsesAsync(db, Settings);
    }

    [Fact]
    public async Task Brands_sharing_a_respondent_in_a_wave_are_not_merged_and_nothing_changes()
    {
        await ImportAsync(Rows("W1", "S", "A", "R", 6, 7), Rows("W1", "S", "B", "R", 2, 9));
        var before = await db.SnapshotAsync();

        var merge = () => Changes.MergeBrandAsync("S", "B", "A", "dana");

        (await merge.Should().ThrowAsync<NameChangeRefusedException>()).Which.Message.Should()
            .StartWith("\"B\" and \"A\" share respondents in the same wave (2 in W1, the first at line 8 of f.csv)");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Merging_a_sector_moves_its_brands_and_merges_those_of_the_same_name()
    {
        await ImportAsync(Rows("W1", "Telecom", "Orbitel", "R", 6, 7), Rows("W1", "Telecoms", "orbitel", "X", 6, 9), Rows("W1", "Telecoms", "Relay", "R", 6, 5));

        await Changes.MergeSectorAsync("Telecoms", "Telecom", "dana");

        var table = await Queries.LeagueAsync("Telecom", "W1");
        table.Rows.Select(r => (r.Brand, r.Result.Customers.N)).Should().BeEquivalentTo([("Orbitel", 8L), ("Relay", 4L)]);
        (await Queries.SectorsAsync()).Select(s => s.Name).Should().Equal("Telecom");
        await RollupAssert.MatchResponsesAsync(db, Settings);
    }

    [Fact]
    public async Task Former_names_lead_to_the_current_ones_through_renames_and_merges_until_what_they_name_is_gone()
    {
        await ImportAsync(Rows("W1", "Telecom", "Orbitel", "R", 6, 7), Rows("W1", "Telecoms", "Relay", "R", 6, 5), Rows("W1", "Telecoms", "Wave", "W", 6, 6));
        var late = await new ResponseImporter(db.DataSource, Settings, TimeProvider.System)
            .ImportAsync(_files.Lines([.. Rows("W1", "Telecom", "Late", "L", 6, 6)]), new ImportOptions("late.csv", "test"));

        // Nothing renamed yet: current and unknown names are nothing to follow.
        (await Queries.CurrentNamesAsync("Telecom", ["Orbitel", "Nobody"])).Should().BeNull();
        (await Queries.CurrentNamesAsync("Nowhere", [])).Should().BeNull();

        await Changes.RenameBrandAsync("Telecoms", "Relay", "Relay One", "dana");
        await Changes.RenameBrandAsync("Telecoms", "Relay One", "RelayOne", "dana");
        await Changes.MergeBrandAsync("Telecoms", "Wave", "RelayOne", "dana");
        (await Queries.CurrentNamesAsync("telecoms", ["relay", "Relay One", "WAVE", "Nobody"]))
            .Should().BeEquivalentTo(new CurrentNames("Telecoms", ["RelayOne", "RelayOne", "RelayOne", "Nobody"]), o => o.WithStrictOrdering());

        // A sector merge carries the sector's name and its brands' former names into the other sector.
        await Changes.RenameSectorAsync("Telecoms", "Telco", "dana");
        await Changes.MergeSectorAsync("Telco", "Telecom", "dana");
        (await Queries.CurrentNamesAsync("Telecoms", ["Relay", "Wave"])).Should().BeEquivalentTo(new CurrentNames("Telecom", ["RelayOne", "RelayOne"]));
        (await Queries.CurrentNamesAsync("Telco", [])).Should().BeEquivalentTo(new CurrentNames("Telecom", []));
        (await Queries.CurrentNamesAsync("Telecom", ["Relay"])).Should().BeEquivalentTo(new CurrentNames("Telecom", ["RelayOne"]));

        // A current name wins over a former one: a new sector "Telco" is itself, not the old one.
        await ImportAsync(Rows("W2", "Telco", "Fresh", "F", 6, 7));
        (await Queries.CurrentNamesAsync("Telco", ["Fresh"])).Should().BeNull();

        // An undo that removes a brand removes its former names: its old links are simply not found.
        await Changes.RenameBrandAsync("Telecom", "Late", "Later", "dana");
        (await Queries.CurrentNamesAsync("Telecom", ["Late"])).Should().NotBeNull();
        await new ImportHistory(db.DataSource, Settings, TimeProvider.System).UndoAsync(late.Summary!.ImportId, "dana");
        (await Queries.CurrentNamesAsync("Telecom", ["Late"])).Should().BeNull();
        (await db.CountAsync("brand_former_names")).Should().Be(3, "Relay, Relay One and Wave remain");
    }
}
