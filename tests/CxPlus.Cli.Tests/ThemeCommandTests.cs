using System.Text.Json;
using CxPlus.Data.Tests;

namespace CxPlus.Cli.Tests;

/// <summary>Issue 29: the coding frame from the command line — listed, exported, edited, imported (or refused whole) — and the theme shares it gives.</summary>
public sealed class ThemeCommandTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cxplus-themes-").FullName;

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => CxplusProcess.Run(db.ConnectionString, args);

    [Fact]
    public async Task A_data_manager_exports_the_frame_edits_it_imports_it_and_the_shares_follow()
    {
        await ShippedFrameAsync();
        var demo = Path.Combine(_dir, "demo.csv");
        (await Run("demo", "--out", demo, "--seed", "4", "--scale", "0.3")).Exit.Should().Be(0);
        (await Run("import", demo)).Exit.Should().Be(0);

        var (listExit, list, _) = await Run("themes", "list");
        listExit.Should().Be(0);
        list.Should().StartWith("Coding frame version 0 (as shipped): ").And.Contain("  waiting: Waiting and reachability / Wachten en bereikbaarheid [exceptional_delivery]");

        var file = Path.Combine(_dir, "frame.json");
        (await Run("themes", "export", "--out", file)).Exit.Should().Be(0);
        var frame = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
        frame.GetArrayLength().Should().BeGreaterThan(5);

        // Keep one theme, renamed: the shares follow at once.
        await File.WriteAllTextAsync(file, """[{"key":"app","nameNl":"De app","nameEn":"The app","factor":"empowered_customers","rulesNl":["app"],"rulesEn":["app"]}]""");
        var (importExit, imported, importErr) = await Run("themes", "import", file, "--by", "dm@example.com");
        importExit.Should().Be(0, importErr);
        imported.Should().Be("Coding frame version 1: 1 theme.\n");
        var shares = JsonDocument.Parse((await Run("themes", "shares", "--sector", "Energy", "--wave", "2026-Q3", "--format", "json")).Out).RootElement;
        shares.GetProperty("frameVersion").GetInt64().Should().Be(1);
        shares.GetProperty("brands").EnumerateArray().Should().OnlyContain(b => b.GetProperty("themes").GetArrayLength() == 1 && b.GetProperty("themes")[0].GetProperty("key").GetString() == "app");
        var (tableExit, table, _) = await Run("themes", "shares", "--sector", "Energy", "--wave", "2026-Q3", "--brand", "voltra");
        tableExit.Should().Be(0);
        table.Should().Contain("Voltra: ").And.Contain("The app");

        // A frame that is not one is refused whole, in words; the frame stays as it was.
        await File.WriteAllTextAsync(file, """[{"key":"x","nameNl":"X","nameEn":"X","rulesNl":["two words"],"rulesEn":["y"]}]""");
        var (badExit, _, bad) = await Run("themes", "import", file);
        badExit.Should().Be(2);
        bad.Should().Contain("frame.json was not imported; the frame is unchanged. Theme \"x\": the Dutch rule \"two words\" is not one word or a stem ending in *.");
        (await Run("themes", "list")).Out.Should().StartWith("Coding frame version 1: 1 theme");
        var (missingExit, _, missing) = await Run("themes", "shares", "--sector", "Energy", "--wave", "2026-Q3", "--brand", "Nobody");
        missingExit.Should().Be(1);
        missing.Should().Contain("Energy has no brand \"Nobody\" in 2026-Q3.");
    }

    [Fact]
    public async Task A_data_manager_adds_and_removes_a_theme_and_a_bad_one_is_refused_with_the_frame_unchanged()
    {
        await ShippedFrameAsync();
        await using var audit = db.DataSource.CreateCommand("SELECT count(*) FROM audit_events WHERE action = 'themes' AND actor = 'dm@example.com'");
        var audited = (long)(await audit.ExecuteScalarAsync())!;
        var (addExit, added, addErr) = await Run("themes", "add", "billing", "--name-nl", "Rekeningen", "--name-en", "Bills", "--factor", "clear_brand_promise",
            "--nl", "rekening*, factuur*", "--en", "bill*,invoice*", "--by", "dm@example.com");
        addExit.Should().Be(0, addErr);
        added.Should().MatchRegex(@"^Theme billing added: coding frame version \d+, 8 themes\.\n$");
        (await Run("themes", "list")).Out.Should().Contain("  billing: Bills / Rekeningen [clear_brand_promise]");

        var (twiceExit, _, twice) = await Run("themes", "add", "Billing", "--name-nl", "R", "--name-en", "B", "--nl", "x", "--en", "y");
        twiceExit.Should().Be(2);
        twice.Should().Contain("The frame is unchanged. Theme key \"Billing\" is there twice.");
        var (badExit, _, bad) = await Run("themes", "add", "post", "--name-nl", "Post", "--name-en", "Mail", "--nl", "brief", "--en", "letter box");
        badExit.Should().Be(2);
        bad.Should().Contain("Theme \"post\": the English rule \"letter box\" is not one word or a stem ending in *.");
        var (keyExit, _, key) = await Run("themes", "add", "a b", "--name-nl", "A", "--name-en", "B", "--nl", "x", "--en", "y");
        keyExit.Should().Be(2);
        key.Should().Contain("Theme key \"a b\" is not one word");

        var (removeExit, removed, _) = await Run("themes", "remove", "BILLING", "--by", "dm@example.com");
        removeExit.Should().Be(0);
        removed.Should().Contain("Theme BILLING removed").And.Contain("7 themes");
        var (goneExit, _, gone) = await Run("themes", "remove", "billing");
        goneExit.Should().Be(2);
        gone.Should().Contain("There is no theme \"billing\" in the coding frame. Themes: waiting, staff,");
        // Each change is in the audit, with who made it.
        ((long)(await audit.ExecuteScalarAsync())!).Should().Be(audited + 2);
    }

    /// <summary>The frame as shipped (version 0), whichever test ran before.</summary>
    private async Task ShippedFrameAsync()
    {
        await using var shipped = db.DataSource.CreateCommand("DELETE FROM coding_frames");
        await shipped.ExecuteNonQueryAsync();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
