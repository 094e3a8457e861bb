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

    /// <summary>
    /// NPS: <c>100·(p - d)</c> with <c>SE = 100·sqrt((p + d - (p - d)²) / n_eff)</c>, df <c>n - 1</c>;
    /// null when nobody answered.
    /// </summary>
    public Estimate? NetPromoterScore(double confidenceLevel)
    {
        if (N == 0 || SumW <= 0) return null;
        var p = SumWHigh / SumW;
        var d = SumWLow / SumW;
        var se = N >= 2 ? 100 * Math.Sqrt(Math.Max(0, p + d - (p - d) * (p - d)) / EffectiveBase) : (double?)null;
        return Estimate.Create(100 * (p - d), se, N >= 2 ? N - 1 : null, confidenceLevel);
    }

    /// <summary>
    /// CSAT: <c>100·q</c>, q the share answering 4 or 5, with <c>SE = 100·sqrt(q(1 - q) / n_eff)</c>,
    /// df <c>n - 1</c>; null when nobody answered.
    /// </summary>
    public Estimate? Share(double confidenceLevel)
    {
        if (N == 0 || SumW <= 0) return null;
        var q = SumWHigh / SumW;
        var se = N >= 2 ? 100 * Math.Sqrt(Math.Max(0, q * (1 - q)) / EffectiveBase) : (double?)null;
        return Estimate.Create(100 * q, se, N >= 2 ? N - 1 : null, confidenceLevel);
    }
}
