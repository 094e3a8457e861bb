namespace CxPlus.Scoring;

/// <summary>
/// Sufficient statistics of a weighted mean of values <c>y_i</c> with weights <c>w_i</c>:
/// <c>n</c>, <c>Σw</c>, <c>Σw²</c>, <c>Σw·y</c>, <c>Σw²·y</c>, <c>Σw²·y²</c>. From these alone come the
/// mean (steps 4–5), the effective base (step 6) and the standard error (step 7). Sums add, so
/// partial sums from any split of the respondents merge into the sums of the whole.
/// </summary>
/// <param name="N">Number of values.</param>
/// <param name="SumW">Σw.</param>
/// <param name="SumW2">Σw².</param>
/// <param name="SumWY">Σw·y.</param>
/// <param name="SumW2Y">Σw²·y.</param>
/// <param name="SumW2Y2">Σw²·y².</param>
public readonly record struct WeightedSums(long N, double SumW, double SumW2, double SumWY, double SumW2Y, double SumW2Y2)
{
    private const double UnitRoundoff = 1.1102230246251565e-16; // 2^-53

    /// <summary>These sums with one more value <paramref name="y"/> of weight <paramref name="w"/>.</summary>
    public WeightedSums Add(double y, double w)
    {
        var w2 = w * w;
        return new(N + 1, SumW + w, SumW2 + w2, SumWY + w * y, SumW2Y + w2 * y, SumW2Y2 + w2 * y * y);
    }

    /// <summary>The sums of the union of two disjoint sets of values.</summary>
    public static WeightedSums operator +(WeightedSums a, WeightedSums b) =>
        new(a.N + b.N, a.SumW + b.SumW, a.SumW2 + b.SumW2, a.SumWY + b.SumWY, a.SumW2Y + b.SumW2Y, a.SumW2Y2 + b.SumW2Y2);

    /// <summary>The sums of <paramref name="a"/> without the values of <paramref name="b"/> (an undone import).</summary>
    public static WeightedSums operator -(WeightedSums a, WeightedSums b) =>
        new(a.N - b.N, a.SumW - b.SumW, a.SumW2 - b.SumW2, a.SumWY - b.SumWY, a.SumW2Y - b.SumW2Y, a.SumW2Y2 - b.SumW2Y2);

    /// <summary>Steps 4–5: the weighted mean <c>Σw·y / Σw</c>; null when there are no values.</summary>
    public double? Mean => N > 0 && SumW > 0 ? SumWY / SumW : null;

    /// <summary>Step 6: effective base <c>(Σw)² / Σw²</c>; null when there are no values.</summary>
    public double? EffectiveBase => N > 0 && SumW2 > 0 ? SumW * SumW / SumW2 : null;

    /// <summary>
    /// Step 7: <c>SE = sqrt(n/(n-1) · Σw²(y-M)²) / Σw</c>, expanding
    /// <c>Σw²(y-M)² = Σw²y² - 2M·Σw²y + M²·Σw²</c>; null when <c>n &lt; 2</c>.
    /// </summary>
    public double? StandardError
    {
        get
        {
            if (N < 2 || Mean is not { } m) return null;
            var squares = SumW2Y2 - 2 * m * SumW2Y + m * m * SumW2;
            // The expansion cancels: what is left within its own rounding error (a few units of
            // the last place of its terms, per respondent summed) is noise, not spread. It counts
            // as 0, so that identical values have an SE of exactly 0 whatever their weights, and
            // multiplying every weight by a constant cannot turn that 0 into a tiny positive SE.
            var roundingError = 8 * N * UnitRoundoff * (SumW2Y2 + m * m * SumW2);
            if (squares <= roundingError) squares = 0;
            return Math.Sqrt(N / (N - 1.0) * squares) / SumW;
        }
    }

    /// <summary>
    /// Step 7 (v3): Kish's degrees of freedom <c>n_eff - 1</c>, which is <c>n - 1</c> for equal
    /// weights (an effective base within rounding of <c>n</c> counts as <c>n</c>); null when the
    /// effective base is below 2, as with one respondent: the mean then has no SE or interval
    /// (two respondents, one weighing a thousand times the other, are one respondent's worth).
    /// </summary>
    public double? DegreesOfFreedom
    {
        get
        {
            if (N < 2 || EffectiveBase is not { } effective) return null;
            var df = (N - effective <= 1e-9 * N ? N : effective) - 1;
            return df >= 1 ? df : null;
        }
    }

    /// <summary>The mean with its standard error and interval at <paramref name="confidenceLevel"/>; null when there are no values.</summary>
    public Estimate? ToEstimate(double confidenceLevel) =>
        Mean is { } m ? Estimate.Create(m, StandardError, DegreesOfFreedom, confidenceLevel) : null;
}
