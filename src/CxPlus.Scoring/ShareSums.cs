using MathNet.Numerics.Distributions;

namespace CxPlus.Scoring;

/// <summary>
/// Sufficient statistics of weighted shares among respondents who answered a question: <c>n</c>,
/// <c>Σw</c>, <c>Σw²</c>, and <c>Σw</c> of two groups of answers (NPS: promoters and detractors;
/// CSAT: satisfied answers in <see cref="SumWHigh"/>, <see cref="SumWLow"/> unused).
/// </summary>
/// <param name="N">Respondents who answered.</param>
/// <param name="SumW">Σw over them.</param>
/// <param name="SumW2">Σw² over them.</param>
/// <param name="SumWHigh">Σw over the high group (NPS promoters 9–10; CSAT 4–5).</param>
/// <param name="SumWLow">Σw over the low group (NPS detractors 0–6).</param>
public readonly record struct ShareSums(long N, double SumW, double SumW2, double SumWHigh, double SumWLow)
{
    /// <summary>These sums with one more answer of weight <paramref name="w"/>.</summary>
    public ShareSums Add(bool high, bool low, double w) =>
        new(N + 1, SumW + w, SumW2 + w * w, SumWHigh + (high ? w : 0), SumWLow + (low ? w : 0));

    /// <summary>The sums of the union of two disjoint sets of answers.</summary>
    public static ShareSums operator +(ShareSums a, ShareSums b) =>
        new(a.N + b.N, a.SumW + b.SumW, a.SumW2 + b.SumW2, a.SumWHigh + b.SumWHigh, a.SumWLow + b.SumWLow);

    /// <summary>The sums of <paramref name="a"/> without the answers of <paramref name="b"/>.</summary>
    public static ShareSums operator -(ShareSums a, ShareSums b) =>
        new(a.N - b.N, a.SumW - b.SumW, a.SumW2 - b.SumW2, a.SumWHigh - b.SumWHigh, a.SumWLow - b.SumWLow);

    private double EffectiveBase => SumW * SumW / SumW2;

    // Kish's degrees of freedom, as step 7 gives a weighted mean's; what a combination of this share with others uses.
    private double? DegreesOfFreedom => new WeightedSums(N, SumW, SumW2, 0, 0, 0).DegreesOfFreedom;

    /// <summary>
    /// NPS: <c>100·(p - d)</c> with <c>SE = 100·sqrt((p + d - (p - d)²) / n_eff)</c> and, v3, the
    /// adjusted Wald interval (Rocks 2016): <c>ñ = n_eff + 3</c>, <c>p̃ = (p·n_eff + 0.75)/ñ</c>,
    /// <c>d̃ = (d·n_eff + 0.75)/ñ</c>, <c>100·(p̃ - d̃) ± z·100·sqrt((p̃ + d̃ - (p̃ - d̃)²)/ñ)</c>
    /// clipped to [-100, 100]. Null when nobody answered; no SE or interval below two answers.
    /// </summary>
    public Estimate? NetPromoterScore(double confidenceLevel)
    {
        if (N == 0 || SumW <= 0) return null;
        var p = SumWHigh / SumW;
        var d = SumWLow / SumW;
        var value = 100 * (p - d);
        if (N < 2 || DegreesOfFreedom is not { } df) return Estimate.Create(value, null, null, confidenceLevel);
        var n = EffectiveBase;
        var se = 100 * Math.Sqrt(Math.Max(0, p + d - (p - d) * (p - d)) / n);
        var adjusted = n + 3;
        var pt = (p * n + 0.75) / adjusted;
        var dt = (d * n + 0.75) / adjusted;
        var half = Z(confidenceLevel) * 100 * Math.Sqrt(Math.Max(0, pt + dt - (pt - dt) * (pt - dt)) / adjusted);
        var centre = 100 * (pt - dt);
        return Estimate.WithInterval(value, se, df, Math.Max(-100, centre - half), Math.Min(100, centre + half));
    }

    /// <summary>
    /// CSAT: <c>100·q</c>, q the share answering 4 or 5, with <c>SE = 100·sqrt(q(1 - q) / n_eff)</c>
    /// and, v3, the Wilson interval on <c>n = n_eff</c>:
    /// <c>100·(q + z²/(2n) ± z·sqrt(q(1 - q)/n + z²/(4n²))) / (1 + z²/n)</c>, never of zero width.
    /// Null when nobody answered; no SE or interval below two answers.
    /// </summary>
    public Estimate? Share(double confidenceLevel)
    {
        if (N == 0 || SumW <= 0) return null;
        var q = SumWHigh / SumW;
        if (N < 2 || DegreesOfFreedom is not { } df) return Estimate.Create(100 * q, null, null, confidenceLevel);
        var (low, high) = Wilson(q, EffectiveBase, confidenceLevel);
        return Estimate.WithInterval(100 * q, 100 * Math.Sqrt(Math.Max(0, q * (1 - q)) / EffectiveBase), df, 100 * low, 100 * high);
    }

    /// <summary>The Wilson interval of a share <paramref name="q"/> on <paramref name="n"/> (effective) respondents, as shares.</summary>
    public static (double Low, double High) Wilson(double q, double n, double confidenceLevel)
    {
        var z = Z(confidenceLevel);
        var z2 = z * z;
        var centre = (q + z2 / (2 * n)) / (1 + z2 / n);
        var half = z * Math.Sqrt(Math.Max(0, q * (1 - q)) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        // At q = 0 (q = 1) the lower (upper) end is 0 (1) exactly; computed, it lands 1e-15 off, and a
        // share of nobody would read as one whose interval excludes zero.
        return (q <= 0 ? 0 : Math.Max(0, centre - half), q >= 1 ? 1 : Math.Min(1, centre + half));
    }

    private static double Z(double confidenceLevel) => Normal.InvCDF(0, 1, 1 - (1 - confidenceLevel) / 2);
}
