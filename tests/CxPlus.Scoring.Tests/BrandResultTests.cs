using MathNet.Numerics.Distributions;

namespace CxPlus.Scoring.Tests;

/// <summary>Steps 8–11 and 16 at their edges.</summary>
public class BrandResultTests
{
    private static readonly ScoringSettings Percent = Build.Percent();

    private static BrandResult Result(double[] customers, double[] prospects, ScoringSettings? settings = null) =>
        BrandResult.Compute(Build.Brand("Brand", settings ?? Percent, customers, prospects), settings ?? Percent);

    [Fact]
    public void A_gap_exactly_at_the_cap_is_applied_in_full_and_the_score_has_the_smooth_se_of_step_11()
    {
        // P = 72 (70, 72, 74): SE_P² = 4/3, df 2. E = 67 (66, 68): SE_E² = 1, df 1. G = +5.0 = cap.
        // v3: w = Φ(3·(5 − 5)/SE_G + 1) = Φ(1) = 0.8413; SE_X² = (1 + 3w)·4/3 + w·1.
        var result = Result([70, 72, 74], [66, 68]);

        result.Gap!.Value.Should().Be(5);
        result.AppliedGap.Should().Be(5);
        result.Score!.Value.Should().Be(77);
        var w = Normal.CDF(0, 1, 1);
        double vP = (1 + 3 * w) * 4 / 3, vE = w;
        result.Score.StandardError!.Value.Should().BeApproximately(Math.Sqrt(vP + vE), 1e-12);
        result.Score.DegreesOfFreedom!.Value.Should().BeApproximately((vP + vE) * (vP + vE) / (vP * vP / 2 + vE * vE / 1), 1e-9);
    }

    [Fact]
    public void The_se_of_the_score_moves_smoothly_from_that_of_2P_minus_E_below_the_cap_to_that_of_P_above_it()
    {
        // Customers (SE_P² = 4/3, df 2) and prospects (SE_E² = 1, df 1) as above, the prospects moved.
        double sePSquared = 4.0 / 3, seG = Math.Sqrt(4.0 / 3 + 1);
        double Se(double e) => Result([70, 72, 74], [e - 1, e + 1]).Score!.StandardError!.Value;

        // G = −8: w = Φ(3·13/1.53 + 1) = 1 to the last digit, the SE of 2P − E = sqrt(4·4/3 + 1).
        Se(80).Should().Be(Math.Sqrt(4 * sePSquared + 1));
        // G = +20: w = Φ(3·(−15)/1.53 + 1) = Φ(−28.5) ≈ 1e-178: the customers' own SE.
        Se(52).Should().BeApproximately(Math.Sqrt(sePSquared), 1e-12);
        // G = +4: w = Φ(3/1.53 + 1) = Φ(2.96) = 0.9985; G = +6: w = Φ(−0.96) = 0.169.
        foreach (var (e, gap) in new[] { (68.0, 4.0), (66.0, 6.0) })
        {
            var w = Normal.CDF(0, 1, 3 * (5 - gap) / seG + 1);
            Se(e).Should().BeApproximately(Math.Sqrt((1 + 3 * w) * sePSquared + w), 1e-12, $"gap {gap}");
        }
        Se(68).Should().BeGreaterThan(Se(67)).And.BeGreaterThan(Se(66), "the SE falls as the gap rises through the cap");
    }

    [Fact]
    public void With_a_gap_known_exactly_the_line_is_chosen_by_the_gap_itself()
    {
        BrandResult.LineWeight(gap: 5, gapStandardError: 0, cap: 5).Should().Be(1, "at the cap, X moves with 2P − E");
        BrandResult.LineWeight(gap: 5.01, gapStandardError: 0, cap: 5).Should().Be(0, "above it, with P alone");
        BrandResult.LineWeight(gap: 5, gapStandardError: 2, cap: 5).Should().Be(Normal.CDF(0, 1, 1));

        // Everyone answered alike: SE_P = SE_E = SE_G = 0, and the score is exact whichever line holds.
        var exact = Result([80, 80, 80], [70, 70]);
        (exact.Score!.Value, exact.Score.StandardError, exact.Score.Low, exact.Score.High).Should().Be((85.0, 0.0, 85.0, 85.0));
        exact.Score.DegreesOfFreedom.Should().Be(2, "df_P when vE is 0");
    }

