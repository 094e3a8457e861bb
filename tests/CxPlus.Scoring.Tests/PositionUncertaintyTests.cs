using MathNet.Numerics.Distributions;

namespace CxPlus.Scoring.Tests;

/// <summary>
/// Methodology v3, steps 11–12 and 18–21, worked by hand on a three-brand sector whose numbers
/// are simple enough to follow on paper. Every expected value below is written from the formula
/// in methodology.md, with its own arithmetic; only Student's t quantile and the normal
/// distribution function are looked up (MathNet, as one would read a table).
/// </summary>
public class PositionUncertaintyTests
{
    private static readonly ScoringSettings Percent = Build.Percent();

    // Every role: four respondents at mean - 2, mean + 2, mean, mean. Variance s² = 8/3, so
    // SE = sqrt(8/3 / 4) = sqrt(2/3) and df = 3 for every P and E below.
    private static readonly double RoleSe = Math.Sqrt(2.0 / 3);
    private const double RoleDf = 3;

    private static BrandWave Brand(string name, double p, double e) =>
        Build.Brand(name, Percent, [p - 2, p + 2, p, p], [e - 2, e + 2, e, e]);

    // A: P 62, E 70 → G −8, X = 2P − E = 54.  B: P 74, E 70 → G +4, X = 78.
    // C: P 77, E 72 → G +5, exactly at the cap, X = 82.
    private static readonly BrandWave[] Sector = [Brand("A", 62, 70), Brand("B", 74, 70), Brand("C", 77, 72)];

    private static double T(double p, double df) => StudentT.InvCDF(0, 1, df, p);

    // Step 11 for X = 2P − E: SE² = 4·(2/3) + 2/3 = 10/3;
    // Welch df = (10/3)² / ((8/3)²/3 + (2/3)²/3) = (100/9) / (68/27) = 300/68.
    private static readonly double XSe = Math.Sqrt(10.0 / 3);
    private const double XDf = 300.0 / 68;

    /// <summary>
    /// Step 11 (v3) for a brand of this sector with gap <paramref name="gap"/>: SE_G = sqrt(4/3),
    /// w = Φ(3·(5 − G)/SE_G + 1), vP = (1 + 3w)·2/3, vE = w·2/3, df = (vP + vE)² / ((vP² + vE²)/3).
    /// A (G −8) has w = Φ(34.8) = 1 and so X's SE and df are XSe and XDf exactly; B (G +4) has
    /// w = Φ(3.60) = 0.99984; C, at the cap, w = Φ(1) = 0.8413.
    /// </summary>
    private static (double Se, double Df) XOf(double gap)
    {
        var w = Normal.CDF(0, 1, 3 * (5 - gap) / Math.Sqrt(4.0 / 3) + 1);
        double vP = (1 + 3 * w) * 2 / 3, vE = w * 2 / 3;
        return (Math.Sqrt(vP + vE), (vP + vE) * (vP + vE) / ((vP * vP + vE * vE) / 3));
    }

    private static readonly (string Brand, double X, double Gap)[] Brands = [("A", 54, -8), ("B", 78, 4), ("C", 82, 5)];

    /// <summary>Step 11: SE and Welch df of Σ c_j·X_j over this sector's brands, coefficients in the order A, B, C.</summary>
    private static (double Se, double Df) Combination(params double[] coefficients)
    {
        double variance = 0, denominator = 0;
        for (var j = 0; j < coefficients.Length; j++)
        {
            var (se, df) = XOf(Brands[j].Gap);
            var v = coefficients[j] * coefficients[j] * se * se;
            variance += v;
            denominator += v * v / df;
        }
        return (Math.Sqrt(variance), variance * variance / denominator);
    }

