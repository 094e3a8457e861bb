using CxPlus.Data.Comments;
using CxPlus.Data.Curation;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

/// <summary>
/// Issue 29: comments live in a narrow table of their own (docs/performance.md), so every writer of
/// responses must keep them with their responses — import, undo, replace, erasure, merge and
/// retention — and a search must find an import's comments before and after their search vectors
/// are filled just after its commit.
/// </summary>
public sealed class CommentStoreTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly ScoringSettings Settings = new(minCustomers: 2, minProspects: 1);
    private readonly Files _files = new();
    private readonly Clock _clock = new();

    public void Dispose() => _files.Dispose();

    private ResponseImporter Importer => new(db.DataSource, Settings, _clock);

    /// <summary>Rows of a brand, every other one with a comment that names its wave, brand and respondent.</summary>
    private static IEnumerable<string> Rows(string wave, string brand, int from, int count, string words = "wachten") =>
        Enumerable.Range(from, count).Select(i =>
            $"{wave},S,{brand},R{i},{(i % 4 == 3 ? "prospect" : "customer")},7,8,6,9,7,,{(i % 4 == 3 ? "" : i % 11)},,,{(i % 2 == 0 ? $"\"{words} bij {brand} {wave} R{i}\"" : "")}");

    private async Task<long> ImportAsync(bool replace = false, params IEnumerable<string>[] rows)
    {
        var result = await Importer.ImportAsync(_files.Lines(Files.Header + ",comment", rows.SelectMany(r => r)), new ImportOptions("c.csv", "dana", Replace: replace));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
        return result.Summary!.ImportId;
    }

    /// <summary>Each stored comment's text, checked to belong to a stored response of its wave, brand, import and line.</summary>
    private async Task<List<string>> CommentsAsync()
    {
        await using (var orphans = db.DataSource.CreateCommand("""
            SELECT count(*) FROM comments c
            WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.wave_id = c.wave_id AND r.brand_id = c.brand_id AND r.import_id = c.import_id AND r.line = c.line)
            """))
            (await orphans.ExecuteScalarAsync()).Should().Be(0L, "every comment belongs to a stored response");
        await using var command = db.DataSource.CreateCommand("""
            SELECT c.text || ' as ' || b.name || ' ' || w.code FROM comments c JOIN brands b ON b.id = c.brand_id JOIN waves w ON w.id = c.wave_id ORDER BY 1
            """);
        var list = new List<string>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetString(0));
        return list;
    }

    [Fact]
    public async Task Comments_follow_their_responses_through_undo_replace_erasure_merge_and_retention()
    {
        await db.ClearStoreAsync();
        _clock.Now = new(2023, 1, 10, 9, 0, 0, TimeSpan.Zero);
        await ImportAsync(false, Rows("W0", "Alpha", 1, 4));
        _clock.Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        await ImportAsync(false, Rows("W1", "Alpha", 1, 6), Rows("W1", "Alfa", 20, 4));
        var beta = await ImportAsync(false, Rows("W1", "Beta", 1, 4));
        (await CommentsAsync()).Should().HaveCount(2 + 3 + 2 + 2);

        await new ImportHistory(db.DataSource, Settings, _clock).UndoAsync(beta, "dana");
        (await CommentsAsync()).Should().NotContain(c => c.Contains("Beta"));

        await ImportAsync(true, Rows("W1", "Alpha", 1, 6, words: "opnieuw"));
        (await CommentsAsync()).Where(c => c.EndsWith("as Alpha W1", StringComparison.Ordinal)).Should()
            .Equal("opnieuw bij Alpha W1 R2 as Alpha W1", "opnieuw bij Alpha W1 R4 as Alpha W1", "opnieuw bij Alpha W1 R6 as Alpha W1");

        await new RespondentErasure(db.DataSource, Settings, new AuditLog(db.DataSource, _clock)).EraseAsync("W1", null, "Alpha", "R4", "dana");
        (await CommentsAsync()).Should().NotContain(c => c.Contains("Alpha W1 R4"));

        await new NameChanges(db.DataSource, new AuditLog(db.DataSource, _clock)).MergeBrandAsync("S", "Alfa", "Alpha", "dana");
        (await CommentsAsync()).Where(c => c.Contains("Alfa")).Should().Equal("wachten bij Alfa W1 R20 as Alpha W1", "wachten bij Alfa W1 R22 as Alpha W1");

        var queries = new LeagueQueries(db.DataSource, Settings);
        await new RespondentRetention(db.DataSource, queries, new AuditLog(db.DataSource, _clock), _clock).RetainAsync(24, "dana");
        (await CommentsAsync()).Should().Equal(
            "opnieuw bij Alpha W1 R2 as Alpha W1", "opnieuw bij Alpha W1 R6 as Alpha W1", "wachten bij Alfa W1 R20 as Alpha W1", "wachten bij Alfa W1 R22 as Alpha W1");

        // The brand's comments as the browser lists them follow too (the merged brand's under its new name).
        (await queries.CommentsAsync("S", "W1", new CommentFilter(Brand: "Alpha"))).Total.Should().Be(4);
    }

    [Fact]
    public async Task A_search_finds_an_imports_comments_before_and_after_they_are_made_searchable()
    {
        await db.ClearStoreAsync();
        await ImportAsync(false, Rows("W1", "Alpha", 1, 6, words: "lang wachten"), Rows("W1", "Beta", 1, 6, words: "vriendelijke medewerker"));
        var queries = new LeagueQueries(db.DataSource, Settings);
        var filter = new CommentFilter(Words: "wacht");

        var before = await queries.CommentsAsync("S", "W1", filter);
        (await CommentSearch.FillPendingAsync(db.DataSource)).Should().Be(6, "the import's six comments get their vectors after its commit");
        var after = await queries.CommentsAsync("S", "W1", filter);

        before.Total.Should().Be(3, "Dutch stemming finds \"wachten\" for \"wacht\" also before the vectors are filled");
        after.Comments.Select(c => c.Text).Should().Equal(before.Comments.Select(c => c.Text));
        after.Comments.Should().OnlyContain(c => c.Brand == "Alpha" && c.Parts.Any(p => p.Matched && p.Text == "wachten"));
        await using var pending = db.DataSource.CreateCommand("SELECT count(*) FROM imports WHERE comments_pending");
        (await pending.ExecuteScalarAsync()).Should().Be(0L);
        (await CommentSearch.FillPendingAsync(db.DataSource)).Should().Be(0, "nothing is filled twice");
    }
}
