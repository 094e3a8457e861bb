namespace CxPlus.Scoring.Tests;

/// <summary>Steps 8–11 and 16 at their edges.</summary>
public class BrandResultTests
{
    private static readonly ScoringSettings Percent = Build.Percent();

    private static BrandResult Result(double[] customers, double[] prospects, ScoringSettings? settings = null) =>
        BrandResult.Compute(Build.Brand("Brand", settings ?? Percent, customers, prospects), settings ?? Percent);

    [Fact]
    public void A_gap_exactly_at_the_cap_is_applied_in_full_and_the_score_keeps_the_se_of_2P_minus_E()
    {
        // P = 72 (70, 72, 74), E = 67 (66, 68): G = +5.0 = cap, not significantly above it (v2, step 11).
        var result = Result([70, 72, 74], [66, 68]);

        result.Gap!.Value.Should().Be(5);
        result.AppliedGap.Should().Be(5);
        result.Score!.Value.Should().Be(77);
        var p = result.Performance!.StandardError!.Value;
        var e = result.Expectation!.StandardError!.Value;
        result.Score.StandardError!.Value.Should().BeApproximately(Math.Sqrt(4 * p * p + e * e), 1e-12);
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
        result.Score.StandardError!.Value.Should().BeApproximately(Math.Sqrt(4 * p * p + e * e), 1e-12);
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
    public void The_verdict_follows_the_sign_size_and_significance_of_the_gap(double[] customers, double[] prospects, Verdict expected)
    {
        Result(customers, prospects).Verdict.Should().Be(expected);
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
