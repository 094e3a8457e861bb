namespace CxPlus.Scoring.Tests;

/// <summary>Step 27 on cases computed by hand: a category's customers against the brand's other customers of the segment.</summary>
public sealed class SegmentContrastTests
{
    private static readonly ScoringSettings Settings = ScoringSettings.Default;

    /// <summary>Customers who rate every factor <paramref name="low"/> (half of them) or <paramref name="low"/> + 1, and give the NPS answers cycled.</summary>
    private static RoleStatistics Customers(int count, int low, params int[] nps) => Build.Stats(Settings,
        [.. Enumerable.Range(0, count).Select(i => new SurveyResponse([.. Enumerable.Repeat<int?>(low + i % 2, 5)], nps: nps[i % nps.Length]))]);

    [Fact]
    public void The_young_customers_against_the_brands_other_customers_of_the_segment()
    {
        // 18-34: ratings 6 and 7 (P = 65); 35-54 and 55+: 8 and 9 (P = 85). No prospect carries the segment.
        var contrast = SegmentContrast.Compute("Bank A", "age",
        [
            ("18-34", Customers(40, 6, 3, 6, 9), RoleStatistics.Empty),
            ("35-54", Customers(40, 8, 9, 10, 7), RoleStatistics.Empty),
            ("55+", Customers(40, 8, 9, 10, 7), RoleStatistics.Empty),
        ], Settings);

        contrast.ProspectsCarrySegment.Should().BeFalse();
        var young = contrast.Categories[0];
        (young.Customers, young.OtherCustomers).Should().Be((40, 80));
        young.Contrasts.Select(c => c.Measure).Should().NotContain([ContrastMeasure.Score, ContrastMeasure.Expectation, ContrastMeasure.Gap],
            "without prospects in the segment only the customers' measures are compared");
        var p = young.Contrasts.Single(c => c.Measure == ContrastMeasure.Performance);
        (p.InCategory.Value, p.Others.Value).Should().Be((65, 85));
        p.Difference.Estimate.Value.Should().BeApproximately(-20, 1e-12);
        p.Difference.Significant.Should().BeTrue();
        p.Difference.QValue.Should().BeGreaterThanOrEqualTo(p.Difference.PValue!.Value, "adjusted over the three categories");
        var middle = contrast.Categories[1].Contrasts.Single(c => c.Measure == ContrastMeasure.Performance);
        middle.Others.Value.Should().BeApproximately(75, 1e-12, "18-34 and 55+ together: (65 + 85) / 2");
        middle.Difference.Estimate.Value.Should().BeApproximately(10, 1e-12);
        // NPS: 18-34 has a detractor, a detractor and a promoter in every three (about -33); the others mostly promoters.
        young.Contrasts.Single(c => c.Measure == ContrastMeasure.Nps).Difference.Estimate.Value.Should().BeLessThan(-50);
        young.Contrasts.Count(c => c.Measure == ContrastMeasure.Factor).Should().Be(5);
        contrast.Significant[0].Category.Should().Be("18-34", "the largest difference first");
    }

    [Fact]
    public void With_prospects_in_the_segment_the_expectation_the_gap_and_the_score_are_compared_too()
    {
        var prospects = Build.Stats(Settings, [.. Enumerable.Range(0, 30).Select(i => Build.Flat(6 + i % 2))]);
        var contrast = SegmentContrast.Compute("Bank A", "region",
        [
            ("North", Customers(60, 6, 8), prospects),
            ("South", Customers(60, 8, 8), prospects),
        ], Settings);

        contrast.ProspectsCarrySegment.Should().BeTrue();
        var north = contrast.Categories[0].Contrasts;
        north.Select(c => c.Measure).Should().Contain([ContrastMeasure.Score, ContrastMeasure.Expectation, ContrastMeasure.Gap]);
        north.Single(c => c.Measure == ContrastMeasure.Expectation).Difference.Estimate.Value.Should().Be(0, "the same prospects");
        north.Single(c => c.Measure == ContrastMeasure.Gap).Difference.Estimate.Value.Should().BeApproximately(-20, 1e-12, "65 - 65 against 85 - 65");
        north.Single(c => c.Measure == ContrastMeasure.Score).Difference.Estimate.Value.Should().BeApproximately(-25, 1e-12, "65 + 0 against 85 + 5 (the cap)");
    }
}
