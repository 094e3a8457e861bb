namespace CxPlus.Scoring;

/// <summary>
/// Steps 18–20 over the scores of a sector's <c>m</c> ranked brands (in rank order): the index
/// interval, the position against the average and the rank range. Shared by the CX+ league table
/// and the other lenses' tables, which rank by the same rules.
/// </summary>
internal static class Positions
{
    /// <summary>
    /// Step 18: <c>I_j = 100·X_j / X̄</c>, linearised as a combination of every eligible brand's
    /// X with <c>c_j = (100/X̄)(1 - X_j/(m·X̄))</c> and <c>c_k = -100·X_j/(m·X̄²)</c>; not estimable
    /// (null) when <c>X̄ ≤ 0</c>. With one brand every coefficient is 0: exactly 100.
    /// </summary>
    internal static Estimate? IndexOf(int j, Estimate[] scores, double average, ScoringSettings settings)
    {
        if (!(average > 0)) return null;
        var m = scores.Length;
        var xj = scores[j].Value;
        var terms = new (double, Estimate)[m];
        for (var k = 0; k < m; k++)
            terms[k] = (k == j ? 100 / average * (1 - xj / (m * average)) : -100 * xj / (m * average * average), scores[k]);
        return Estimate.Around(100 * xj / average, settings.ConfidenceLevel, terms);
    }

    /// <summary>
    /// Step 19: <c>D_j = X_j - X̄ = (1 - 1/m)·X_j - (1/m)·Σ_{k≠j} X_k</c> with its interval and
    /// position; null with one brand (nothing to compare).
    /// </summary>
    internal static VersusAverage? VersusAverageOf(int j, Estimate[] scores, double average, ScoringSettings settings)
    {
        var m = scores.Length;
        if (m < 2) return null;
        var terms = new (double, Estimate)[m];
        for (var k = 0; k < m; k++) terms[k] = (k == j ? 1 - 1.0 / m : -1.0 / m, scores[k]);
        var difference = Estimate.Around(scores[j].Value - average, settings.ConfidenceLevel, terms);
        return new VersusAverage(difference, VersusAverage.PositionOf(difference));
    }

    /// <summary>
    /// Step 20: brand k is surely ahead of j when <c>T_kj = (X_k - X_j)/sqrt(SE_k² + SE_j²)</c>
    /// exceeds <c>t(1 - α'/2, df_kj)</c> with Bonferroni's <c>α' = α/(m - 1)</c> and the pair's
    /// Welch df, surely behind when below its negative; the range is
    /// <c>[1 + #ahead, m - #behind]</c>, on unrounded X. A pair without SEs decides nothing.
    /// </summary>
    internal static RankRange RankRangeOf(int j, Estimate[] scores, ScoringSettings settings)
    {
        var m = scores.Length;
        int ahead = 0, behind = 0;
        if (scores[j] is not { StandardError: { } sej, DegreesOfFreedom: { } dfj }) return new RankRange(1, m);
        var alpha = (1 - settings.ConfidenceLevel) / Math.Max(1, m - 1);
        for (var k = 0; k < m; k++)
        {
            if (k == j || scores[k] is not { StandardError: { } sek, DegreesOfFreedom: { } dfk }) continue;
            var difference = scores[k].Value - scores[j].Value;
            var variance = sek * sek + sej * sej;
            int sign;
            if (variance == 0) sign = Math.Sign(difference);
            else
            {
                var df = variance * variance / (Math.Pow(sek, 4) / dfk + Math.Pow(sej, 4) / dfj);
                var critical = Estimate.TQuantile(1 - alpha / 2, df);
                var t = difference / Math.Sqrt(variance);
                sign = t > critical ? 1 : t < -critical ? -1 : 0;
            }
            if (sign > 0) ahead++;
            else if (sign < 0) behind++;
        }
        return new RankRange(1 + ahead, m - behind);
    }

}
