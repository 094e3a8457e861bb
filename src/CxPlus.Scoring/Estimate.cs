using MathNet.Numerics.Distributions;

namespace CxPlus.Scoring;

/// <summary>
/// A point estimate with its standard error, degrees of freedom and confidence interval
/// (step 12: <c>estimate ± t(1 - alpha/2, df) · SE</c>). When the uncertainty cannot be
/// estimated (one respondent, say) the value stands alone and <see cref="StandardError"/>,
/// <see cref="Low"/> and <see cref="High"/> are null: never NaN.
/// </summary>
public sealed record Estimate
{
    private Estimate(double value, double? standardError, double? degreesOfFreedom, double? low, double? high)
    {
        Value = value;
        StandardError = standardError;
        DegreesOfFreedom = degreesOfFreedom;
        Low = low;
        High = high;
    }

    /// <summary>The estimate, unrounded.</summary>
    public double Value { get; }

    /// <summary>Its standard error; null when not estimable.</summary>
    public double? StandardError { get; }

    /// <summary>Degrees of freedom of the t interval; null when not estimable.</summary>
    public double? DegreesOfFreedom { get; }

    /// <summary>Lower end of the confidence interval; null when not estimable (also when the SE is, on a fraction of a degree of freedom).</summary>
    public double? Low { get; }

    /// <summary>Upper end of the confidence interval; null when not estimable.</summary>
    public double? High { get; }

    /// <summary>
    /// Step 12: whether the interval excludes 0 (a significant gap or movement); null when the
    /// interval is not estimable.
    /// </summary>
    public bool? ExcludesZero => Low is { } low && High is { } high ? low > 0 || high < 0 : null;

    /// <summary>
    /// Step 17: the two-sided p-value of the hypothesis that the true value is 0,
    /// <c>p = 2·(1 - F_t(|value| / SE, df))</c>; with an SE of 0, 1 for a value of 0 and 0 otherwise;
    /// null when the SE is not estimable.
    /// </summary>
    public double? PValue => StandardError is not { } se || DegreesOfFreedom is not { } df ? null
        : se == 0 ? (Value == 0 ? 1 : 0)
        // 2·F_t(-|t|) rather than 2·(1 - F_t(|t|)): the same number, without losing small p-values to 1 - (1 - p).
        : Math.Min(1, 2 * StudentT.CDF(0, 1, df, -Math.Abs(Value) / se));

