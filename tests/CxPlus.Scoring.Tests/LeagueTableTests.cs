namespace CxPlus.Scoring.Tests;

/// <summary>Steps 13–15 and 17.</summary>
public class LeagueTableTests
{
    private static readonly ScoringSettings Percent = Build.Percent();

    /// <summary>A brand with gap 0, so X = P = the mean of the given composites.</summary>
    private static BrandWave Scored(string name, params double[] composites) => Build.Brand(name, Percent, composites, composites);

    [Fact]
    public void Ties_after_rounding_share_a_rank_are_listed_alphabetically_and_the_next_rank_is_skipped()
    {
        var table = LeagueTable.Build("S", "W", [
            Scored("Delta", 79, 79),
            Scored("beta", 80.2, 80, 80, 80, 80),   // 80.04 -> 80.0
            Scored("gamma", 81, 81),
            Scored("Alpha", 79.8, 80, 80, 80, 80),  // 79.96 -> 80.0
        ], Percent);

        table.Rows.Select(r => (r.Brand, r.Rank)).Should().Equal(("gamma", 1), ("Alpha", 2), ("beta", 2), ("Delta", 4));
    }

    [Fact]
    public void Brands_below_the_minimum_bases_are_listed_after_the_ranked_ones_with_the_reason()
    {
        var settings = Build.Percent(minCustomers: 3, minProspects: 2);
        var table = LeagueTable.Build("S", "W", [
            Build.Brand("Zeta", settings, [70, 70, 70], [60, 60]),
            Build.Brand("Few customers", settings, [90, 90], [60, 60]),
            Build.Brand("Few of both", settings, [90], [60]),
            Build.Brand("Able", settings, [60, 60, 60], [60, 60]),
        ], settings);

        table.Rows.Select(r => (r.Brand, r.Rank, r.Eligible, r.Reason)).Should().Equal(
            ("Zeta", 1, true, null),
            ("Able", 2, true, null),
            ("Few customers", null, false, "low base: 2 customers < 3"),
            ("Few of both", null, false, "low base: 1 customers < 3, 1 prospects < 2"));
        table.Average.Should().BeApproximately((75 + 60) / 2.0, 1e-9, "only eligible brands count in the sector average");
        table.Rows.Where(r => !r.Eligible).Should().OnlyContain(r => r.Index == null);
    }

    [Fact]
    public void A_brand_without_prospects_is_unranked_for_its_low_prospect_base()
    {
        var table = LeagueTable.Build("S", "W", [new BrandWave("Solo", Build.Stats(Percent, Build.Composites(70, 72)), RoleStatistics.Empty)], Percent);

        table.Rows.Single().Reason.Should().Be("low base: 0 prospects < 1");
        table.Average.Should().BeNull();
    }

    [Fact]
    public void The_index_is_100_times_the_score_over_the_sector_average()
    {
        var table = LeagueTable.Build("S", "W", [Scored("A", 60, 60), Scored("B", 90, 90)], Percent);

        table.Average.Should().Be(75);
        table.Rows.Select(r => r.Index!.Value).Should().Equal(120, 80);
    }

    [Fact]
    public void The_index_is_not_estimable_when_the_sector_average_is_not_positive()
    {
        var table = LeagueTable.Build("S", "W", [Build.Brand("Z", Percent, [0, 0], [40, 40])], Percent);

        table.Average.Should().Be(-40);
        table.Rows.Single().Index.Should().BeNull();
    }

    [Fact]
    public void Movement_compares_with_the_previous_wave_score_and_rank()
    {
        var before = new[] { Scored("A", 70, 72), Scored("B", 80, 82), Scored("Gone", 50, 52) };
        var now = new[] { Scored("A", 84, 86), Scored("B", 80, 82), Scored("New", 60, 62) };

        var table = LeagueTable.Build("S", "2026-Q3", now, Percent, ("2026-Q2", before));

        table.PreviousWave.Should().Be("2026-Q2");
        var a = table.Find("A")!.Movement!;
        a.Change.Value.Should().BeApproximately(14, 1e-9);
        (a.PreviousRank, a.RankChange).Should().Be((2, 1));
        var x1 = table.Find("A")!.Result.Score!.StandardError!.Value;
        a.Change.StandardError!.Value.Should().BeApproximately(Math.Sqrt(2 * x1 * x1), 1e-9, "both waves' X have the same SE here");
        a.Significant.Should().BeTrue();
        table.Find("B")!.Movement!.RankChange.Should().Be(-1);
        table.Find("B")!.Movement!.Significant.Should().BeFalse();
        table.Find("New")!.Movement.Should().BeNull();
    }

    [Fact]
    public void No_movement_against_a_previous_wave_in_which_the_brand_was_not_eligible()
    {
        var settings = Build.Percent(minCustomers: 2);
        var table = LeagueTable.Build("S", "W2", [Build.Brand("A", settings, [70, 72], [70, 72])], settings,
            ("W1", [Build.Brand("A", settings, [70], [70])]));

        table.Rows.Single().Movement.Should().BeNull();
    }

    [Fact]
    public void The_same_brand_twice_is_refused()
    {
        var act = () => LeagueTable.Build("S", "W", [Scored("Bank", 70, 70), Scored("BANK", 71, 71)], Percent);

        act.Should().Throw<ArgumentException>().WithMessage("*\"BANK\" appears more than once*");
    }
}