    [Fact]
    public void A_brand_exactly_at_the_cap_has_the_smooth_se_of_step_11_and_a_kink_aware_interval()
    {
        var c = LeagueTable.Build("S", "W", Sector, Percent).Find("C")!.Result;

        // G = +5 with SE sqrt(2/3 + 2/3) = 1.1547: w = Φ(3·0/1.1547 + 1) = Φ(1) = 0.8413.
        // vP = (1 + 3·0.8413)·2/3 = 2.3494, vE = 0.8413·2/3 = 0.5609: SE_X = sqrt(2.9103) = 1.7059,
        // between the customers' own 0.8165 and 2P − E's 1.8257; df = 2.9103² / ((2.3494² + 0.5609²)/3) = 4.355.
        c.Gap!.Value.Should().BeApproximately(5, 1e-12);
        c.Gap.High.Should().BeGreaterThan(5);
        c.Score!.Value.Should().BeApproximately(82, 1e-12);
        var w = Normal.CDF(0, 1, 1);
        c.Score.StandardError!.Value.Should().BeApproximately(Math.Sqrt((1 + 3 * w) * 2 / 3 + w * 2 / 3), 1e-12);
        Math.Round(c.Score.StandardError.Value, 4).Should().Be(1.7059);
        Math.Round(c.Score.DegreesOfFreedom!.Value, 3).Should().Be(4.355);

        // θ1 = 2P − E = 82 with (XSe, XDf); θ2 = P + 5 = 82 with (RoleSe, 3). Interval [min L, min U] (v2, unchanged).
        var (l1, u1) = (82 - T(0.975, XDf) * XSe, 82 + T(0.975, XDf) * XSe);
        var (l2, u2) = (82 - T(0.975, RoleDf) * RoleSe, 82 + T(0.975, RoleDf) * RoleSe);
        c.Score.Low!.Value.Should().BeApproximately(Math.Min(l1, l2), 1e-9);
        c.Score.High!.Value.Should().BeApproximately(Math.Min(u1, u2), 1e-9);
        // On paper: t(0.975, 4.41) ≈ 2.70, so L1 ≈ 77.07 and U1 ≈ 86.93; t(0.975, 3) = 3.18, so U2 ≈ 84.60.
        Math.Round(c.Score.Low.Value, 1).Should().Be(77.1);
        Math.Round(c.Score.High.Value, 1).Should().Be(84.6);
    }

    [Fact]
    public void A_gap_significantly_above_the_cap_gives_X_the_customers_se_and_df()
    {
        // P 80, E 70: G = +10 with SE 1.155, df 6, interval about 7.2 to 12.8, wholly above +5.
        var brand = BrandResult.Compute(Brand("D", 80, 70), Percent);

        brand.Gap!.Low.Should().BeGreaterThan(5);
        brand.Verdict.Should().Be(Verdict.UnderPromises);
        brand.Score!.Value.Should().BeApproximately(85, 1e-12);
        brand.Score.StandardError!.Value.Should().BeApproximately(RoleSe, 1e-12);
        brand.Score.DegreesOfFreedom.Should().Be(3);
        // θ1 = 90 lies far above θ2 = 85: the interval is θ2's, P + 5 ± t(0.975, 3)·SE_P.
        brand.Score.Low!.Value.Should().BeApproximately(85 - T(0.975, 3) * RoleSe, 1e-9);
        brand.Score.High!.Value.Should().BeApproximately(85 + T(0.975, 3) * RoleSe, 1e-9);
    }

    [Fact]
    public void Far_below_the_cap_the_interval_is_that_of_2P_minus_E()
    {
        var a = BrandResult.Compute(Sector[0], Percent);

        a.Score!.Value.Should().BeApproximately(54, 1e-12);
        a.Score.Low!.Value.Should().BeApproximately(54 - T(0.975, XDf) * XSe, 1e-9);
        a.Score.High!.Value.Should().BeApproximately(54 + T(0.975, XDf) * XSe, 1e-9);
    }

    [Fact]
    public void Three_brands_index_intervals_follow_the_delta_method_of_step_18()
    {
        var table = LeagueTable.Build("S", "W", Sector, Percent);

        // X̄ = (54 + 78 + 82) / 3 = 71.333…; m = 3.
        const double m = 3, mean = (54 + 78 + 82) / 3.0;
        table.Average!.Value.Should().BeApproximately(mean, 1e-12);
        for (var j = 0; j < Brands.Length; j++)
        {
            var (brand, x, _) = Brands[j];
            var index = table.Find(brand)!.Index!;
            // c_j = (100/X̄)(1 − X_j/(m X̄)); the two others c_k = −100 X_j/(m X̄²).
            var own = 100 / mean * (1 - x / (m * mean));
            var other = -100 * x / (m * mean * mean);
            var (se, df) = Combination([.. Enumerable.Range(0, 3).Select(k => k == j ? own : other)]);
            index.Value.Should().BeApproximately(100 * x / mean, 1e-9, brand);
            index.StandardError!.Value.Should().BeApproximately(se, 1e-9, brand);
            index.DegreesOfFreedom!.Value.Should().BeApproximately(df, 1e-9, brand);
            index.Low!.Value.Should().BeApproximately(100 * x / mean - T(0.975, df) * se, 1e-9, brand);
        }
        // Rounded as shown: 76, 109, 115.
        table.Rows.Select(r => Rounding.Whole(r.Index!.Value)).Should().Equal(115, 109, 76);
    }

