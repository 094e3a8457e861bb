namespace CxPlus.Scoring;

/// <summary>Step 21 for one success factor: differences of the two brands' factor scores and factor gaps.</summary>
/// <param name="Factor">The factor.</param>
/// <param name="Customers">Difference of customers' factor scores; null when either brand has none.</param>
/// <param name="Prospects">Difference of prospects' factor scores; null when either brand has none.</param>
/// <param name="Gap">Difference of the factor gaps; null when either brand has none.</param>
public sealed record FactorDifference(SuccessFactor Factor, Estimate? Customers, Estimate? Prospects, Estimate? Gap);

/// <summary>
/// Step 21: brand <see cref="First"/> minus brand <see cref="Second"/> in one wave, for X, P, E,
/// G and each factor, each with SE, Welch df and interval (steps 11–12; coefficients +1, −1, the
/// brands being independent samples). A difference is significant when its interval excludes 0.
/// These are not adjusted for multiple comparisons: comparing many pairs or measures, some will
/// look significant by chance, and every screen that shows them says so.
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
    Estimate? Score,
    Estimate? Performance,
    Estimate? Expectation,
    Estimate? Gap,
    IReadOnlyList<FactorDifference> Factors)
{
    /// <summary>Compares two brands' results computed under the same settings.</summary>
    public static BrandComparison Between(BrandResult first, BrandResult second, ScoringSettings settings)
    {
        var level = settings.ConfidenceLevel;
        Estimate? Minus(Estimate? a, Estimate? b) => a is not null && b is not null ? Estimate.Combine(level, (1, a), (-1, b)) : null;
        return new BrandComparison(
            first.Brand, second.Brand,
            Minus(first.Score, second.Score),
            Minus(first.Performance, second.Performance),
            Minus(first.Expectation, second.Expectation),
            Minus(first.Gap, second.Gap),
            [.. SuccessFactors.All.Select(f => new FactorDifference(f,
                Minus(first.FactorGaps[(int)f].Customer, second.FactorGaps[(int)f].Customer),
                Minus(first.FactorGaps[(int)f].Prospect, second.FactorGaps[(int)f].Prospect),
                Minus(first.FactorGaps[(int)f].Gap, second.FactorGaps[(int)f].Gap)))]);
    }
}
