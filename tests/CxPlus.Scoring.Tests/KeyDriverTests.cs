using CxPlus.Scoring.Drivers;
using MathNet.Numerics.LinearAlgebra;

namespace CxPlus.Scoring.Tests;

/// <summary>Issue #14, step 22: relative weights, checked by hand and against ordinary least squares.</summary>
public class KeyDriverTests
{
    private static readonly ScoringSettings Settings = new(minDriverBase: 10);

    private static CrossProducts Sums(IEnumerable<SurveyResponse> responses) => RoleStatistics.From(responses, Settings).Drivers;

    /// <summary>
    /// A full 2⁵ factorial: every factor rated 0 or 10 in every combination, so the factors are
    /// uncorrelated (R_xx = I, Z = I) and each raw weight is the factor's squared correlation with NPS.
    /// NPS = 3·(CBP high) + (EE high): r = 3/√10 and 1/√10, so ε = 0.9 and 0.1, R² = 1.
    /// </summary>
    private static IEnumerable<SurveyResponse> Factorial(Func<int[], int> nps, int copies = 1) =>
        from copy in Enumerable.Range(0, copies)
        from code in Enumerable.Range(0, 32)
        let bits = Enumerable.Range(0, 5).Select(k => (code >> k) & 1).ToArray()
        select new SurveyResponse([.. bits.Select(b => (int?)(10 * b))], nps: nps(bits));

    [Fact]
    public void Uncorrelated_factors_weigh_their_squared_correlation_with_recommendation()
    {
        var drivers = KeyDrivers.Compute(Sums(Factorial(b => 3 * b[0] + b[1])), KeyDrivers.Factors, Settings.MinDriverBase);

        drivers.Reason.Should().BeNull();
        drivers.N.Should().Be(32);
        drivers.RSquared!.Value.Should().BeApproximately(1, 1e-12);
        drivers.Predictors.Select(p => p.RawWeight).Should().Equal([0.9, 0.1, 0, 0, 0], (a, e) => Math.Abs(a - e) < 1e-12);
        drivers.Predictors.Select(p => p.Importance.Value).Should().Equal([90, 10, 0, 0, 0], (a, e) => Math.Abs(a - e) < 1e-9);
        drivers.Predictors[3].Key.Should().Be("lasting_memories");
    }

