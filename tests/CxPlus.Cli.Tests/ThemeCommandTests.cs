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

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
