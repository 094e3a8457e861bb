namespace CxPlus.Scoring.Tests;

/// <summary>Steps 11–12: combinations of independent estimates, Welch df, t intervals.</summary>
public class EstimateTests
{
    [Theory]
    // Published two-sided t table values.
    [InlineData(0.975, 10, 2.228)]
    [InlineData(0.975, 1, 12.706)]
    [InlineData(0.975, 30, 2.042)]
    [InlineData(0.95, 20, 1.725)]
    [InlineData(0.995, 5, 4.032)]
    [InlineData(0.975, 1000, 1.962)]
    public void Student_t_quantiles_match_the_published_table(double p, double df, double expected)
    {
        Estimate.TQuantile(p, df).Should().BeApproximately(expected, 0.0005);
    }

    [Fact]
    public void The_interval_is_the_estimate_plus_minus_t_times_se()
    {
        var estimate = Estimate.Create(50, 2, 10, 0.95);

        estimate.Low!.Value.Should().BeApproximately(50 - 2.228139 * 2, 1e-5);
        estimate.High!.Value.Should().BeApproximately(50 + 2.228139 * 2, 1e-5);
    }

    [Fact]
    public void A_difference_has_the_root_sum_of_squares_se_and_welch_satterthwaite_df()
    {
        // SE 2 (df 10) and SE 1 (df 5): var = 5, df = 25 / (16/10 + 1/5) = 13.888…
        var difference = Estimate.Combine(0.95, (1, Estimate.Create(70, 2, 10, 0.95)), (-1, Estimate.Create(60, 1, 5, 0.95)));

        difference.Value.Should().Be(10);
        difference.StandardError!.Value.Should().BeApproximately(Math.Sqrt(5), 1e-12);
        difference.DegreesOfFreedom!.Value.Should().BeApproximately(25 / 1.8, 1e-12);
    }

    [Fact]
    public void Coefficients_scale_the_variance_by_their_squares()
    {
        // X = 2P - E: var = 4·SE_P² + SE_E² = 4·1 + 4 = 8; df = 64 / (16/10 + 16/20) = 26.666…
        var score = Estimate.Combine(0.95, (2, Estimate.Create(70, 1, 10, 0.95)), (-1, Estimate.Create(60, 2, 20, 0.95)));

        score.Value.Should().Be(80);
        score.StandardError!.Value.Should().BeApproximately(Math.Sqrt(8), 1e-12);
        score.DegreesOfFreedom!.Value.Should().BeApproximately(64 / 2.4, 1e-12);
    }

    [Fact]
    public void A_combination_with_a_term_of_unknown_uncertainty_keeps_its_value_but_has_no_interval()
    {
        var difference = Estimate.Combine(0.95, (1, Estimate.Create(70, 2, 10, 0.95)), (-1, Estimate.Create(60, null, null, 0.95)));

        difference.Value.Should().Be(10);
        difference.StandardError.Should().BeNull();
        difference.ExcludesZero.Should().BeNull();
    }

    [Fact]
    public void Exact_terms_give_a_point_interval_not_NaN()
    {
        var difference = Estimate.Combine(0.95, (1, Estimate.Create(70, 0, 10, 0.95)), (-1, Estimate.Create(60, 0, 5, 0.95)));

        difference.Low.Should().Be(10);
        difference.High.Should().Be(10);
        difference.ExcludesZero.Should().BeTrue();
    }

    [Theory]
    [InlineData(2.25, 2.3)]
    [InlineData(-2.25, -2.3)]
    [InlineData(72.3333, 72.3)]
    public void Display_rounding_is_half_away_from_zero(double value, double expected)
    {
        Rounding.OneDecimal(value).Should().Be(expected);
    }

    [Theory]
    [InlineData(90.5, 91)]
    [InlineData(-0.5, -1)]
    [InlineData(103.69, 104)]
    public void The_index_rounds_to_a_whole_number_half_away_from_zero(double value, double expected)
    {
        Rounding.Whole(value).Should().Be(expected);
    }
}
