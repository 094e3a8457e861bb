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

    /// <summary>Lower end of the confidence interval; null when not estimable.</summary>
    public double? Low { get; }

    /// <summary>Upper end of the confidence interval; null when not estimable.</summary>
    public double? High { get; }

    /// <summary>
    /// Step 12: whether the interval excludes 0 (a significant gap or movement); null when the
    /// interval is not estimable.
    /// </summary>
    public bool? ExcludesZero => Low is { } low && High is { } high ? low > 0 || high < 0 : null;

    /// <summary>Creates an estimate and its interval at <paramref name="confidenceLevel"/>.</summary>
    public static Estimate Create(double value, double? standardError, double? degreesOfFreedom, double confidenceLevel)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "An estimate must be a finite number.");
        if (standardError is not { } se || !double.IsFinite(se) || degreesOfFreedom is not { } df || !(df > 0))
            return new Estimate(value, null, null, null, null);
        var half = se == 0 ? 0 : TQuantile(1 - (1 - confidenceLevel) / 2, df) * se;
        return new Estimate(value, se, df, value - half, value + half);
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

    /// <summary>Student's t quantile <c>t(p, df)</c> (step 12).</summary>
    public static double TQuantile(double p, double degreesOfFreedom) =>
        StudentT.InvCDF(0, 1, degreesOfFreedom, p);

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
        // All terms exact (SE 0), or no term at all: the interval is the point itself; any df serves.
        var welchDf = dfDenominator > 0 ? variance * variance / dfDenominator : Math.Max(dfSum, 1);
        return Create(value, Math.Sqrt(variance), welchDf, confidenceLevel);
    }
}
