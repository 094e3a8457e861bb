namespace CxPlus.Scoring.Tests;

/// <summary>Steps 13–15, 17 and 20b.</summary>
public class LeagueTableTests
{
    private static readonly ScoringSettings Percent = Build.Percent();

    /// <summary>A brand with gap 0, so X = P = the mean of the given composites.</summary>
    private static BrandWave Scored(string name, params double[] composites) => Build.Brand(name, Percent, composites, composites);

    /// <summary>Five composites around <paramref name="mean"/>, ±0.4 and ±0.2: SE_P = sqrt(0.1/5), X's SE sqrt(5)·SE_P = 0.32.</summary>
    private static double[] Around(double mean) => [mean - 0.4, mean, mean + 0.4, mean - 0.2, mean + 0.2];

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
    public void A_brand_whose_weights_leave_too_small_an_effective_base_is_unranked_with_the_reason()
    {
        // Minimums 4 customers and 2 prospects, effective share 0.5: n_eff must reach 2 and 1.
        // Customers weighted 1, 1, 1, 20: n_eff = 23² / (3 + 400) = 1.31 < 2, though n = 4 meets its minimum.
        var settings = Build.Percent(minCustomers: 4, minProspects: 2);
        SurveyResponse[] Even(params int[] ratings) => [.. ratings.Select(r => Build.Flat(r))];
        var lopsided = new BrandWave("Lopsided",
            Build.Stats(settings, Build.Flat(70), Build.Flat(72), Build.Flat(74), Build.Flat(76, 20)),
            Build.Stats(settings, Even(70, 72)));
        var few = new BrandWave("Few", Build.Stats(settings, Build.Flat(70, 1), Build.Flat(72, 30)), Build.Stats(settings, Even(70, 72)));
        var table = LeagueTable.Build("S", "W", [lopsided, few, new BrandWave("Even", Build.Stats(settings, Even(70, 72, 74, 76)), Build.Stats(settings, Even(70, 72)))], settings);

        var row = table.Find("Lopsided")!;
        row.Eligible.Should().BeFalse();
        row.Shortfalls.Should().Equal(new BaseShortfall(ShortfallKind.UnequalWeights, Role.Customer, 23.0 * 23 / 403, 2));
        row.Reason.Should().Be("weights too unequal: effective base 1 customers < 2");
        table.Find("Few")!.Reason.Should().Be("low base: 2 customers < 4", "a base too low is not also reported as too unequal");
        table.Find("Even")!.Rank.Should().Be(1);
    }

    [Fact]
    public void The_effective_base_share_is_a_setting_and_0_turns_the_rule_off()
    {
        var settings = new ScoringSettings(scaleMin: 0, scaleMax: 100, minCustomers: 4, minProspects: 2, minEffectiveShare: 0);
        var lopsided = new BrandWave("Lopsided",
            Build.Stats(settings, Build.Flat(70), Build.Flat(72), Build.Flat(74), Build.Flat(76, 20)),
            Build.Stats(settings, Build.Flat(70), Build.Flat(72)));

        LeagueTable.Build("S", "W", [lopsided], settings).Rows.Single().Eligible.Should().BeTrue();
        settings.MinEffectiveCustomers.Should().Be(0);
        ScoringSettings.Default.MinEffectiveCustomers.Should().Be(50);
        ScoringSettings.Default.MinEffectiveProspects.Should().Be(25);
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
    public void Movements_carry_their_p_value_and_are_significant_only_after_the_false_discovery_rate_control()
    {
        // Three brands move: A by +1.2, B by +0.2, C not at all. Alone, A's change would be significant
        // (its interval excludes 0, p about 0.02); as one of three tests its q = 3·p_A exceeds 0.05.
        var before = new[] { Scored("A", Around(70)), Scored("B", Around(70)), Scored("C", Around(80)) };
        var now = new[] { Scored("A", Around(71.2)), Scored("B", Around(70.2)), Scored("C", Around(80)) };

        var table = LeagueTable.Build("S", "W2", now, Percent, ("W1", before));

        var moves = table.Rows.ToDictionary(r => r.Brand, r => r.Movement!);
        double P(Movement m) => 2 * MathNet.Numerics.Distributions.StudentT.CDF(0, 1, m.Change.DegreesOfFreedom!.Value, -Math.Abs(m.Change.Value) / m.Change.StandardError!.Value);
        foreach (var m in moves.Values) m.PValue!.Value.Should().BeApproximately(P(m), 1e-15);
        var a = moves["A"];
        a.Change.Value.Should().BeApproximately(1.2, 1e-9);
        a.Change.ExcludesZero.Should().BeTrue();
        a.PValue.Should().BeLessThan(0.05);
        // Sorted p: A smallest, then B, C (C did not move at all: p = 1). q_A = min(3·p_A/1, 3·p_B/2, 3·p_C/3).
        var pB = moves["B"].PValue!.Value;
        moves["C"].PValue.Should().Be(1);
        a.QValue!.Value.Should().BeApproximately(Math.Min(Math.Min(3 * a.PValue!.Value, 1.5 * pB), 1), 1e-15);
        a.QValue.Should().BeGreaterThan(0.05);
        a.Significant.Should().BeFalse();
        moves.Values.Should().OnlyContain(m => m.Significant == false);
    }

    [Fact]
    public void A_movement_too_large_for_chance_stays_significant_after_the_control()
    {
        var before = new[] { Scored("A", Around(70)), Scored("B", Around(70)) };
        var now = new[] { Scored("A", Around(74)), Scored("B", Around(70.2)) };

        var a = LeagueTable.Build("S", "W2", now, Percent, ("W1", before)).Find("A")!.Movement!;

        a.QValue.Should().BeLessThan(0.05);
        a.Significant.Should().BeTrue();
    }

    [Fact]
    public void One_brand_surely_ahead_of_the_rest_leads_alone()
    {
        var table = LeagueTable.Build("S", "W", [Scored("Top", 90, 92, 91, 91), Scored("Mid", 70, 72, 71, 71), Scored("Low", 69, 73, 71, 71)], Percent);

        table.Leaders.Should().Equal("Top");
        table.CanBeLast.Should().Equal("Low", "Mid");
    }

    [Fact]
    public void Brands_the_data_cannot_separate_share_the_lead()
    {
        var table = LeagueTable.Build("S", "W", [Scored("A", 80, 84, 82, 82), Scored("B", 79, 83, 81, 81), Scored("C", 40, 44, 42, 42)], Percent);

        table.Rows.Select(r => r.RankRange).Should().Equal(new RankRange(1, 2), new RankRange(1, 2), new RankRange(3, 3));
        table.Leaders.Should().Equal("A", "B");
        table.CanBeLast.Should().Equal("C");
    }

    [Fact]
    public void A_table_without_ranked_brands_has_no_leader()
    {
        var settings = Build.Percent(minCustomers: 5);
        var table = LeagueTable.Build("S", "W", [Build.Brand("A", settings, [80, 82], [80, 82])], settings);

        table.Leaders.Should().BeEmpty();
        table.CanBeLast.Should().BeEmpty();
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
