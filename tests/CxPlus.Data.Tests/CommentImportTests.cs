using System.Globalization;
using CxPlus.Data.Importing;
using CxPlus.Scoring;
using CxPlus.Scoring.Comments;
using CxPlus.Scoring.Tests;
using Npgsql;

namespace CxPlus.Data.Tests;

/// <summary>
/// Issue 29, step 28: a file's comments are stored with their personal data replaced, counted per
/// kind; the text as delivered is nowhere afterwards (a pg_dump of the database, the logs), and the
/// stored comments are found by PostgreSQL's full-text search in their own language.
/// </summary>
public sealed class CommentImportTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();

    /// <summary>What respondents planted: every form step 28 names, Dutch and Belgian, each unique enough to be searched for.</summary>
    public static readonly string[] Planted =
    [
        "p.jansen@voorbeeld.be", "Anna.de.Vries+bank@example.nl", "06 87654321", "06-12345678", "020-123 45 67", "+31 6 1234 5678",
        "0470 12 34 56", "+32 470 98 76 54", "04/123.45.67", "NL91ABNA0417164300", "BE71 0961 2345 6769", "3011 AD 12", "2000 14",
        "Kerkstraat 12b", "https://example.org/review?id=88231", "www.mijnbank.nl/klacht", "4412907", "99887766",
    ];

    private string PlantedFile()
    {
        string[] comments =
        [
            "De app werkt prima, maar ik wachtte 20 minuten. Bel me op 06 87654321 of mail p.jansen@voorbeeld.be",
            "Storing! Mijn nummer is 06-12345678, kantoor 020-123 45 67, mobiel +31 6 1234 5678.",
            "Geld twee keer afgeschreven van BE71 0961 2345 6769 en van NL91ABNA0417164300, nog steeds niet terug.",
            "Vriendelijke medewerker op het kantoor in 3011 AD 12, ik woon op Kerkstraat 12b.",
            "Great advice about my mortgage, see https://example.org/review?id=88231 and write to Anna.de.Vries+bank@example.nl",
            "Klantnummer 4412907 en polis 99887766; gsm 0470 12 34 56 of +32 470 98 76 54, tel. 04/123.45.67",
            "Meir 12, 2000 14 Antwerpen; klacht staat op www.mijnbank.nl/klacht",
            "Snel geholpen, top!",
            "",
        ];
        var rows = comments.Select((c, i) => string.Create(CultureInfo.InvariantCulture,
            $"W1,Banks,Bank A,R{i},{(i % 3 == 2 ? "prospect" : "customer")},7,8,7,8,7,,{(i % 3 == 2 ? "" : "9")},,,\"{c}\""));
        return _files.Lines(Files.Header + ",comment", rows);
    }

    [Fact]
    public async Task Personal_data_is_replaced_before_anything_is_stored_counted_per_kind_and_found_nowhere_afterwards()
    {
        await db.ClearStoreAsync();
        var importer = new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System);

        var result = await importer.ImportAsync(PlantedFile(), new ImportOptions("planted.csv", "test"));

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
        result.Summary!.Comments.Should().BeEquivalentTo(new CommentSummary(8, new Dictionary<PersonalData, int>
        {
            [PersonalData.Email] = 2, [PersonalData.Link] = 2, [PersonalData.Iban] = 2, [PersonalData.Phone] = 7,
            [PersonalData.Address] = 3, [PersonalData.Number] = 2,
        }));
        var stored = await StoredCommentsAsync();
        stored.Should().HaveCount(8, "the empty comment is none");
        stored.Should().Contain(("De app werkt prima, maar ik wachtte 20 minuten. Bel me op [telefoon] of mail [e-mail]", "nl"));
        stored.Should().Contain(("Great advice about my mortgage, see [link] and write to [e-mail]", "en"));

        var dump = await PgDumpAsync();
        dump.Should().Contain("[telefoon]", "the dump holds the comments, redacted");
        // The dump holds every table: responses, the import record and its warnings, the audit log.
        foreach (var secret in Planted) dump.Should().NotContain(secret, "the text as delivered is stored nowhere");
    }

    [Fact]
    public async Task Comments_are_found_by_full_text_search_in_their_own_language()
    {
        await db.ClearStoreAsync();
        (await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(PlantedFile(), new ImportOptions("planted.csv", "test"))).Succeeded.Should().BeTrue();

        // "wachten" finds "wachtte" (Dutch stems), "advise" finds "advice" only with the English dictionary's stems.
        (await SearchAsync("dutch", "wachten")).Should().Equal("R0");
        (await SearchAsync("english", "mortgages")).Should().Equal("R4");
        (await SearchAsync("dutch", "afgeschreven terug")).Should().Equal("R2");
    }

    [Fact]
    public async Task The_comments_of_a_wave_are_listed_newest_first_filtered_by_brand_tone_and_words_with_the_matches_marked()
    {
        await db.ClearStoreAsync();
        (await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(PlantedFile(), new ImportOptions("planted.csv", "test"))).Succeeded.Should().BeTrue();
        var queries = new League.LeagueQueries(db.DataSource, ScoringSettings.Default);

        var all = await queries.CommentsAsync("banks", "w1", new League.CommentFilter());
        var found = await queries.CommentsAsync("Banks", "W1", new League.CommentFilter(Words: "wachten"));
        var promoters = await queries.CommentsAsync("Banks", "W1", new League.CommentFilter(Brand: "BANK A", Tone: League.Tone.Promoter));

        all.Total.Should().Be(8);
        all.Comments.Select(c => c.Text).Should().StartWith("De app werkt prima, maar ik wachtte 20 minuten. Bel me op [telefoon] of mail [e-mail]", "in file order within the newest import");
        found.Total.Should().Be(1);
        found.Comments[0].Parts.Should().Contain(("wachtte", true), "the Dutch stem of \"wachten\" matches \"wachtte\"");
        string.Concat(found.Comments[0].Parts.Select(p => p.Text)).Should().Be(found.Comments[0].Text);
        promoters.Comments.Should().OnlyContain(c => c.Tone == League.Tone.Promoter && c.Role == Role.Customer).And.HaveCount(6, "the six customers answered NPS 9");
        (await queries.CommentsAsync("Banks", "W1", new League.CommentFilter(Tone: League.Tone.Detractor))).Total.Should().Be(0);
        var page2 = await queries.CommentsAsync("Banks", "W1", new League.CommentFilter(Page: 2));
        (page2.Comments.Count, page2.Total, page2.Pages).Should().Be((0, 8, 1));
        var unknown = () => queries.CommentsAsync("Banks", "W1", new League.CommentFilter(Brand: "Bank Z"));
        (await unknown.Should().ThrowAsync<League.NotFoundException>()).Which.Message.Should().Be("There is no brand \"Bank Z\" in Banks. Brands: Bank A.");
    }

    [Fact]
    public async Task The_comments_of_a_theme_are_those_the_frame_matches_with_its_words_marked_and_a_frame_change_shows_at_once()
    {
        await db.ClearStoreAsync();
        (await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(PlantedFile(), new ImportOptions("planted.csv", "test"))).Succeeded.Should().BeTrue();
        var queries = new League.LeagueQueries(db.DataSource, ScoringSettings.Default);

        var waiting = await queries.CommentsAsync("Banks", "W1", new League.CommentFilter(Theme: "WAITING"));
        var price = await queries.CommentsAsync("Banks", "W1", new League.CommentFilter(Theme: "price"));
        var searched = await queries.CommentsAsync("Banks", "W1", new League.CommentFilter(Words: "app", Theme: "waiting"));

        waiting.Total.Should().Be(1);
        waiting.Comments[0].Parts.Where(p => p.Matched).Select(p => p.Text).Should().Equal("wachtte");
        string.Concat(waiting.Comments[0].Parts.Select(p => p.Text)).Should().Be(waiting.Comments[0].Text);
        price.Comments.Should().ContainSingle().Which.Parts.Where(p => p.Matched).Select(p => p.Text).Should().Equal("Geld", "afgeschreven");
        price.Comments[0].Role.Should().Be(Role.Prospect, "the list shows every writer; the theme's share counts the qualifying customers");
        searched.Comments.Should().ContainSingle().Which.Parts.Where(p => p.Matched).Select(p => p.Text).Should().Equal(["app"], "the search words are marked when given");
        (await queries.CommentsAsync("Banks", "W1", new League.CommentFilter(Theme: "waiting", Page: 2))).Should().Match<League.CommentPage>(p => p.Total == 1 && p.Comments.Count == 0);
        // Each comment the list gives for a theme is one the frame says mentions it, and none is left out.
        var every = await queries.CommentsAsync("Banks", "W1", new League.CommentFilter());
        every.Comments.Count(c => CodingFrame.Starting.Mentions(c.Text, c.Language)[0]).Should().Be((int)waiting.Total);

        var unknown = () => queries.CommentsAsync("Banks", "W1", new League.CommentFilter(Theme: "weather"));
        (await unknown.Should().ThrowAsync<League.NotFoundException>()).Which.Message.Should()
            .Be("There is no theme \"weather\" in the coding frame. Themes: waiting, staff, knowledge, digital, price, clarity, personal.");

        // A data manager adds "storing" to waiting: the list follows at once.
        var themes = CodingFrame.Starting.Themes.Select(t => t.Key == "waiting" ? t with { RulesNl = [.. t.RulesNl, "storing"] } : t).ToList();
        await new Comments.CodingFrames(db.DataSource, new AuditLog(db.DataSource, TimeProvider.System)).SaveAsync(new CodingFrame(themes), "test");
        try
        {
            (await queries.CommentsAsync("Banks", "W1", new League.CommentFilter(Theme: "waiting"))).Total.Should().Be(2);
        }
        finally
        {
            await using var reset = db.DataSource.CreateCommand("DELETE FROM coding_frames");
            await reset.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task A_comment_longer_than_the_contract_allows_refuses_the_file_named_by_its_length_and_nothing_is_written()
    {
        await db.ClearStoreAsync();
        var longComment = "Bel 06 87654321. " + new string('x', CommentRedaction.MaxLength);
        var file = _files.Lines(Files.Header + ",comment", [$"W1,Banks,Bank A,R1,customer,7,8,7,8,7,,9,,,ok", $"W1,Banks,Bank A,R2,customer,7,8,7,8,7,,9,,,{longComment}"]);

        var result = await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System).ImportAsync(file, new ImportOptions("long.csv", "test"));

        result.Succeeded.Should().BeFalse();
        result.Problems.Should().ContainSingle();
        result.Problems[0].ToString().Should().StartWith("line 3").And.Contain("the comment has").And.Contain("a comment may have at most")
            .And.NotContain("06 87654321", "a problem never quotes a comment");
        (await StoredCommentsAsync()).Should().BeEmpty();
    }

    private async Task<List<(string Text, string Language)>> StoredCommentsAsync()
    {
        await using var command = db.DataSource.CreateCommand("SELECT c.text, c.language FROM comments c JOIN responses r ON r.import_id = c.import_id AND r.line = c.line ORDER BY r.respondent_id");
        var list = new List<(string, string)>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add((r.GetString(0), r.GetString(1)));
        return list;
    }

    /// <summary>Row numbers (by line) of the comments a query finds in the stored search vectors (filled first, as just after an import).</summary>
    private async Task<List<string>> SearchAsync(string dictionary, string words)
    {
        await CxPlus.Data.Comments.CommentSearch.FillPendingAsync(db.DataSource);
        await using var command = db.DataSource.CreateCommand($"""
            SELECT 'R' || (line - 2) FROM comments
            WHERE search @@ plainto_tsquery('{dictionary}', $1)
            ORDER BY line
            """);
        command.Parameters.Add(new() { Value = words });
        var list = new List<string>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetString(0));
        return list;
    }

    /// <summary>The whole database as pg_dump writes it (schema and data, plain SQL).</summary>
    private async Task<string> PgDumpAsync()
    {
        var c = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        var pgDump = new[] { "/usr/bin/pg_dump" }.Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump")) : [])
            .FirstOrDefault(File.Exists) ?? "pg_dump";
        var (exit, output, error) = await Checkout.RunAsync(pgDump, ["-h", c.Host!, "-p", c.Port.ToString(CultureInfo.InvariantCulture), "-U", c.Username!, "-d", c.Database!],
            new Dictionary<string, string> { ["PGPASSWORD"] = c.Password ?? "" });
        exit.Should().Be(0, error);
        return output;
    }

    public void Dispose() => _files.Dispose();
}
