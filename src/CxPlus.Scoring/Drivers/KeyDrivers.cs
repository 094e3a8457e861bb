using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace CxPlus.Scoring.Drivers;

/// <summary>Why key drivers cannot be estimated, as data (the edges write it in the reader's language; <see cref="DriverResult.Reason"/> is the English for files).</summary>
public enum DriverIssue
{
    /// <summary>Fewer complete respondents than the minimum base.</summary>
    TooFew,
    /// <summary>Every respondent gave one predictor the same rating.</summary>
    SameRating,
    /// <summary>Every respondent gave the same recommendation answer.</summary>
    SameRecommendation,
    /// <summary>The ratings are linearly dependent.</summary>
    Dependent,
    /// <summary>Recommendation does not vary with the ratings (R² = 0).</summary>
    NoExplanation,
    /// <summary>The brand has no customer responses at all (a prospects-only brand).</summary>
    NoCustomers,
}

/// <param name="Issue">What is wrong.</param>
/// <param name="N">Complete respondents (for <see cref="DriverIssue.TooFew"/>).</param>
/// <param name="Minimum">The base they fall short of.</param>
/// <param name="Predictor">The predictor every respondent rated alike (for <see cref="DriverIssue.SameRating"/>).</param>
/// <param name="Pillars">Whether the predictors are the six pillars rather than the five factors.</param>
public sealed record DriverProblem(DriverIssue Issue, long N = 0, int Minimum = 0, Predictor? Predictor = null, bool Pillars = false);

/// <summary>One predictor's share of what explains recommendation.</summary>
/// <param name="Key">The predictor's column key, e.g. <c>lasting_memories</c>.</param>
/// <param name="Name">Its display name.</param>
/// <param name="RawWeight">Step 22's <c>ε_k</c>; the raw weights sum to R².</param>
/// <param name="Importance"><c>100·ε_k / R²</c> (%), with the bootstrap's percentile interval when one was computed.</param>
public sealed record DriverImportance(string Key, string Name, double RawWeight, Estimate Importance);

/// <summary>
/// Step 22 for one brand (or a sector pooled) in one wave: relative weights of the predictors for
/// recommendation, or the reason they cannot be estimated.
/// </summary>
/// <param name="N">Complete respondents (every predictor rated and recommendation answered).</param>
/// <param name="RSquared">R² of the least-squares regression of recommendation on the predictors; null when not estimable.</param>
/// <param name="Reason">Why the weights cannot be estimated, in words; null when they can.</param>
/// <param name="Predictors">The predictors in their order, with importance; empty when not estimable.</param>
/// <param name="Bootstrapped">Whether the importances carry the bootstrap interval.</param>
/// <param name="Problem">Why the weights cannot be estimated, as data; null when they can.</param>
/// <param name="IndicativeBelow">(v3) Set to the base an interval needs (<c>minDriverIntervalBase</c>) when the weights are estimable from fewer complete respondents: then they are indicative and carry no interval.</param>
public sealed record DriverResult(long N, double? RSquared, string? Reason, IReadOnlyList<DriverImportance> Predictors, bool Bootstrapped = false,
    int? IndicativeBelow = null, DriverProblem? Problem = null)
{
    /// <summary>Whether the weights could be estimated.</summary>
    public bool Estimable => RSquared is not null;

    /// <summary>
    /// Step 22 (v3): estimable, but from fewer than <c>minDriverIntervalBase</c> complete
    /// respondents, where bootstrap intervals do not hold their confidence: shown as indicative,
    /// without an interval.
    /// </summary>
    public bool Indicative => Estimable && IndicativeBelow is not null;

    /// <summary>Why the importances are indicative, in words; null when they are not.</summary>
    public string? IndicativeReason => Indicative
        ? string.Create(CultureInfo.InvariantCulture, $"indicative: {N:#,0} complete respondents; an interval needs at least {IndicativeBelow:#,0}")
        : null;
}

/// <summary>A predictor: its column key and display name.</summary>
public readonly record struct Predictor(string Key, string Name);

/// <summary>
/// Step 22: Johnson's (2000) relative weights. From the weighted correlation matrix <c>R_xx</c> of
/// the predictors and their correlations <c>r_xy</c> with recommendation: <c>R_xx = VΛV'</c>,
/// <c>Z = VΛ^½V'</c>, <c>β = Z⁻¹r_xy</c>, <c>ε_k = Σ_j Z_kj²β_j²</c>, <c>R² = Σε</c>, importance
/// <c>100·ε_k/R²</c>. Intervals by a seeded bootstrap of respondents (percentile method).
/// </summary>
public static class KeyDrivers
{
    /// <summary>Bootstrap resamples (step 22).</summary>
    public const int Resamples = 1000;

