using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

/// <summary>
/// A data subject asks to be erased: before this, the only way was to undo their whole import. One
/// respondent leaves the store, every number is as if they had never been imported, and the audit
/// trail does not keep their id.
/// </summary>
public sealed class RespondentErasureTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();

    private static string[] Rows(string brand, int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"W1,S,{brand},R{i},{(i % 3 == 0 ? "prospect" : "customer")},{5 + i % 5},{4 + i % 6},{6 + i % 3},{3 + i % 7},{5 + i % 4},{1 + i % 3 * 0.5},{i % 11},{1 + i % 5},{1 + i % 7}")];

    private RespondentErasure Erasure() => new(db.DataSource, ScoringSettings.Default, new AuditLog(db.DataSource, TimeProvider.System));

    /// <summary>Every number of the table to 9 decimals (the erased store subtracts sums, the other adds them: the last bits differ).</summary>
    private static async Task<string> LeagueAsync(PostgresDatabase store)
    {
        var table = await new LeagueQueries(store.DataSource, new ScoringSettings(minCustomers: 1, minProspects: 1)).LeagueAsync("S", "W1");
        return string.Join("\n", table.Rows.Select(r => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{r.Brand} {r.Rank} {r.Result.Customers.N} {r.Result.Prospects.N} {r.Result.Score?.Value:F9} {r.Result.Score?.Low:F9} {r.Result.Score?.High:F9} {r.Result.Gap?.Value:F9} {r.Result.Customers.Nps?.Value:F9}")));
    }

    [Fact]
    public async Task Erasing_a_respondent_leaves_every_number_as_if_they_had_never_been_imported()
    {
        await db.ClearStoreAsync();
        string[] rows = [.. Rows("Alpha", 140), .. Rows("Beta", 120)];
        await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System).ImportAsync(_files.Lines(rows), new ImportOptions("wave.csv", "test"));

        var result = await Erasure().EraseAsync("W1", null, "alpha", "R7", "dana");

        result.Should().Be(new ErasureResult("S", "Alpha", "W1", 1));
        await RollupAssert.MatchResponsesAsync(db, ScoringSettings.Default);
        await using var without = new PostgresDatabase();
        await without.InitializeAsync();
        await new ResponseImporter(without.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(_files.Lines([.. rows.Where(r => !r.StartsWith("W1,S,Alpha,R7,", StringComparison.Ordinal))]), new ImportOptions("wave.csv", "test"));
        (await LeagueAsync(db)).Should().Be(await LeagueAsync(without), "the table is the one of a store that never had them");
        await using var audit = db.DataSource.CreateCommand("SELECT action || ' ' || target || ': ' || outcome FROM audit_events WHERE action = 'erase-respondent' ORDER BY id DESC LIMIT 1");
        var record = (string)(await audit.ExecuteScalarAsync())!;
        record.Should().Be("erase-respondent a respondent of Alpha (S) in W1: 1 row removed, rollups recomputed").And.NotContain("R7");
    }

    [Fact]
    public async Task An_unknown_respondent_brand_or_wave_is_refused_in_words_and_nothing_changes()
    {
        await db.ClearStoreAsync();
        await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(_files.Lines(Rows("Alpha", 20)), new ImportOptions("wave.csv", "test"));
        var before = await db.SnapshotAsync();

        var unknownId = () => Erasure().EraseAsync("W1", null, "Alpha", "R999", "dana");
        var unknownBrand = () => Erasure().EraseAsync("W1", null, "Gamma", "R1", "dana");
        var unknownWave = () => Erasure().EraseAsync("W9", null, "Alpha", "R1", "dana");
        var otherSector = () => Erasure().EraseAsync("W1", "Other", "Alpha", "R1", "dana");

        (await unknownId.Should().ThrowAsync<NotFoundException>()).WithMessage("Alpha (S) has no respondent with that id in W1; nothing was erased.*");
        (await unknownBrand.Should().ThrowAsync<NotFoundException>()).WithMessage("There is no brand \"Gamma\".");
        (await unknownWave.Should().ThrowAsync<NotFoundException>()).WithMessage("There is no wave \"W9\".");
        (await otherSector.Should().ThrowAsync<NotFoundException>()).WithMessage("There is no brand \"Alpha\" in Other.");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task The_wave_and_brand_are_found_by_the_name_rule_as_everywhere_else()
    {
        await db.ClearStoreAsync();
        await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(_files.Lines(Rows("Alpha", 20)), new ImportOptions("wave.csv", "test"));

        var result = await Erasure().EraseAsync(" w1 ", null, "ALPHA", "R3", "dana");

        result.Should().Be(new ErasureResult("S", "Alpha", "W1", 1));
    }

    public void Dispose() => _files.Dispose();
}