    [Fact]
    public void A_gap_just_above_the_cap_is_capped_at_plus_5_and_its_interval_reaches_below_the_cap_line()
    {
        // P = 75.04, E = 70: G = +5.04, far from significantly above the cap with two prospects.
        var result = Result([75.2, 75, 75, 75, 75], [69.8, 70.2]);

        result.Gap!.Value.Should().BeApproximately(5.04, 1e-9);
        result.AppliedGap.Should().Be(5);
        result.Score!.Value.Should().BeApproximately(80.04, 1e-9);
        // Step 12 v2: the interval is [min(L1, L2), min(U1, U2)], so it extends below θ2's interval.
        var pOnly = Estimate.Create(80.04, result.Performance!.StandardError, result.Performance.DegreesOfFreedom, 0.95);
        result.Score.Low.Should().BeLessThan(pOnly.Low!.Value);
        result.Score.High.Should().BeApproximately(pOnly.High!.Value, 1e-9, "θ2's upper end is the lower of the two");
    }

    [Fact]
    public void A_gap_just_below_the_cap_is_added_whole_and_the_score_is_2P_minus_E()
    {
        // P = 74.96, E = 70: G = +4.96, X = 2P - E = 79.92.
        var result = Result([74.8, 75, 75, 75, 75], [69.8, 70.2]);

        result.AppliedGap!.Value.Should().BeApproximately(4.96, 1e-9);
        result.Score!.Value.Should().BeApproximately(79.92, 1e-9);
        var p = result.Performance!.StandardError!.Value;
        var e = result.Expectation!.StandardError!.Value;
        var w = Normal.CDF(0, 1, 3 * (5 - 4.96) / Math.Sqrt(p * p + e * e) + 1);
        result.Score.StandardError!.Value.Should().BeApproximately(Math.Sqrt((1 + 3 * w) * p * p + w * e * e), 1e-12);
    }

    [Fact]
    public void A_negative_gap_is_subtracted_in_full()
    {
        var result = Result([60, 62], [79, 81]);

        result.AppliedGap.Should().Be(-19);
        result.Score!.Value.Should().Be(42);
    }

    [Theory]
    [InlineData(new double[] { 60, 62, 61, 61 }, new double[] { 80, 81, 79, 80 }, Verdict.UnderDelivers)]
    [InlineData(new double[] { 70, 90, 50, 70 }, new double[] { 69, 71, 50, 90 }, Verdict.MeetsExpectations)]
    [InlineData(new double[] { 73, 73.2, 72.8, 73 }, new double[] { 70, 70.2, 69.8, 70 }, Verdict.OverDelivers)]
    [InlineData(new double[] { 80, 80.2, 79.8, 80 }, new double[] { 70, 70.2, 69.8, 70 }, Verdict.UnderPromises)]
    public void The_verdict_follows_where_the_gap_interval_lies(double[] customers, double[] prospects, Verdict expected)
    {
        Result(customers, prospects).Verdict.Should().Be(expected);
    }

    public static TheoryData<double, double, Verdict> GapIntervals => new()
    {
        // (L_G, U_G) in each region of step 16 (v3), cap +5.
        { -6, -0.1, Verdict.UnderDelivers },
        { -6, 0, Verdict.MeetsExpectations },
        { -0.1, 0.1, Verdict.MeetsExpectations },
        { 0, 12, Verdict.MeetsExpectations },
        { 0.1, 3, Verdict.OverDelivers },
        { 0.1, 12, Verdict.OverDelivers },
        { 5, 12, Verdict.OverDelivers },
        { 5.1, 12, Verdict.UnderPromises },
    };