    /// <summary>The CX+ success factors as predictors.</summary>
    public static IReadOnlyList<Predictor> Factors { get; } = [.. SuccessFactors.All.Select(f => new Predictor(f.Key(), f.DisplayName()))];

    // Below this, relative to the largest eigenvalue, R_xx counts as singular: rounding, not information.
    private const double SingularTolerance = 1e-10;

    /// <summary>
    /// Relative weights from the sums; the importances have no interval (see <see cref="Bootstrap"/>).
    /// With fewer than <paramref name="minIntervalBase"/> complete respondents they are marked indicative (step 22, v3).
    /// </summary>
    public static DriverResult Compute(CrossProducts sums, IReadOnlyList<Predictor> predictors, int minBase, int minIntervalBase = 0)
    {
        if (sums.Variables != predictors.Count + 1)
            throw new ArgumentException($"{predictors.Count} predictors and the outcome need {predictors.Count + 1} variables; the sums have {sums.Variables}.");
        var pillars = predictors.Count != SuccessFactors.Count;
        if (sums.N < minBase)
            return NotEstimable(sums.N, string.Create(CultureInfo.InvariantCulture,
                $"too few complete respondents: {sums.N} < {minBase} (customers who rated every {(pillars ? "pillar" : "factor")} and answered the recommendation question)"),
                new DriverProblem(DriverIssue.TooFew, sums.N, minBase, Pillars: pillars));
        return Weights(sums, predictors, out var reason, out var problem) is { } weights
            ? Result(sums.N, weights, predictors) with { IndicativeBelow = sums.N < minIntervalBase ? minIntervalBase : null }
            : NotEstimable(sums.N, reason!, problem);
    }

    /// <summary>
    /// From this many complete respondents the interval comes from <see cref="GroupBootstrap"/>,
    /// whose work does not grow with the respondents; below it, from <see cref="Bootstrap"/>.
    /// </summary>
    public const int GroupBootstrapFrom = 20_000;

    /// <summary>
    /// Step 22 with intervals: the weights of all <paramref name="rows"/> (each the predictors then
    /// the outcome, with its survey weight) and a percentile interval for each importance from
    /// <see cref="Resamples"/> resamples of the respondents drawn with <paramref name="seed"/>; the
    /// same rows in the same order and the same seed always give the same intervals. Below
    /// <paramref name="minIntervalBase"/> rows nothing is drawn: the weights are indicative (v3).
    /// </summary>
    public static DriverResult Bootstrap(IReadOnlyList<(double[] Values, double Weight)> rows, IReadOnlyList<Predictor> predictors,
        int minBase, int minIntervalBase, double confidenceLevel, int seed, CancellationToken ct = default)
    {
        var p = predictors.Count + 1;
        var all = new double[CrossProducts.LengthFor(p)];
        foreach (var (values, weight) in rows) CrossProducts.Accumulate(all, values, weight);
        var point = Compute(new CrossProducts(p, all), predictors, minBase, minIntervalBase);
        if (!point.Estimable || point.Indicative) return point;

        var random = new Random(seed);
        var sums = new double[all.Length];
        return WithIntervals(point, predictors, confidenceLevel, ct, () =>
        {
            Array.Clear(sums);
            for (var i = 0; i < rows.Count; i++)
            {
                var (values, weight) = rows[random.Next(rows.Count)];
                CrossProducts.Accumulate(sums, values, weight);
            }
            return new CrossProducts(p, sums);
        });
    }

