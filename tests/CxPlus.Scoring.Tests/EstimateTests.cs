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
    public void Student_t_quantiles_agree_with_the_closed_forms_and_with_mathnet_to_the_last_digits()
    {
        // Closed forms: df 1 is Cauchy, t = tan(π(p − ½)); df 2, t = (2p − 1)·sqrt(2 / (4p(1 − p))).
        foreach (var p in new[] { 0.6, 0.9, 0.975, 0.995, 0.99987, 0.9999999 })
        {
            Estimate.TQuantile(p, 1).Should().BeApproximately(Math.Tan(Math.PI * (p - 0.5)), 1e-9 * Math.Tan(Math.PI * (p - 0.5)), $"df 1, p {p}");
            var two = (2 * p - 1) * Math.Sqrt(2 / (4 * p * (1 - p)));
            Estimate.TQuantile(p, 2).Should().BeApproximately(two, 1e-9 * two, $"df 2, p {p}");
            Estimate.TQuantile(1 - p, 2).Should().BeApproximately(-two, 1e-9 * two, "symmetric");
        }
        // Against MathNet's root search (itself good to about 1e-11 up to 1e5 degrees of freedom) over
        // the dfs and levels the product uses.
        foreach (var df in new[] { 1.3, 3, 4.355, 9.7, 49, 99, 399.5, 999.9, 1000, 1234.5, 1e5 })
            foreach (var p in new[] { 0.55, 0.95, 0.975, 0.995, 0.9999, 1 - 0.05 / 398 })
            {
                double expected;
                try { expected = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, p); }
                catch (MathNet.Numerics.NonConvergenceException) { continue; }
                Estimate.TQuantile(p, df).Should().BeApproximately(expected, 1e-9 * expected, $"df {df}, p {p}");
            }
        Estimate.TQuantile(0.5, 7).Should().Be(0);
        // Far out, t(p, df) = z + (z³ + z)/(4 df) + …: above the normal quantile and within a hair of it
        // (MathNet's search returns a value below z at 1e7, which cannot be).
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.55);
        Estimate.TQuantile(0.55, 1e7).Should().BeApproximately(z + (z * z * z + z) / 4e7, 1e-15);
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