    [Theory]
    [MemberData(nameof(GapIntervals))]
    public void Each_region_of_the_gap_interval_gives_its_verdict(double low, double high, Verdict expected)
    {
        Verdicts.Of(Estimate.WithInterval((low + high) / 2, 1, 10, low, high), cap: 5).Should().Be(expected);
    }

    [Fact]
    public void A_gap_without_an_interval_has_no_verdict()
    {
        Verdicts.Of(Estimate.Create(8, null, null, 0.95), cap: 5).Should().BeNull();
        Verdicts.Of(null, cap: 5).Should().BeNull();
    }

    [Fact]
    public void A_gap_estimated_above_the_cap_but_not_significantly_over_delivers_and_says_so()
    {
        // G = +6.1 with an interval of about 3.9 to 8.3 (Oak Mutual's in the demo): v2 said Under-promises.
        var result = Result([77, 83, 77, 83, 77, 83, 77, 83], [73.8, 74, 73.8, 74, 73.8, 74, 73.8, 74]);

        result.Gap!.Value.Should().BeGreaterThan(5);
        result.Gap.Low.Should().BeGreaterThan(0).And.BeLessThan(5);
        result.Verdict.Should().Be(Verdict.OverDelivers);
        result.GapAboveCapNotSignificantly.Should().BeTrue();
        Result([80, 80.2, 79.8, 80], [70, 70.2, 69.8, 70]).GapAboveCapNotSignificantly.Should().BeFalse("its gap is significantly above the cap");
        Result([73, 73.2, 72.8, 73], [70, 70.2, 69.8, 70]).GapAboveCapNotSignificantly.Should().BeFalse("its gap is below the cap");
    }

    [Fact]
    public void Verdicts_read_as_published()
    {
        Enum.GetValues<Verdict>().Select(v => v.DisplayName())
            .Should().Equal("Under-delivers", "Meets expectations", "Over-delivers", "Under-promises");
    }

    [Fact]
    public void A_brand_without_prospects_has_a_performance_score_but_no_gap_score_or_verdict()
    {
        var result = BrandResult.Compute(new BrandWave("Solo", Build.Stats(Percent, Build.Composites(70, 72)), RoleStatistics.Empty), Percent);

        result.Performance!.Value.Should().Be(71);
        result.Expectation.Should().BeNull();
        (result.Gap, result.AppliedGap, result.Score, result.Verdict, result.GapSignificant).Should().Be((null, null, null, null, null));
        result.FactorGaps.Should().OnlyContain(g => g.Gap == null && g.Customer != null);
    }

    [Fact]
    public void One_customer_gives_a_score_without_interval_and_no_verdict()
    {
        var result = Result([70], [66, 68]); // G = +3 < cap: X = 2P - E = 73

        result.Score!.Value.Should().Be(73);
        result.Score.Low.Should().BeNull();
        result.Verdict.Should().BeNull();
    }

    [Fact]
    public void Per_factor_gaps_are_customer_minus_prospect_factor_scores()
    {
        var settings = ScoringSettings.Default;
        var brand = new BrandWave("B",
            Build.Stats(settings, Build.Rated(8, 6, 7, 9, 5), Build.Rated(8, 6, 7, 7, 5)),
            Build.Stats(settings, Build.Rated(6, 6, 8, 6, 5), Build.Rated(6, 6, 8, 6, null)));

        var gaps = BrandResult.Compute(brand, settings).FactorGaps;

        gaps.Select(g => g.Gap!.Value).Should().Equal(20, 0, -10, 20, 0);
        gaps[3].Customer!.Value.Should().Be(80);
        gaps[4].Prospect!.Value.Should().Be(50);
    }
}