    /// <summary>
    /// Step 22 with intervals for large bases: the respondents come as random groups (each
    /// respondent in one group by a hash of its id, <see cref="RespondentGroups"/>) whose
    /// cross-product sums the store keeps, and each resample draws groups with replacement within
    /// each stratum (a brand, for a sector's pooled drivers), as many as the stratum has. The
    /// weights of the resample come from the summed cross-products, so the work grows with the
    /// groups, never with the respondents. The point estimate is that of all respondents, exactly
    /// as <see cref="Compute"/> gives it.
    /// </summary>
    /// <param name="strata">Each stratum's groups (empty groups may be left out).</param>
    /// <param name="predictors">The predictors, in the order of the sums.</param>
    /// <param name="minBase">Complete respondents the weights need at all.</param>
    /// <param name="minIntervalBase">Complete respondents an interval needs (v3).</param>
    /// <param name="confidenceLevel">Of the percentile interval.</param>
    /// <param name="seed">The resamples' seed: the same groups and seed always give the same intervals.</param>
    /// <param name="ct">Stops the resampling.</param>
    public static DriverResult GroupBootstrap(IReadOnlyList<IReadOnlyList<CrossProducts>> strata, IReadOnlyList<Predictor> predictors,
        int minBase, int minIntervalBase, double confidenceLevel, int seed, CancellationToken ct = default)
    {
        var p = predictors.Count + 1;
        var length = CrossProducts.LengthFor(p);
        var all = new double[length];
        foreach (var group in strata.SelectMany(s => s)) Add(all, group, p);
        var point = Compute(new CrossProducts(p, all), predictors, minBase, minIntervalBase);
        if (!point.Estimable || point.Indicative) return point;

        var random = new Random(seed);
        var sums = new double[length];
        return WithIntervals(point, predictors, confidenceLevel, ct, () =>
        {
            Array.Clear(sums);
            foreach (var stratum in strata)
                for (var i = 0; i < stratum.Count; i++) Add(sums, stratum[random.Next(stratum.Count)], p);
            return new CrossProducts(p, sums);
        }, SmallSampleFactor(strata, confidenceLevel));
    }

    /// <summary>
    /// How much wider than drawn a bootstrap of K groups (per stratum) must be: resampling K groups
    /// gives (K − 1)/K of the variance, and a variance from K groups carries about Σ(K − 1) degrees
    /// of freedom, so the interval is widened by <c>sqrt(K/(K − 1))·t(1 − α/2, Σ(K − 1))/z(1 − α/2)</c>
    /// around the estimate (K the strata's mean group count): 1.027 for one brand's 64 groups, about
    /// 1.008 for a sector's thousands. Without it, 64 groups covered 93.9 % in simulation; with it, 94.9 %
    /// (docs/methodology.md).
    /// </summary>
    private static double SmallSampleFactor(IReadOnlyList<IReadOnlyList<CrossProducts>> strata, double confidenceLevel)
    {
        var counted = strata.Where(s => s.Count > 1).ToArray();
        if (counted.Length == 0) return 1;
        var k = counted.Average(s => s.Count);
        var df = counted.Sum(s => s.Count - 1.0);
        var q = 1 - (1 - confidenceLevel) / 2;
        return Math.Sqrt(k / (k - 1)) * Estimate.TQuantile(q, df) / Normal.InvCDF(0, 1, q);
    }

    private static void Add(double[] sums, CrossProducts group, int variables)
    {
        if (group.Variables != variables) throw new ArgumentException($"A group has {group.Variables} variables; {variables} are needed.");
        var g = group.Sums;
        for (var k = 0; k < sums.Length; k++) sums[k] += g[k];
    }

    /// <summary>
    /// The percentile interval of each importance over <see cref="Resamples"/> resamples drawn by
    /// <paramref name="resample"/>; a resample in which some predictor did not vary says nothing
    /// about the weights and is left out. Stops, throwing, when <paramref name="ct"/> is cancelled.
    /// </summary>
    private static DriverResult WithIntervals(DriverResult point, IReadOnlyList<Predictor> predictors, double confidenceLevel,
        CancellationToken ct, Func<CrossProducts> resample, double widen = 1)
    {
        var draws = Enumerable.Range(0, predictors.Count).Select(_ => new List<double>(Resamples)).ToArray();
        for (var b = 0; b < Resamples; b++)
        {
            ct.ThrowIfCancellationRequested();
            if (Weights(resample(), predictors, out _, out _) is not { } weights) continue;
            var r2 = weights.Sum();
            for (var k = 0; k < weights.Length; k++) draws[k].Add(100 * weights[k] / r2);
        }
        var alpha = 1 - confidenceLevel;
        var withIntervals = point.Predictors.Select((d, k) =>
        {
            if (draws[k].Count < 2) return d;
            var sorted = draws[k].Order().ToArray();
            var low = SortedArrayStatistics.QuantileCustom(sorted, alpha / 2, QuantileDefinition.R7);
            var high = SortedArrayStatistics.QuantileCustom(sorted, 1 - alpha / 2, QuantileDefinition.R7);
            // The percentile interval as drawn (the bootstrap's SD as its SE), not forced around the point;
            // a group bootstrap's widened around the estimate by its small-sample factor.
            var v = d.Importance.Value;
            if (widen != 1) (low, high) = (v - widen * (v - low), v + widen * (high - v));
            return d with { Importance = Estimate.WithInterval(v, widen * StandardDeviationOf(sorted), sorted.Length - 1, low, high) };
        }).ToArray();
        return point with { Predictors = withIntervals, Bootstrapped = true };
    }