    /// <summary>Creates an estimate and its interval at <paramref name="confidenceLevel"/>.</summary>
    public static Estimate Create(double value, double? standardError, double? degreesOfFreedom, double confidenceLevel)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "An estimate must be a finite number.");
        if (standardError is not { } se || !double.IsFinite(se) || degreesOfFreedom is not { } df || !(df > 0))
            return new Estimate(value, null, null, null, null);
        var half = se == 0 ? 0 : TQuantile(1 - (1 - confidenceLevel) / 2, df) * se;
        // On a fraction of a degree of freedom (two respondents, one of them weighing almost
        // everything) the quantile runs off the doubles: the SE stands, the interval is not estimable.
        return double.IsFinite(half)
            ? new Estimate(value, se, df, value - half, value + half)
            : new Estimate(value, se, df, null, null);
    }

    /// <summary>
    /// An estimate exactly as it was computed and stored (retention's frozen key drivers): every part
    /// given, none recomputed. The parts must be what an estimate can hold: an interval only with an SE and df.
    /// </summary>
    public static Estimate Restore(double value, double? standardError, double? degreesOfFreedom, double? low, double? high)
    {
        if (standardError is { } se && degreesOfFreedom is { } df && low is { } l && high is { } h) return WithInterval(value, se, df, l, h);
        if (!double.IsFinite(value) || low is not null || high is not null || (standardError is null) != (degreesOfFreedom is null))
            throw new ArgumentException("A stored estimate has a finite value, and an interval only with its SE and df.");
        return new Estimate(value, standardError, degreesOfFreedom, null, null);
    }

    /// <summary>
    /// An estimate whose interval is not symmetric about it (step 12 v2: the CX+ score's
    /// kink-aware interval). <paramref name="standardError"/> and <paramref name="degreesOfFreedom"/>
    /// are what steps 17–21 combine; the interval is taken as given.
    /// </summary>
    public static Estimate WithInterval(double value, double standardError, double degreesOfFreedom, double low, double high)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "An estimate must be a finite number.");
        if (!double.IsFinite(standardError) || standardError < 0 || !(degreesOfFreedom > 0) || !double.IsFinite(low) || !double.IsFinite(high) || low > high)
            throw new ArgumentException("An interval needs a finite SE >= 0, df > 0 and finite ends with low <= high.");
        return new Estimate(value, standardError, degreesOfFreedom, low, high);
    }

    /// <summary>
    /// Student's t quantile <c>t(p, df)</c> (step 12); +∞ (or −∞) when it lies beyond the largest
    /// double, as it can on a fraction of a degree of freedom.
    /// </summary>
    /// <remarks>
    /// The Cornish–Fisher expansion from a thousand degrees of freedom, below that Newton's method
    /// on the distribution function starting from it, to the last few digits: MathNet's root
    /// search costs 5–25 µs a quantile and a league table takes a thousand of them. For p above ½
    /// the function is concave, so the steps close in on the root without overshooting it; where
    /// they would not settle, MathNet's search decides.
    /// </remarks>
    public static double TQuantile(double p, double degreesOfFreedom)
    {
        if (p == 0.5) return 0;
        if (p < 0.5) return -TQuantile(1 - p, degreesOfFreedom);
        // From a thousand degrees of freedom the expansion is exact to about 1e-13, closer than
        // the distribution function (an incomplete beta, slow and less precise out there) could refine it.
        if (degreesOfFreedom >= 1000 && p < 1) return CornishFisher(p, degreesOfFreedom);
        if (degreesOfFreedom >= 1 && p < 1)
        {
            var t = CornishFisher(p, degreesOfFreedom);
            for (var i = 0; i < 8 && t > 0 && double.IsFinite(t); i++)
            {
                var step = (StudentT.CDF(0, 1, degreesOfFreedom, t) - p) / StudentT.PDF(0, 1, degreesOfFreedom, t);
                var next = t - step;
                if (next <= 0) next = t / 2; // far out in a heavy tail the tangent points past 0
                if (Math.Abs(next - t) <= 1e-14 * next) return next;
                t = next;
            }
        }
        try
        {
            return StudentT.InvCDF(0, 1, degreesOfFreedom, p);
        }
        catch (MathNet.Numerics.NonConvergenceException)
        {
            // MathNet searches ±800 only: beyond that (df near 1 and below, p far in the tail), bisect on the distribution function.
            return FarQuantile(p, degreesOfFreedom);
        }
    }

    /// <summary>The Cornish–Fisher expansion of t(p, df) in powers of 1/df around the normal quantile: close for df of 3 and more.</summary>
    private static double CornishFisher(double p, double df)
    {
        var z = Normal.InvCDF(0, 1, p);
        double z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
        return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df)
            + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df * df * df * df);
    }

    private static double FarQuantile(double p, double df)
    {
        double low = 1, high = 2;
        while (StudentT.CDF(0, 1, df, high) < p)
        {
            low = high;
            high *= 2;
            if (!double.IsFinite(high)) return double.PositiveInfinity;
        }
        for (var i = 0; i < 200 && high - low > 1e-15 * high; i++)
        {
            var middle = low + (high - low) / 2;
            if (StudentT.CDF(0, 1, df, middle) < p) low = middle; else high = middle;
        }
        return high;
    }

    /// <summary>
    /// Step 11: the linear combination <c>Σ c_j · Y_j</c> of independent estimates, with
    /// <c>SE = sqrt(Σ c_j² SE_j²)</c> and Welch–Satterthwaite degrees of freedom. Its interval is
    /// not estimable when any term's is not.
    /// </summary>
    public static Estimate Combine(double confidenceLevel, params ReadOnlySpan<(double Coefficient, Estimate Term)> terms)
    {
        double value = 0;
        foreach (var (c, term) in terms) value += c * term.Value;
        return Around(value, confidenceLevel, terms);
    }

    /// <summary>
    /// Steps 11–12 for a quantity linearised around <paramref name="value"/> (the delta method of
    /// step 18): SE and Welch df of <c>Σ c_j · Y_j</c>, the interval centred on
    /// <paramref name="value"/>. Not estimable when any term with a non-zero coefficient is not.
    /// </summary>
    public static Estimate Around(double value, double confidenceLevel, params ReadOnlySpan<(double Coefficient, Estimate Term)> terms)
    {
        double variance = 0, dfDenominator = 0, dfSum = 0;
        foreach (var (c, term) in terms)
        {
            if (c == 0) continue;
            if (term.StandardError is not { } se || term.DegreesOfFreedom is not { } df)
                return Create(value, null, null, confidenceLevel);
            var v = c * c * se * se;
            variance += v;
            dfDenominator += v * v / df;
            dfSum += df;
        }
        return FromSums(value, confidenceLevel, variance, dfDenominator, dfSum);
    }

    /// <summary>
    /// <see cref="Around"/> from its sums over the terms: <c>Σ c_j² SE_j²</c>, <c>Σ (c_j² SE_j²)² / df_j</c>
    /// and <c>Σ df_j</c>, for a combination whose terms are known only summed (a published table's
    /// sector factor, <see cref="SectorFactor"/>).
    /// </summary>
    public static Estimate FromSums(double value, double confidenceLevel, double variance, double dfDenominator, double dfSum)
    {
        // All terms exact (SE 0), or no term at all: the interval is the point itself; any df serves.
        var welchDf = dfDenominator > 0 ? variance * variance / dfDenominator : Math.Max(dfSum, 1);
        return Create(value, Math.Sqrt(Math.Max(variance, 0)), welchDf, confidenceLevel);
    }
}
