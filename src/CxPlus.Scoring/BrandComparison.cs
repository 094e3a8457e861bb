namespace CxPlus.Scoring;

/// <summary>
/// Step 21: one difference between two brands, <c>a - b</c>, with SE, Welch df and its unadjusted
/// interval (steps 11–12), its p-value (as step 17) and (v3) its Benjamini–Hochberg q-value over
/// every difference on the compare screen.
/// </summary>
/// <param name="Estimate">The difference with its interval.</param>
/// <param name="PValue">Two-sided p-value; null when the SE is not estimable.</param>
/// <param name="QValue">Adjusted over the screen's family of differences; null without a p-value.</param>
/// <param name="Significant"><c>q ≤ alpha</c>; null without a q-value.</param>
public sealed record Difference(Estimate Estimate, double? PValue, double? QValue, bool? Significant);

/// <summary>Step 21 for one success factor: the difference of the two brands' customers' factor scores.</summary>
/// <param name="Factor">The factor.</param>
/// <param name="Customers">Difference of customers' factor scores; null when either brand has none.</param>
public sealed record FactorDifference(SuccessFactor Factor, Difference? Customers);

/// <summary>
/// Step 21: brand <see cref="First"/> minus brand <see cref="Second"/> in one wave, for X, P, E,
/// G and each factor score (the brands being independent samples: coefficients +1, −1). These
/// nine differences of every pair compared on one screen form one family (v3): a difference is
/// significant when its Benjamini–Hochberg q-value is at most alpha, so that comparing many
/// measures does not by itself turn up significant differences.
/// </summary>
/// <param name="First">The brand whose numbers come first.</param>
/// <param name="Second">The brand subtracted.</param>
/// <param name="Score"><c>X_a - X_b</c>; null when either X is missing.</param>
/// <param name="Performance"><c>P_a - P_b</c>.</param>
/// <param name="Expectation"><c>E_a - E_b</c>.</param>
/// <param name="Gap"><c>G_a - G_b</c>.</param>
/// <param name="Factors">Per factor, in factor order.</param>
public sealed record BrandComparison(
    string First,
    string Second,
    Difference? Score,
    Difference? Performance,
    Difference? Expectation,
    Difference? Gap,
    IReadOnlyList<FactorDifference> Factors)
{
    /// <summary>
    /// Every pair of <paramref name="brands"/> in the order given (first − second), with the
    /// Benjamini–Hochberg adjustment over all their differences together: one compare screen.
    /// </summary>
    public static IReadOnlyList<BrandComparison> Screen(IReadOnlyList<BrandResult> brands, ScoringSettings settings)
    {
        var level = settings.ConfidenceLevel;
        var pairs = new List<(BrandResult First, BrandResult Second, Estimate?[] Estimates)>();
        for (var i = 0; i < brands.Count; i++)
            for (var j = i + 1; j < brands.Count; j++)
                pairs.Add((brands[i], brands[j], Differences(brands[i], brands[j], level)));

        var q = FalseDiscoveryRate.Adjust([.. pairs.SelectMany(p => p.Estimates.Select(e => e?.PValue))]);
        var alpha = 1 - level;
        var next = 0;
        return [.. pairs.Select(pair =>
        {
            var d = pair.Estimates.Select(e =>
            {
                var qi = q[next++];
                return e is null ? null : new Difference(e, e.PValue, qi, qi is { } x ? x <= alpha : null);
            }).ToArray();
            return new BrandComparison(pair.First.Brand, pair.Second.Brand, d[0], d[1], d[2], d[3],
                [.. SuccessFactors.All.Select(f => new FactorDifference(f, d[4 + (int)f]))]);
        })];
    }

    /// <summary>Two brands alone on the screen: their nine differences as one family.</summary>
    public static BrandComparison Between(BrandResult first, BrandResult second, ScoringSettings settings) =>
        Screen([first, second], settings)[0];

    /// <summary>X, P, E, G, then the five factor scores: first minus second.</summary>
    private static Estimate?[] Differences(BrandResult first, BrandResult second, double level)
    {
        Estimate? Minus(Estimate? a, Estimate? b) => a is not null && b is not null ? Estimate.Combine(level, (1, a), (-1, b)) : null;
        return
        [
            Minus(first.Score, second.Score),
            Minus(first.Performance, second.Performance),
            Minus(first.Expectation, second.Expectation),
            Minus(first.Gap, second.Gap),
            .. SuccessFactors.All.Select(f => Minus(first.Customers[f].Score, second.Customers[f].Score)),
        ];
    }
}
