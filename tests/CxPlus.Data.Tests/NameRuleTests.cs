using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

/// <summary>
/// One rule for names (data-format.md "Names", issue #15 breaks 5 and 10): NFC, trimmed and
/// case-insensitive in the importer, the unique indexes and every lookup; control and invisible
/// characters refused with their line.
/// </summary>
public sealed class NameRuleTests : IAsyncLifetime, IDisposable
{
    private readonly PostgresDatabase db = new();
    private readonly Files _files = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();
    public void Dispose() => _files.Dispose();

    private Task<ImportResult> Import(params string[] rows) =>
        new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System).ImportAsync(_files.Lines(rows), new ImportOptions("f.csv", "test"));

    private static string Row(string wave, string sector, string brand, string id) => $"{wave},\"{sector}\",\"{brand}\",{id},customer,7,7,7,7,7,,,,";

    [Fact]
    public async Task Kelvin_written_with_the_kelvin_sign_and_with_a_K_is_one_sector_found_by_either_spelling()
    {
        var kelvinSign = "\u212Aelvin Sector";

        (await Import(Row("W1", "Kelvin Sector", "B", "R1"))).Succeeded.Should().BeTrue();
        var second = await Import(Row("W1", kelvinSign, "B", "R2"), Row("W1", "KELVIN SECTOR ", "b", "R3"));

        second.Succeeded.Should().BeTrue(string.Join("\n", second.Problems));
        second.Summary!.CreatedSectors.Should().BeEmpty();
        (await db.CountAsync("sectors")).Should().Be(1);
        var queries = new LeagueQueries(db.DataSource, ScoringSettings.Default);
        (await queries.LeagueAsync(kelvinSign, "w1")).Sector.Should().Be("Kelvin Sector");
        (await queries.LeagueAsync("kelvin sector", "W1")).Rows.Single().Result.Customers.N.Should().Be(3);
    }

    [Fact]
    public async Task Decomposed_accents_final_sigma_and_case_are_the_same_name()
    {
        (await Import(Row("W1", "Caf\u00e9s", "ΣΟΦΟΣ", "R1"))).Succeeded.Should().BeTrue();

        var again = await Import(Row("W1", "Cafe\u0301s", "σοφος", "R2"), Row("W1", "CAFÉS", "Σοφοσ", "R3"));

        again.Succeeded.Should().BeTrue(string.Join("\n", again.Problems));
        again.Summary!.CreatedSectors.Should().BeEmpty();
        again.Summary.CreatedBrands.Should().BeEmpty();
        var table = await new LeagueQueries(db.DataSource, ScoringSettings.Default).LeagueAsync("cafe\u0301s", "W1");
        table.Rows.Single().Brand.Should().Be("ΣΟΦΟΣ", "the first spelling stored is kept");
    }

    [Theory]
    [InlineData("Bell\u0007Corp", "U+0007")]
    [InlineData("Zero\u200BWidth", "U+200B")]
    [InlineData("Right\u202Eto left", "U+202E")]
    [InlineData("Esc\u001B[31mRed", "U+001B")]
    [InlineData("C1\u0085Next", "U+0085")]
    public async Task A_name_with_a_control_or_invisible_character_is_refused_with_its_line(string brand, string codePoint)
    {
        var before = await db.SnapshotAsync();

        var result = await Import(Row("W1", "S", "Fine", "R1"), Row("W1", "S", brand, "R2"));

        result.Succeeded.Should().BeFalse();
        var problem = result.Problems.Should().ContainSingle().Which;
        problem.Line.Should().Be(3);
        problem.Column.Should().Be("brand");
        problem.Message.Should().Contain(codePoint).And.NotContainAny("\u0007", "\u0000", "\u200B", "\u202E", "\u001B", "\u0085");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("W1,S,B,R\u00002,customer,7,7,7,7,7,,,,")]
    [InlineData("W1,S,Null\u0000Corp,R2,customer,7,7,7,7,7,,,,")]
    public async Task A_nul_anywhere_is_a_problem_with_its_line_not_a_database_error(string row)
    {
        var before = await db.SnapshotAsync();

        var result = await Import(Row("W1", "S", "B", "R1"), row);

        result.Problems.Select(p => p.ToString()).Should().Equal(
            "line 3: holds a NUL byte, so it is not CSV text (a binary file, or a field holding binary data); export the responses as UTF-8 CSV");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_control_character_in_a_respondent_id_is_refused_with_its_line()
    {
        var result = await Import(Row("W1", "S", "B", "R1"), Row("W1", "S", "B", "R\u001B2"));

        result.Problems.Select(p => p.ToString()).Should().Equal("line 3, column respondent_id: \"R\\u{001B}2\" holds a control character");
    }

    [Fact]
    public async Task Text_an_export_neutralised_for_spreadsheets_reimports_as_it_was()
    {
        var result = await Import(Row("W1", "'=Sector", "'@Brand", "'-R1"), Row("W1", "'=Sector", "''quoted", "'+R2"), Row("W1", "'=Sector", "O'Brien", "R3"));

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
        result.Summary!.CreatedSectors.Should().Equal("=Sector");
        result.Summary.CreatedBrands.Should().Equal("@Brand (=Sector)", "'quoted (=Sector)", "O'Brien (=Sector)");
        await using var ids = db.DataSource.CreateCommand("SELECT string_agg(respondent_id, ' ' ORDER BY line) FROM responses");
        using var pseudonyms = await db.PseudonymsAsync();
        (await ids.ExecuteScalarAsync()).Should().Be(string.Join(" ", new[] { "-R1", "+R2", "R3" }.Select(pseudonyms.Of)), "the ids as they were, before their pseudonyms");
    }

    [Fact]
    public async Task Migrating_recomputes_every_key_with_the_one_rule()
    {
        (await Import(Row("W1", "Kelvin", "B", "R1"))).Succeeded.Should().BeTrue();
        await using (var stale = db.DataSource.CreateCommand("UPDATE sectors SET name_key = 'stale'"))
            await stale.ExecuteNonQueryAsync();

        await CxPlusStore.MigrateAsync(db.DataSource);

        await using var key = db.DataSource.CreateCommand("SELECT name_key FROM sectors");
        (await key.ExecuteScalarAsync()).Should().Be(Names.Key("Kelvin")).And.Be("kelvin");
    }

    [Fact]
    public void The_rule_itself()
    {
        Names.Key("  \u212Aelvin ").Should().Be("kelvin");
        Names.Same("straße", "STRASSE").Should().BeFalse("simple case folding: ß is not ss");
        Names.Same("ẞ", "ß").Should().BeTrue();
        Names.Same("Tryg A/S", "tryg a/s").Should().BeTrue();
        Names.Normalize(" Cafe\u0301 ").Should().Be("Caf\u00e9");
        Names.Problem("Tryg A/S & A+B #1 100% ?").Should().BeNull("punctuation is allowed");
        Names.Printable("a\r\nb\u001B").Should().Be("a\\u{000D}\\u{000A}b\\u{001B}");
        Names.Skeleton("Télécom").Should().Be(Names.Skeleton("TELECOM"));
    }
}