    /// <summary>Survey-weighted, correlated ratings and noisy recommendation, as fieldwork gives them.</summary>
    private static List<SurveyResponse> Realistic(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ =>
        {
            var mood = random.NextDouble() * 6;
            int Rate(double lean) => Math.Clamp((int)Math.Round(2 + mood + lean * random.NextDouble() * 3), 0, 10);
            int?[] ratings = [Rate(0.5), Rate(1), Rate(1.5), Rate(0.8), Rate(1.2)];
            var nps = Math.Clamp((int)Math.Round(0.5 * ratings[3]!.Value + 0.3 * ratings[1]!.Value + random.NextDouble() * 3), 0, 10);
            return new SurveyResponse(ratings, weight: 0.5 + random.NextDouble() * 1.5, nps: nps);
        })];
    }

    [Fact]
    public void Raw_weights_sum_to_the_R_squared_of_weighted_least_squares_and_importance_to_100()
    {
        var responses = Realistic(400, seed: 7);

        var drivers = KeyDrivers.Compute(Sums(responses), KeyDrivers.Factors, Settings.MinDriverBase);

        // Independently: weighted least squares of NPS on an intercept and the five rescaled factors.
        var x = Matrix<double>.Build.Dense(responses.Count, 6, (i, j) => j == 0 ? 1 : responses[i].Ratings[j - 1]!.Value * 10.0);
        var y = Vector<double>.Build.Dense(responses.Count, i => responses[i].Nps!.Value);
        var w = Matrix<double>.Build.DenseOfDiagonalArray([.. responses.Select(r => r.Weight)]);
        var coefficients = (x.Transpose() * w * x).Solve(x.Transpose() * w * y);
        var residual = y - x * coefficients;
        var mean = responses.Sum(r => r.Weight * r.Nps!.Value) / responses.Sum(r => r.Weight);
        var total = responses.Sum(r => r.Weight * (r.Nps!.Value - mean) * (r.Nps!.Value - mean));
        var explained = 1 - responses.Select((r, i) => r.Weight * residual[i] * residual[i]).Sum() / total;

        drivers.RSquared!.Value.Should().BeApproximately(explained, 1e-9);
        drivers.Predictors.Sum(p => p.RawWeight).Should().BeApproximately(explained, 1e-9);
        drivers.Predictors.Sum(p => p.Importance.Value).Should().BeApproximately(100, 1e-9);
        drivers.Predictors.MaxBy(p => p.Importance.Value)!.Key.Should().Be("lasting_memories", "recommendation was made to lean on it most");
    }

    [Fact]
    public void Below_the_minimum_base_the_weights_are_not_estimable_and_say_why()
    {
        var drivers = KeyDrivers.Compute(Sums(Realistic(40, seed: 1)), KeyDrivers.Factors, minBase: 100);

        drivers.Estimable.Should().BeFalse();
        drivers.RSquared.Should().BeNull();
        drivers.Predictors.Should().BeEmpty();
        drivers.Reason.Should().Be("too few complete respondents: 40 < 100 (customers who rated every factor and answered the recommendation question)");
    }

    [Fact]
    public void Respondents_without_every_factor_or_without_NPS_are_not_counted()
    {
        var complete = Realistic(30, seed: 2);
        SurveyResponse[] partial = [new([5, 6, 7, 8, null], nps: 9), new([5, 6, 7, 8, 9])];

        Sums([.. complete, .. partial]).N.Should().Be(30);
    }

    [Fact]
    public void A_factor_nobody_varied_on_makes_the_matrix_singular()
    {
        var constant = Realistic(200, seed: 3).Select(r => new SurveyResponse([r.Ratings[0], r.Ratings[1], 7, r.Ratings[3], r.Ratings[4]], r.Weight, r.Nps)).ToList();

        var drivers = KeyDrivers.Compute(Sums(constant), KeyDrivers.Factors, Settings.MinDriverBase);

        drivers.Estimable.Should().BeFalse();
        drivers.Reason.Should().Contain("Empowered Customers the same rating");
    }

    [Fact]
    public void Two_factors_rated_identically_make_the_matrix_singular()
    {
        var twins = Realistic(200, seed: 4).Select(r => new SurveyResponse([r.Ratings[0], r.Ratings[1], r.Ratings[2], r.Ratings[3], r.Ratings[3]], r.Weight, r.Nps)).ToList();

        KeyDrivers.Compute(Sums(twins), KeyDrivers.Factors, Settings.MinDriverBase).Reason.Should().Contain("linearly dependent");
    }

    private static List<(double[] Values, double Weight)> Rows(IEnumerable<SurveyResponse> responses) =>
        [.. responses.Select(r => (Values: (double[])[.. r.Ratings.Select(x => x!.Value * 10.0), r.Nps!.Value], r.Weight))];

    [Fact]
    public void The_bootstrap_interval_is_the_same_on_every_run_and_brackets_the_importance()
    {
        var rows = Rows(Realistic(400, seed: 5));
        var seed = KeyDrivers.SeedOf("Retail Banking", "2026-Q3", "Bank A");

        var first = KeyDrivers.Bootstrap(rows, KeyDrivers.Factors, 100, 400, 0.95, seed);
        var second = KeyDrivers.Bootstrap(rows, KeyDrivers.Factors, 100, 400, 0.95, seed);
        var other = KeyDrivers.Bootstrap(rows, KeyDrivers.Factors, 100, 400, 0.95, KeyDrivers.SeedOf("Retail Banking", "2026-Q3", "Bank B"));

        first.Bootstrapped.Should().BeTrue();
        first.Predictors.Select(p => (p.Importance.Low, p.Importance.High)).Should().Equal(second.Predictors.Select(p => (p.Importance.Low, p.Importance.High)));
        first.Predictors.Select(p => p.Importance.Low).Should().NotEqual(other.Predictors.Select(p => p.Importance.Low), "another seed draws other resamples");
        first.Predictors.Should().OnlyContain(p => p.Importance.Low < p.Importance.High && p.Importance.Low >= 0 && p.Importance.High <= 100);
        first.Predictors.Select(p => p.Importance.Value)
            .Should().Equal(KeyDrivers.Compute(Sums(Realistic(400, seed: 5)), KeyDrivers.Factors, 100).Predictors.Select(p => p.Importance.Value),
                (a, e) => Math.Abs(a - e) < 1e-9, "the point estimate is the full sample's, from raw rows or from sums alike");
    }

    [Fact]
    public void Seeds_follow_the_name_rule_and_are_stable()
    {
        KeyDrivers.SeedOf("Retail Banking", "2026-Q3", "Bank A").Should().Be(KeyDrivers.SeedOf("retail banking", "2026-q3", " Bank A "));
        KeyDrivers.SeedOf("Retail Banking", "2026-Q3", null).Should().NotBe(KeyDrivers.SeedOf("Retail Banking", "2026-Q3", "Bank A"));
        // FNV-1a of fixed text: a change here would change every published interval.
        KeyDrivers.SeedOf("a").Should().Be(841276233).And.Be(KeyDrivers.SeedOf("A"));
    }

    [Fact]
    public void A_bootstrap_of_groups_of_one_respondent_is_the_bootstrap_of_respondents_widened_by_the_small_sample_factor()
    {
        // One stratum whose groups are the respondents in order: each resample draws as many groups
        // as there are, with the same generator, so the two draw the same resamples; the groups'
        // interval is then widened around the estimate by sqrt(K/(K − 1))·t(0.975, K − 1)/z(0.975), K = 450.
        var rows = Rows(Realistic(450, seed: 11));
        var seed = KeyDrivers.SeedOf("S", "W", "B");
        IReadOnlyList<CrossProducts> singletons = [.. rows.Select(r => { var sums = new double[CrossProducts.LengthFor(6)]; CrossProducts.Accumulate(sums, r.Values, r.Weight); return new CrossProducts(6, sums); })];

        var byGroups = KeyDrivers.GroupBootstrap([singletons], KeyDrivers.Factors, 100, 400, 0.95, seed);
        var byRespondents = KeyDrivers.Bootstrap(rows, KeyDrivers.Factors, 100, 400, 0.95, seed);

        var f = Math.Sqrt(450.0 / 449) * MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 449, 0.975) / MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.975);
        byGroups.Bootstrapped.Should().BeTrue();
        foreach (var (g, r) in byGroups.Predictors.Zip(byRespondents.Predictors))
        {
            var v = r.Importance.Value;
            g.Importance.Value.Should().BeApproximately(v, 1e-9);
            g.Importance.Low!.Value.Should().BeApproximately(v - f * (v - r.Importance.Low!.Value), 1e-9);
            g.Importance.High!.Value.Should().BeApproximately(v + f * (r.Importance.High!.Value - v), 1e-9);
        }
    }

    [Fact]
    public void A_bootstrap_of_groups_keeps_the_point_estimate_of_all_respondents_resamples_within_each_stratum_and_repeats_exactly()
    {
        // Two brands (strata) of 4,000 customers in 64 groups each, by the respondent ids' hash.
        var strata = new[] { Realistic(4000, seed: 1), Realistic(4000, seed: 2) }.Select(responses =>
        {
            var builder = new DriverGroupsBuilder(Settings);
            for (var i = 0; i < responses.Count; i++) builder.Add($"r{i}", [.. responses[i].Ratings], [], responses[i].Weight, responses[i].Nps);
            return (IReadOnlyList<CrossProducts>)[.. builder.Build().OrderBy(g => g.Key).Select(g => g.Value.Factors)];
        }).ToArray();
        var all = Sums(Realistic(4000, seed: 1).Concat(Realistic(4000, seed: 2)));

        var first = KeyDrivers.GroupBootstrap(strata, KeyDrivers.Factors, 100, 400, 0.95, seed: 5);
        var again = KeyDrivers.GroupBootstrap(strata, KeyDrivers.Factors, 100, 400, 0.95, seed: 5);

        strata.Should().OnlyContain(s => s.Count == RespondentGroups.Count);
        first.N.Should().Be(8000);
        first.Predictors.Select(p => p.Importance.Value).Should().Equal(KeyDrivers.Compute(all, KeyDrivers.Factors, 100).Predictors.Select(p => p.Importance.Value),
            (a, e) => Math.Abs(a - e) < 1e-9, "the point estimate is that of every respondent");
        first.Predictors.Should().OnlyContain(p => p.Importance.Low < p.Importance.Value && p.Importance.Value < p.Importance.High);
        first.Predictors.Select(p => (p.Importance.Low, p.Importance.High)).Should().Equal(again.Predictors.Select(p => (p.Importance.Low, p.Importance.High)));
    }

    [Fact]
    public void Respondent_ids_spread_evenly_over_the_groups_whatever_their_pattern()
    {
        foreach (var pattern in new Func<int, string>[] { i => $"r{i}", i => i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), i => $"NL-2026-{i:X5}" })
        {
            var counts = new int[RespondentGroups.Count];
            for (var i = 0; i < 64_000; i++) counts[RespondentGroups.Of(pattern(i))]++;

            // 1,000 expected in each: a multinomial's SD is about 31, so 850-1150 is nearly five SDs either way.
            counts.Should().OnlyContain(c => c >= 850 && c <= 1150, pattern(7));
        }
        RespondentGroups.Of("r42").Should().Be(RespondentGroups.Of("r42"));
    }

    [Fact]
    public void A_cancelled_bootstrap_stops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => KeyDrivers.Bootstrap(Rows(Realistic(450, seed: 3)), KeyDrivers.Factors, 100, 400, 0.95, 1, cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
    }
}
