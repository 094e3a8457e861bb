using MathNet.Numerics.Distributions;

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
    /// Step 20 for every brand at once: brand k is surely ahead of j when
    /// <c>T_kj = (X_k - X_j)/sqrt(SE_k² + SE_j²)</c> exceeds <c>t(1 - α'/2, df_kj)</c> with
    /// Bonferroni's <c>α' = α/(m - 1)</c> and the pair's Welch df, surely behind when below its
    /// negative; each range is <c>[1 + #ahead, m - #behind]</c>, on unrounded X. A pair without SEs
    /// decides nothing; a brand without one may hold any rank.
    /// </summary>
    /// <remarks>
    /// Computed as the methodology allows, by comparing the pair's p-value with <c>α'</c>, which is
    /// the same test, and only where it is needed: a pair decides the same for both brands
    /// (<c>T_jk = -T_kj</c>, same df); Welch's df lies between the smaller of the two dfs and
    /// infinity, so the quantile lies between <c>z(1 - α'/2)</c> and <c>t(1 - α'/2, smallest df)</c>,
    /// and a <c>|T|</c> outside that band is decided without the t distribution. A 200-brand sector
    /// needs two quantiles and a few hundred distribution values instead of 40,000 quantiles
    /// (<see cref="RankRangeByQuantiles"/> is the plain formulation; a test holds them equal).
    /// </remarks>
    internal static RankRange[] RankRanges(Estimate[] scores, ScoringSettings settings)
    {
        var m = scores.Length;
        var ahead = new int[m];
        var behind = new int[m];
        var alpha = (1 - settings.ConfidenceLevel) / Math.Max(1, m - 1);
        var smallestDf = double.PositiveInfinity;
        foreach (var s in scores)
            if (s is { StandardError: not null, DegreesOfFreedom: { } df }) smallestDf = Math.Min(smallestDf, df);
        // Margins of a millionth keep the shortcuts off the band's edges, where the two formulations could round apart.
        var surelyUndecided = Normal.InvCDF(0, 1, 1 - alpha / 2) * (1 - 1e-6);
        var surelyDecided = double.IsFinite(smallestDf) ? Estimate.TQuantile(1 - alpha / 2, smallestDf) * (1 + 1e-6) : double.PositiveInfinity;
        for (var j = 0; j < m; j++)
        {
            if (scores[j] is not { StandardError: { } sej, DegreesOfFreedom: { } dfj }) continue;
            for (var k = j + 1; k < m; k++)
            {
                if (scores[k] is not { StandardError: { } sek, DegreesOfFreedom: { } dfk }) continue;
                var sign = PairSign(scores[k].Value, scores[j].Value, sek, dfk, sej, dfj, alpha, surelyUndecided, surelyDecided);
                // sign > 0: k is surely ahead of j (and j surely behind k).
                if (sign > 0) { ahead[j]++; behind[k]++; }
                else if (sign < 0) { behind[j]++; ahead[k]++; }
            }
        }
        var ranges = new RankRange[m];
        for (var j = 0; j < m; j++)
            ranges[j] = scores[j].StandardError is null || scores[j].DegreesOfFreedom is null
                ? new RankRange(1, m)
                : new RankRange(1 + ahead[j], m - behind[j]);
        return ranges;
    }

    /// <summary>+1 when the difference is surely positive, -1 surely negative, 0 undecided (step 20's test of one pair).</summary>
    private static int PairSign(double xk, double xj, double sek, double dfk, double sej, double dfj, double alpha,
        double surelyUndecided, double surelyDecided)
    {
        var difference = xk - xj;
        var variance = sek * sek + sej * sej;
        if (variance == 0) return ExactSign(xk, xj);
        var t = Math.Abs(difference) / Math.Sqrt(variance);
        if (t <= surelyUndecided) return 0;
        if (t <= surelyDecided)
        {
            var df = WelchDf(sek, dfk, sej, dfj);
            if (!(2 * StudentT.CDF(0, 1, df, -t) < alpha)) return 0;
        }
        return Math.Sign(difference);
    }

    /// <summary>
    /// Two exactly known scores (both SEs 0) are ordered by their values, except that values equal
    /// up to floating-point rounding (<see cref="Rounding.SameNumberTolerance"/>, relative) are equal:
    /// 73 and 72.99999999999999 are the same score reached by two paths of arithmetic.
    /// </summary>
    private static int ExactSign(double xk, double xj) =>
        Math.Abs(xk - xj) <= Rounding.SameNumberTolerance * Math.Max(1, Math.Max(Math.Abs(xk), Math.Abs(xj))) ? 0 : Math.Sign(xk - xj);

    private static double WelchDf(double sek, double dfk, double sej, double dfj)
    {
        var variance = sek * sek + sej * sej;
        return variance * variance / (Math.Pow(sek, 4) / dfk + Math.Pow(sej, 4) / dfj);
    }

    /// <summary>
    /// Step 20 as the methodology writes it, one t quantile per ordered pair: the reference
    /// <see cref="RankRanges"/> is tested against.
    /// </summary>
    internal static RankRange RankRangeByQuantiles(int j, Estimate[] scores, ScoringSettings settings)
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
            if (variance == 0) sign = ExactSign(scores[k].Value, scores[j].Value);
            else
            {
                var critical = Estimate.TQuantile(1 - alpha / 2, WelchDf(sek, dfk, sej, dfj));
                var t = difference / Math.Sqrt(variance);
                sign = t > critical ? 1 : t < -critical ? -1 : 0;
            }
            if (sign > 0) ahead++;
            else if (sign < 0) behind++;
        }
        return new RankRange(1 + ahead, m - behind);
    }
}
