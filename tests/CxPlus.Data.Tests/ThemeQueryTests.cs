using System.Globalization;
using CxPlus.Data.Comments;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Scoring.Comments;

namespace CxPlus.Data.Tests;

/// <summary>
/// Issue 29, steps 29-30 from the store: theme shares and impacts of a wave equal a hand computation,
/// and a change to the coding frame (audited) shows at once, although results are kept per store generation.
/// </summary>
public sealed class ThemeQueryTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();

    private async Task ImportAsync()
    {
        var rows = new List<string>();
        void Add(string brand, int count, string comment, int nps, int rated = 5) =>
            rows.AddRange(Enumerable.Range(0, count).Select(_ => string.Create(CultureInfo.InvariantCulture,
                $"W1,Banks,{brand},R{rows.Count},customer,{string.Join(',', Enumerable.Range(0, 5).Select(k => k < rated ? "7" : ""))},,{nps},,,\"{comment}\"")));
        Add("Bank A", 20, "Lang gewacht aan de telefoon", 3);
        Add("Bank A", 20, "Prima geholpen", 10);
        Add("Bank A", 10, "Wachten wachten wachten", 2, rated: 2); // fewer than three factors rated: not counted
        Add("Bank B", 10, "Vriendelijke medewerker", 9);
        Add("Bank B", 30, "Prima", 8);
        var result = await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(_files.Lines(Files.Header + ",comment", rows), new ImportOptions("themes.csv", "test"));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
    }

    [Fact]
    public async Task Theme_shares_from_the_store_follow_step_29_and_a_frame_change_shows_at_once()
    {
        await db.ClearStoreAsync();
        await ImportAsync();
        var changes = new StoreChanges(db.DataSource);
        await changes.RefreshAsync();
        var queries = new LeagueQueries(db.DataSource, ScoringSettings.Default, changes);
        var frames = new CodingFrames(db.DataSource, new AuditLog(db.DataSource, TimeProvider.System));
        await using (var clear = db.DataSource.CreateCommand("DELETE FROM coding_frames")) await clear.ExecuteNonQueryAsync();

        var shipped = await queries.ThemesAsync("banks", "w1");

        shipped.FrameVersion.Should().Be(0, "the shipped frame until a data manager changes it");
        var a = shipped.Of("BANK A")!;
        a.Commenters.Should().Be(40, "the ten who rated two factors do not qualify");
        Share(a, "waiting").Should().BeApproximately(50, 1e-12, "20 of 40");
        Share(shipped.Of("Bank B")!, "staff").Should().BeApproximately(25, 1e-12, "10 of 40");
        var waiting = a.Themes.Single(t => t.Theme.Key == "waiting");
        waiting.VersusRest!.Value.Should().BeApproximately(50, 1e-12, "Bank B's commenters never mention waiting");
        waiting.Significant.Should().BeTrue();
        waiting.NpsImpact.Should().BeNull("20 mention it: fewer than 30");

        var praise = new CodingFrame([new Theme("praise", "Lof", "Praise", null, ["prima", "vriendelijk*"], ["great"])]);
        var version = await frames.SaveAsync(FrameFile.FromJson(FrameFile.ToJson(praise)), "dm@example.com");
        var changed = await queries.ThemesAsync("Banks", "W1");

        version.Should().Be(1);
        changed.FrameVersion.Should().Be(1);
        changed.Frame.Themes.Select(t => t.Key).Should().Equal("praise");
        Share(changed.Of("Bank A")!, "praise").Should().BeApproximately(50, 1e-12);
        Share(changed.Of("Bank B")!, "praise").Should().BeApproximately(100, 1e-12);
        (await new AuditLog(db.DataSource, TimeProvider.System).ListAsync(action: "themes")).Should().ContainSingle()
            .Which.Outcome.Should().Be("version 1: 1 themes (praise)");
    }

    [Theory]
    [InlineData("[]", "The frame has no themes.")]
    [InlineData("""[{"key":"a","nameNl":"A","nameEn":"A","factor":"speed","rulesNl":["x"],"rulesEn":["y"]}]""", "Theme \"a\": \"speed\" is not a success factor")]
    [InlineData("""[{"key":"a","nameNl":"A","nameEn":"A","factor":null,"rulesNl":["two words"],"rulesEn":["y"]}]""", "Theme \"a\": the Dutch rule \"two words\" is not one word or a stem ending in *.")]
    [InlineData("""[{"key":"a","nameNl":"A","nameEn":"A","rulesNl":["x"],"rulesEn":[]}]""", "Theme \"a\" has no English rules.")]
    [InlineData("""[{"key":"a","nameNl":"A","nameEn":"A","rulesNl":["x"],"rulesEn":["y"]},{"key":"A","nameNl":"B","nameEn":"B","rulesNl":["x"],"rulesEn":["y"]}]""", "Theme key \"A\" is there twice.")]
    [InlineData("{", "The frame is not readable JSON")]
    public void A_frame_file_that_is_not_a_frame_is_refused_in_words(string json, string message) =>
        FluentActions.Invoking(() => FrameFile.FromJson(json)).Should().Throw<FrameRefusedException>().Which.Message.Should().StartWith(message);

    private static double Share(BrandThemes brand, string theme) => brand.Themes.Single(t => t.Theme.Key == theme).Share!.Value;

    public void Dispose() => _files.Dispose();
}
