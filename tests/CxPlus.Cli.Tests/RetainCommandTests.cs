using CxPlus.Data.Tests;
using CxPlus.Scoring.Tests;

namespace CxPlus.Cli.Tests;

/// <summary>Issue #25: <c>cxplus respondents retain</c> lists what is due, removes it only when confirmed, and the numbers stay.</summary>
public sealed class RetainCommandTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => CxplusProcess.Run(db.ConnectionString, args);

    private async Task<long> ResponsesAsync()
    {
        await using var count = db.DataSource.CreateCommand("SELECT count(*) FROM responses");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Retain_lists_the_due_waves_removes_their_rows_when_confirmed_and_the_league_reads_the_same()
    {
        await db.ClearStoreAsync();
        (await Run("import", Samples.Path("worked-example.csv"))).Exit.Should().Be(0);
        var rows = await ResponsesAsync();
        var league = await Run("league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--format", "json");
        (await Run("respondents", "retain", "--months", "12")).Out.Should().Contain("No wave's last import is more than 12 months old; nothing to remove.");
        await using (var backdate = db.DataSource.CreateCommand("UPDATE imports SET imported_at = imported_at - interval '3 years'"))
            await backdate.ExecuteNonQueryAsync();

        var dry = await Run("respondents", "retain", "--months", "12");
        (await ResponsesAsync()).Should().Be(rows, "without --confirm nothing is removed");
        var confirmed = await Run("respondents", "retain", "--months", "12", "--confirm", "--by", "dana");

        dry.Exit.Should().Be(0, dry.Err);
        dry.Out.Should().Contain("Due for removal (last import more than 12 months ago); add --confirm to remove them:")
            .And.Contain($"  2026-Q3: {rows:#,0} respondent rows, last imported 20");
        confirmed.Exit.Should().Be(0, confirmed.Err);
        confirmed.Out.Should().Contain("Removed the respondent rows of").And.Contain("2026-Q3");
        (await ResponsesAsync()).Should().Be(0);
        (await Run("league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--format", "json")).Out.Should().Be(league.Out);
        (await Run("rollups", "rebuild")).Out.Should().Contain("Kept the rollups of 2026-Q3 as they are");
        (await Run("league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--format", "json")).Out.Should().Be(league.Out);
    }

    [Theory]
    [InlineData("No retention period: set Respondents__RetentionMonths, or give --months N.", "respondents", "retain")]
    [InlineData("The retention period is a whole number of months from 1 to 1200; 0 is not.", "respondents", "retain", "--months", "0")]
    public async Task A_missing_or_impossible_period_is_one_sentence(string message, params string[] args)
    {
        var (exit, stdout, err) = await Run(args);

        exit.Should().Be(2);
        (stdout + err).Should().Contain(message).And.NotContain("   at ");
    }
}
