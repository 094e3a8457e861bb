using CxPlus.Scoring;
using CxPlus.Scoring.Tests;

namespace CxPlus.Reports.Tests;

/// <summary>Issue #13: the factor heatmap's numbers, checked against hand computation of steps 5, 8, 11–12 and 23.</summary>
public class FactorHeatmapTests
{
    private static readonly ScoringSettings Settings = Build.Percent(minCustomers: 2, minProspects: 2);

    /// <summary>Respondents who rate factor 0 (Integrity) as given and every other factor 50.</summary>
    private static RoleStatistics Integrity(params int[] ratings) =>
        RoleStatistics.From([.. ratings.Select(r => new SurveyResponse([r, 50, 50, 50, 50]))], Settings);

    private static LeagueTable Table() => LeagueTable.Build("S", "W1",
    [
        new BrandWave("High", Integrity(80, 90, 85, 85), Integrity(70, 72, 71)),
        new BrandWave("Mid", Integrity(60, 70, 65, 65), Integrity(70, 72, 71)),
        new BrandWave("Low", Integrity(40, 50, 45, 45), Integrity(70, 72, 71)),
        new BrandWave("Small", Integrity(99), Integrity(70, 72)), // one customer: unranked
    ], Settings);

    [Fact]
    public void The_average_is_the_plain_mean_of_the_ranked_brands_factor_scores()
    {
        var map = FactorHeatmap.Build(Table());

        map.Averages[0].Should().BeApproximately((85 + 65 + 45) / 3.0, 1e-9, "Small is unranked and left out");
        map.Averages[1].Should().BeApproximately(50, 1e-9);
    }

    [Fact]
    public void A_ranked_brands_difference_from_the_average_has_the_step_19_interval()
    {
        var map = FactorHeatmap.Build(Table());
        var high = map.Rows.Single(r => r.Row.Brand == "High").Cells[0];

        high.Score!.Value.Should().BeApproximately(85, 1e-9);
        high.VersusAverage!.Value.Should().BeApproximately(20, 1e-9);
        // Each ranked brand's integrity score has the same spread (ratings ±5 around the mean, n = 4):
        // SE = s/√n with s² = 50/3. The difference's SE is √((2/3)² + 2·(1/3)²) · SE.
        var se = Math.Sqrt(50.0 / 3 / 4);
        high.VersusAverage.StandardError.Should().BeApproximately(Math.Sqrt(4.0 / 9 + 2.0 / 9) * se, 1e-9);
        high.VersusAverage.ExcludesZero.Should().BeTrue("20 points above with SE about 1.7 is significant");
        high.Gap!.Value.Should().BeApproximately(85 - 71, 1e-9);
    }

    [Fact]
    public void An_unranked_brand_is_compared_with_the_ranked_average_with_its_own_score_counted_in_full()
    {
        var small = FactorHeatmap.Build(Table()).Rows.Single(r => r.Row.Brand == "Small").Cells[0];

        small.Score!.Value.Should().BeApproximately(99, 1e-9);
        small.VersusAverage!.Value.Should().BeApproximately(99 - 65, 1e-9);
        // One customer: its own score has no SE, so no interval can be given and nothing is marked significant.
        small.VersusAverage.ExcludesZero.Should().NotBe(true);
    }

    [Fact]
    public void A_factor_that_every_brand_rates_alike_is_nowhere_significant()
    {
        FactorHeatmap.Build(Table()).Rows.Where(r => r.Row.Eligible)
            .Should().OnlyContain(r => r.Cells[1].VersusAverage!.Value == 0 && r.Cells[1].VersusAverage!.ExcludesZero != true);
    }
}