    /// <summary>A seed from names (by <see cref="Names.Key"/>), the same on every machine and run (FNV-1a).</summary>
    public static int SeedOf(params string?[] names)
    {
        var hash = 2166136261u;
        foreach (var name in names)
        {
            foreach (var c in (name is null ? "" : Names.Key(name)) + "\u001f")
            {
                hash ^= c;
                hash *= 16777619u;
            }
        }
        return unchecked((int)hash);
    }

    private static double StandardDeviationOf(double[] values) => values.Length < 2 ? 0 : Statistics.StandardDeviation(values);

    private static DriverResult NotEstimable(long n, string reason, DriverProblem? problem) => new(n, null, reason, [], Problem: problem);

    private static DriverResult Result(long n, double[] weights, IReadOnlyList<Predictor> predictors)
    {
        var r2 = weights.Sum();
        return new DriverResult(n, r2, null, [.. predictors.Select((p, k) =>
            new DriverImportance(p.Key, p.Name, weights[k], Estimate.Create(100 * weights[k] / r2, null, null, 0.95)))]);
    }

    /// <summary>The raw weights <c>ε</c>, or null with the reason when <c>R_xx</c> is singular or nothing is explained.</summary>
    private static double[]? Weights(CrossProducts sums, IReadOnlyList<Predictor> predictors, out string? reason, out DriverProblem? problem)
    {
        (reason, problem) = (null, null);
        var c = sums.Covariance()!;
        var p = predictors.Count;
        var sd = new double[p + 1];
        for (var i = 0; i <= p; i++)
        {
            var mean = sums.Sums[2 + i] / sums.SumW;
            // The covariance comes from Σw·v² / Σw − mean², which cancels: a variance within rounding of 0 is 0.
            var variance = c[i, i] <= 1e-12 * (1 + mean * mean) ? 0 : c[i, i];
            if (variance == 0)
            {
                reason = i < p
                    ? $"not estimable: every respondent gave {predictors[i].Name} the same rating, so its weight cannot be told apart"
                    : "not estimable: every respondent gave the same recommendation answer";
                problem = i < p ? new DriverProblem(DriverIssue.SameRating, Predictor: predictors[i]) : new DriverProblem(DriverIssue.SameRecommendation);
                return null;
            }
            sd[i] = Math.Sqrt(variance);
        }
        var rxx = Matrix<double>.Build.Dense(p, p, (i, j) => c[i, j] / (sd[i] * sd[j]));
        var rxy = Vector<double>.Build.Dense(p, i => c[i, p] / (sd[i] * sd[p]));
        var evd = rxx.Evd(Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Select(e => e.Real).ToArray();
        if (lambda.Min() <= SingularTolerance * lambda.Max())
        {
            reason = "not estimable: the ratings are linearly dependent (one is a fixed combination of the others)";
            problem = new DriverProblem(DriverIssue.Dependent);
            return null;
        }
        var v = evd.EigenVectors;
        var z = v * Matrix<double>.Build.DenseOfDiagonalArray([.. lambda.Select(Math.Sqrt)]) * v.Transpose();
        var zInverse = v * Matrix<double>.Build.DenseOfDiagonalArray([.. lambda.Select(l => 1 / Math.Sqrt(l))]) * v.Transpose();
        var beta = zInverse * rxy;
        var epsilon = new double[p];
        for (var k = 0; k < p; k++)
            for (var j = 0; j < p; j++) epsilon[k] += z[k, j] * z[k, j] * beta[j] * beta[j];
        if (!(epsilon.Sum() > 1e-12))
        {
            reason = "not estimable: recommendation does not vary with the ratings (R² = 0)";
            problem = new DriverProblem(DriverIssue.NoExplanation);
            return null;
        }
        return epsilon;
    }
}
