using CxPlus.Data.Tests;
using CxPlus.Scoring.Tests;

namespace CxPlus.Cli.Tests;

/// <summary>Issue 30 from the command line: each sector's wave listed as released or a draft, released and withdrawn (audited), and bad requests answered in words.</summary>
public sealed class WaveCommandTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => CxplusProcess.Run(db.ConnectionString, args);

    [Fact]
    public async Task A_data_manager_releases_a_wave_withdraws_it_and_releases_every_draft()
    {
        (await Run("import", Samples.Path("worked-example.csv"))).Exit.Should().Be(0);

        (await Run("waves")).Out.Should().Contain("2026-Q3: ").And.Contain("  Retail Banking: draft (members do not see it)");
        var (exit, released, err) = await Run("waves", "release", "2026-q3", "--by", "dm@example.com");
        exit.Should().Be(0, err);
        released.Should().Be("2026-Q3 released to members in Retail Banking.\n");
        (await Run("waves")).Out.Should().MatchRegex(@"  Retail Banking: released \d{4}-\d\d-\d\d \d\d:\d\d UTC by dm@example\.com");
        (await Run("waves", "release", "2026-Q3")).Out.Should().Be("2026-Q3 was already released in Retail Banking.\n");

        (await Run("waves", "withdraw", "2026-Q3", "--sector", "retail banking")).Out.Should().Be("2026-Q3 withdrawn from members in Retail Banking.\n");
        (await Run("waves", "release", "--all")).Out.Should().Be("2026-Q3 released to members in Retail Banking.\n");

        var (noneExit, _, none) = await Run("waves", "release");
        noneExit.Should().Be(2);
        none.Should().Contain("Name one wave (cxplus waves release 2026-Q3), or give --all for every draft.");
        var (unknownExit, _, unknown) = await Run("waves", "release", "1999-Q1");
        unknownExit.Should().Be(1);
        unknown.Should().Contain("There is no wave \"1999-Q1\".");
        var (sectorExit, _, sector) = await Run("waves", "withdraw", "2026-Q3", "--sector", "Telecom");
        sectorExit.Should().Be(1);
        sector.Should().Contain("There is no sector \"Telecom\".");
    }
}