    [Fact]
    public void Three_brands_against_the_average_follow_step_19()
    {
        var table = LeagueTable.Build("S", "W", Sector, Percent);
        const double mean = (54 + 78 + 82) / 3.0;

        // A's 54 pulls the average down to 71.3, so B (78) and C (82) both lie surely above it.
        AveragePosition[] positions = [AveragePosition.Below, AveragePosition.Above, AveragePosition.Above];
        for (var j = 0; j < Brands.Length; j++)
        {
            var (brand, x, _) = Brands[j];
            var versus = table.Find(brand)!.VersusAverage!;
            // D = (2/3) X_j − (1/3) Σ others: coefficients 2/3 for the brand, −1/3 for each other.
            var (se, df) = Combination([.. Enumerable.Range(0, 3).Select(k => k == j ? 2.0 / 3 : -1.0 / 3)]);
            versus.Difference.Value.Should().BeApproximately(x - mean, 1e-9, brand);
            versus.Difference.StandardError!.Value.Should().BeApproximately(se, 1e-9, brand);
            versus.Difference.DegreesOfFreedom!.Value.Should().BeApproximately(df, 1e-9, brand);
            versus.Difference.High!.Value.Should().BeApproximately(x - mean + T(0.975, df) * se, 1e-9, brand);
            versus.Position.Should().Be(positions[j], $"{brand}: D = {x - mean:0.00} ± {T(0.975, df) * se:0.00}");
        }
    }

    [Fact]
    public void Three_brands_rank_ranges_follow_step_20()
    {
        var table = LeagueTable.Build("S", "W", Sector, Percent);

        // Bonferroni: α' = 0.05 / 2, critical t(1 − 0.0125, df) with the pair's Welch df.
        var (cb, cbDf) = Combination(0, -1, 1);
        var (ba, baDf) = Combination(-1, 1, 0);
        ((82 - 78) / cb).Should().BeLessThan(T(1 - 0.0125, cbDf), "C and B cannot be told apart");
        ((78 - 54) / ba).Should().BeGreaterThan(T(1 - 0.0125, baDf), "B is surely ahead of A");

        table.Rows.Select(r => (r.Brand, r.Rank, r.RankRange))
            .Should().Equal(("C", 1, new RankRange(1, 2)), ("B", 2, new RankRange(1, 2)), ("A", 3, new RankRange(3, 3)));
    }

    [Fact]
    public void Rank_ranges_computed_fast_are_those_of_one_t_quantile_per_pair()
    {
        // Sectors of 2 to 200 brands, scores spread narrowly or widely, SEs and dfs from small to
        // large, some brands without an SE (any rank) or exactly known (SE 0), ties included.
        var rng = new Random(20261206);
        for (var sector = 0; sector < 300; sector++)
        {
            var m = sector < 8 ? 200 : rng.Next(2, 40);
            var spread = rng.NextDouble() < 0.5 ? 2.0 : 25.0;
            var scores = Enumerable.Range(0, m).Select(_ => rng.Next(20) switch
            {
                0 => Estimate.Create(60 + Math.Round(rng.NextDouble() * spread), null, null, 0.95),
                1 => Estimate.Create(60 + Math.Round(rng.NextDouble() * spread), 0, 5, 0.95),
                _ => Estimate.Create(60 + rng.NextDouble() * spread, 0.3 + 3 * rng.NextDouble(), 1 + rng.NextDouble() * (rng.Next(3) == 0 ? 8 : 2000), 0.95),
            }).ToArray();
            if (sector >= 250)
            {
                // Pairs whose Welch df is near the smallest df (a wide brand against a precise one), with
                // |T| densely across the band between z and t(smallest df), where the shortcuts stop.
                m = 60;
                scores = [.. Enumerable.Range(0, m).Select(j => Estimate.Create(60 + 0.37 * j + rng.NextDouble() * 0.2,
                    j % 2 == 0 ? 2 : 0.01, j % 2 == 0 ? 10 : 1000, 0.95))];
            }
            var settings = sector % 3 == 0 ? new ScoringSettings(confidenceLevel: 0.9) : Percent;

            var fast = Positions.RankRanges(scores, settings);

            fast.Should().Equal(Enumerable.Range(0, m).Select(j => Positions.RankRangeByQuantiles(j, scores, settings)), $"sector {sector} of {m} brands");
        }
    }

    [Fact]
    public void Two_exactly_known_scores_equal_but_for_floating_point_decide_nothing()
    {
        // Found by StatisticsProperties: two brands whose respondents all answer alike (SE 0) both
        // have X = 73, one of them 72.99999999999999 once every weight is scaled by 1/15000. Told
        // apart on that last digit, the second could no longer be first: a rank range made of noise.
        Estimate[] scores = [Estimate.Create(73, 0, 1, 0.95), Estimate.Create(72.99999999999999, 0, 5, 0.95), Estimate.Create(68, 0, 3, 0.95)];

        var fast = Positions.RankRanges(scores, Percent);

        fast.Should().Equal(new RankRange(1, 2), new RankRange(1, 2), new RankRange(3, 3));
        fast.Should().Equal(Enumerable.Range(0, 3).Select(j => Positions.RankRangeByQuantiles(j, scores, Percent)));
    }

