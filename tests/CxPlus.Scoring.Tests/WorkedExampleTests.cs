namespace CxPlus.Scoring.Tests;

/// <summary>methodology.md's worked example (Bank A/B/C) must come out exactly as written.</summary>
public class WorkedExampleTests
{
    private static readonly ScoringSettings Settings = ScoringSettings.Default;

    public static LeagueTable FromSampleFile()
    {
        var rows = Samples.Read("worked-example.csv");
        rows.Select(r => (r.Sector, r.Wave)).Distinct().Should().ContainSingle();
        return LeagueTable.Build(rows[0].Sector, rows[0].Wave, Samples.BrandWaves(rows, Settings), Settings);
    }

    [Fact]
    public void Sample_file_gives_the_published_scores_gaps_and_cx_plus_scores()
    {
        var table = FromSampleFile();

        AssertPublishedNumbers(table);
    }

    [Fact]
    public void Sample_file_gives_the_published_ranks_indices_and_average()
    {
        var table = FromSampleFile();

        table.Rows.Select(r => (r.Brand, r.Rank)).Should().Equal(("Bank C", 1), ("Bank B", 2), ("Bank A", 3));
        Rounding.OneDecimal(table.Average!.Value).Should().Be(72.3);
        table.Rows.Select(r => Rounding.Whole(r.Index!.Value)).Should().Equal(105, 104, 91);
    }

    [Fact]
    public void Sample_file_gives_the_story_the_methodology_tells()
    {
        var table = FromSampleFile();

        table.Find("Bank A")!.Result.Verdict.Should().Be(Verdict.UnderDelivers);
        table.Find("Bank B")!.Result.Verdict.Should().Be(Verdict.OverDelivers);
        table.Find("Bank C")!.Result.Verdict.Should().Be(Verdict.UnderPromises);
        table.Rows.Should().OnlyContain(r => r.Eligible && r.Reason == null && r.Movement == null);
    }

    [Fact]
    public void Hand_built_statistics_with_the_published_means_give_the_same_table()
    {
        // Each role: respondents at mean ± 2 points, so the means are the published P and E.
        var settings = Build.Percent();
        BrandWave Bank(string name, double p, double e) => Build.Brand(name, settings, [p - 2, p + 2], [e - 2, e + 2]);

        var table = LeagueTable.Build("Retail Banking", "2026-Q3", [Bank("Bank A", 70, 74), Bank("Bank B", 72, 69), Bank("Bank C", 71, 60)], settings);

        AssertPublishedNumbers(table);
        table.Rows.Select(r => (r.Brand, r.Rank, Rounding.Whole(r.Index!.Value)))
            .Should().Equal(("Bank C", 1, 105), ("Bank B", 2, 104), ("Bank A", 3, 91));
    }

    private static void AssertPublishedNumbers(LeagueTable table)
    {
        var expected = new (string Brand, double P, double E, double G, double A, double X)[]
        {
            ("Bank A", 70.0, 74.0, -4.0, -4.0, 66.0),
            ("Bank B", 72.0, 69.0, 3.0, 3.0, 75.0),
            ("Bank C", 71.0, 60.0, 11.0, 5.0, 76.0),
        };
        foreach (var (brand, p, e, g, a, x) in expected)
        {
            var result = table.Find(brand)!.Result;
            result.Performance!.Value.Should().BeApproximately(p, 1e-9, brand);
            result.Expectation!.Value.Should().BeApproximately(e, 1e-9, brand);
            result.Gap!.Value.Should().BeApproximately(g, 1e-9, brand);
            result.AppliedGap!.Value.Should().BeApproximately(a, 1e-9, brand);
            result.Score!.Value.Should().BeApproximately(x, 1e-9, brand);
        }
    }
}
