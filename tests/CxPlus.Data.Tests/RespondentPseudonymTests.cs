using CxPlus.Data.Importing;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

/// <summary>
/// Respondent ids are personal data: the store keeps a keyed hash of each, never the fieldwork id,
/// and re-imports, replace and the duplicate checks work as before (the review found fieldwork ids
/// stored and downloadable).
/// </summary>
public sealed class RespondentPseudonymTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();

    private Task<ImportResult> ImportAsync(string name, bool replace, params string[] rows) =>
        new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(_files.Lines(rows), new ImportOptions(name, "test", Replace: replace));

    private async Task<List<string>> StoredIdsAsync()
    {
        await using var command = db.DataSource.CreateCommand("SELECT respondent_id FROM responses ORDER BY import_id, line");
        var ids = new List<string>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync()) ids.Add(r.GetString(0));
        return ids;
    }

    [Fact]
    public async Task No_fieldwork_id_is_stored_and_a_stored_respondent_is_still_recognised_and_named_by_its_own_id()
    {
        await db.ClearStoreAsync();
        (await ImportAsync("first.csv", false, "W1,S,B,anna.de.vries@example.nl,customer,7,7,7,7,7,,9,,", "W1,S,B,R2,customer,6,6,6,6,6,,8,,")).Succeeded.Should().BeTrue();

        var stored = await StoredIdsAsync();
        stored.Should().OnlyContain(id => RespondentPseudonyms.IsPseudonym(id)).And.NotContain(id => id.Contains("anna", StringComparison.Ordinal));
        var again = await ImportAsync("again.csv", false, "W1,S,B,anna.de.vries@example.nl,customer,5,5,5,5,5,,3,,");
        again.Succeeded.Should().BeFalse("the same respondent is already stored for the brand and wave");
        again.Problems.Single().Message.Should().StartWith("respondent_id \"anna.de.vries@example.nl\" already exists for brand \"B\" in wave W1",
            "the data manager reads the id of their own file");
        var replaced = await ImportAsync("replace.csv", true, "W1,S,B,anna.de.vries@example.nl,customer,5,5,5,5,5,,3,,");
        replaced.Succeeded.Should().BeTrue();
        (await StoredIdsAsync()).Should().Equal(stored[0]);
    }

    [Fact]
    public async Task A_store_from_before_pseudonyms_has_its_ids_replaced_when_it_is_migrated()
    {
        await db.ClearStoreAsync();
        (await ImportAsync("old.csv", false, "W1,S,B,R1,customer,7,7,7,7,7,,9,,", "W1,S,B,R2,customer,6,6,6,6,6,,8,,")).Succeeded.Should().BeTrue();
        // As a store was before this version: fieldwork ids in the rows, no key.
        await using (var old = db.DataSource.CreateCommand("""
            UPDATE responses SET respondent_id = CASE line WHEN 2 THEN 'R1' ELSE 'R2' END;
            DELETE FROM store_keys;
            """))
            await old.ExecuteNonQueryAsync();

        await CxPlusStore.MigrateAsync(db.DataSource);

        using var pseudonyms = await db.PseudonymsAsync();
        (await StoredIdsAsync()).Should().Equal(pseudonyms.Of("R1"), pseudonyms.Of("R2"));
        var repeat = await ImportAsync("repeat.csv", false, "W1,S,B,R2,customer,6,6,6,6,6,,8,,");
        repeat.Problems.Single().Message.Should().StartWith("respondent_id \"R2\" already exists for brand \"B\" in wave W1");
    }

    [Fact]
    public void A_pseudonym_is_recognised_and_a_fieldwork_id_that_looks_almost_like_one_is_not()
    {
        RespondentPseudonyms.IsPseudonym("p1:AdWnD1_k_GTpiChUBzHsaA").Should().BeTrue();
        RespondentPseudonyms.IsPseudonym("p1:AdWnD1_k_GTpiChUBzHsa").Should().BeFalse("one character short");
        RespondentPseudonyms.IsPseudonym("p1:AdWnD1_k_GTpiChUBzHs+A").Should().BeFalse("not base64url");
        RespondentPseudonyms.IsPseudonym("P1:AdWnD1_k_GTpiChUBzHsaA").Should().BeFalse();
    }

    public void Dispose() => _files.Dispose();
}