    [Fact]
    public void With_one_brand_the_index_is_exactly_100_the_rank_range_1_to_1_and_no_comparison_with_the_average()
    {
        var table = LeagueTable.Build("S", "W", [Sector[1]], Percent);
        var row = table.Rows.Single();

        row.Index!.Value.Should().Be(100);
        (row.Index.StandardError, row.Index.Low, row.Index.High).Should().Be((0.0, 100.0, 100.0));
        row.RankRange.Should().Be(new RankRange(1, 1));
        row.VersusAverage.Should().BeNull("with one brand there is nothing to compare");
    }

    [Fact]
    public void With_two_brands_the_difference_from_the_average_is_half_their_difference()
    {
        var table = LeagueTable.Build("S", "W", [Sector[0], Sector[1]], Percent);

        // X̄ = 66: D_B = +12 = (78 − 54)/2 with SE = ½·sqrt(SE_A² + SE_B²); the pair test decides the ranks at α' = α.
        var b = table.Find("B")!;
        b.VersusAverage!.Difference.Value.Should().BeApproximately(12, 1e-12);
        b.VersusAverage.Difference.StandardError!.Value.Should().BeApproximately(Combination(-0.5, 0.5, 0).Se, 1e-12);
        b.VersusAverage.Position.Should().Be(AveragePosition.Above);
        table.Find("A")!.VersusAverage!.Position.Should().Be(AveragePosition.Below);
        table.Rows.Select(r => r.RankRange).Should().Equal(new RankRange(1, 1), new RankRange(2, 2));
        // Index: c_B = (100/66)(1 − 78/132), c_A = −100·78/(2·66²).
        var own = 100 / 66.0 * (1 - 78 / 132.0);
        var other = -100 * 78 / (2 * 66.0 * 66.0);
        b.Index!.StandardError!.Value.Should().BeApproximately(Combination(other, own, 0).Se, 1e-9);
    }

    [Fact]
    public void Two_close_brands_are_both_at_average()
    {
        // B 78 and C 82: X̄ = 80, D_C = +2 ± t(0.975, df)·½·sqrt(SE_B² + SE_C²) ≈ ±2.8: the interval includes 0.
        var table = LeagueTable.Build("S", "W", [Sector[1], Sector[2]], Percent);

        table.Rows.Select(r => r.VersusAverage!.Position).Should().Equal(AveragePosition.At, AveragePosition.At);
        table.Rows.Select(r => r.RankRange).Should().Equal(new RankRange(1, 2), new RankRange(1, 2));
    }

    [Fact]
    public void Unranked_brands_carry_no_index_rank_range_or_position()
    {
        var settings = Build.Percent(minCustomers: 4);
        BrandWave[] brands = [.. Sector, Build.Brand("Small", settings, [70, 72], [70, 72])];

        var row = LeagueTable.Build("S", "W", brands, settings).Find("Small")!;

        (row.Eligible, row.Index, row.RankRange, row.VersusAverage).Should().Be((false, null, null, null));
    }

    [Fact]
    public void Two_brands_compared_give_every_difference_with_its_interval()
    {
        var a = BrandResult.Compute(Sector[0], Percent);
        var b = BrandResult.Compute(Sector[1], Percent);

        var comparison = BrandComparison.Between(b, a, Percent);

        // X_B − X_A = 24 with SE sqrt(SE_A² + SE_B²) and Welch df; P_B − P_A = 12 with SE sqrt(2)·RoleSe, df 6.
        var score = comparison.Score!.Estimate;
        score.Value.Should().BeApproximately(24, 1e-12);
        score.StandardError!.Value.Should().BeApproximately(Combination(-1, 1, 0).Se, 1e-12);
        score.DegreesOfFreedom!.Value.Should().BeApproximately(Combination(-1, 1, 0).Df, 1e-9);
        comparison.Performance!.Estimate.Value.Should().BeApproximately(12, 1e-12);
        comparison.Performance.Estimate.Low!.Value.Should().BeApproximately(12 - T(0.975, 6) * Math.Sqrt(2) * RoleSe, 1e-9);
        comparison.Expectation!.Estimate.Value.Should().BeApproximately(0, 1e-12);
        comparison.Expectation.Significant.Should().BeFalse();
        comparison.Gap!.Estimate.Value.Should().BeApproximately(12, 1e-12);
        comparison.Factors.Should().HaveCount(5).And.OnlyContain(f => f.Customers != null);
        (comparison.First, comparison.Second).Should().Be(("B", "A"));
    }
}
