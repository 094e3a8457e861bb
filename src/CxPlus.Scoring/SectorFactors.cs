namespace CxPlus.Scoring;

/// <summary>
/// A success factor across a sector's ranked brands, summed: the sector average and best, and what
/// a brand's difference from the average needs for its interval (step 23), without any one other
/// brand's score. This is how other brands' factor-level results reach a member (issue 27): a
/// published table carries these in place of their factor scores, and a full table's are computed
/// from its rows the same way, so both give the same numbers to the last bit.
/// </summary>
/// <param name="Factor">The factor.</param>
/// <param name="Ranked">The ranked brands, <c>m</c>.</param>
/// <param name="Scored">Of them, those with a customer score on the factor.</param>
/// <param name="Sum">The sum of their scores.</param>
/// <param name="Best">The highest of them; null when none has one.</param>
/// <param name="Variance">The sum of their squared standard errors.</param>
/// <param name="DfDenominator">The sum of <c>SE⁴ / df</c> over them (Welch–Satterthwaite's denominator before the coefficients).</param>
/// <param name="DegreesOfFreedom">The sum of their degrees of freedom.</param>
/// <param name="WithoutInterval">Of the scored, those whose score has no standard error.</param>
public sealed record SectorFactor(SuccessFactor Factor, int Ranked, int Scored, double Sum, double? Best,
    double Variance, double DfDenominator, double DegreesOfFreedom, int WithoutInterval)
{
    /// <summary>The plain mean of the ranked brands' customer scores (step 23's sector average); null when none is ranked or one has no score.</summary>
    public double? Average => Ranked > 0 && Scored == Ranked ? Sum / Ranked : null;

    /// <summary>The mean of the ranked brands that have a score on the factor (the profile chart's marker); null when none has.</summary>
    public double? MeanOfScored => Scored > 0 ? Sum / Scored : null;

    /// <summary>Every factor of a table, in factor order: published with it, or summed from its rows.</summary>
    public static IReadOnlyList<SectorFactor> Of(LeagueTable table) =>
        table.PublishedFactors ?? [.. SuccessFactors.All.Select(f => Summed(table, f))];

    /// <summary>One factor of a table: published with it, or summed from its rows.</summary>
    public static SectorFactor Of(LeagueTable table, SuccessFactor factor) =>
        table.PublishedFactors?[(int)factor] ?? Summed(table, factor);

    private static SectorFactor Summed(LeagueTable table, SuccessFactor factor)
    {
        int ranked = 0, scored = 0, withoutInterval = 0;
        double sum = 0, variance = 0, dfDenominator = 0, df = 0;
        double? best = null;
        foreach (var row in table.Rows)
        {
            if (!row.Eligible) continue;
            ranked++;
            if (row.Result.Customers[factor].Score is not { } score) continue;
            scored++;
            sum += score.Value;
            if (best is null || score.Value > best) best = score.Value;
            if (score.StandardError is not { } se || score.DegreesOfFreedom is not { } d) { withoutInterval++; continue; }
            variance += se * se;
            dfDenominator += se * se * se * se / d;
            df += d;
        }
        return new SectorFactor(factor, ranked, scored, sum, best, variance, dfDenominator, df, withoutInterval);
    }

    /// <summary>
    /// Step 23: a brand's score on the factor minus the sector average, with its interval. The
    /// difference is a linear combination of independent brands' scores, so it gets an interval as
    /// step 19 gives X's: coefficient <c>1 - 1/m</c> for a ranked brand's own score and <c>-1/m</c> for
    /// each other ranked brand's (an unranked brand's own score has coefficient 1). The other brands'
    /// terms are the sums less the brand's own. Null when the brand or the average has no score.
    /// </summary>
    public Estimate? VersusAverage(LeagueRow row, double confidenceLevel)
    {
        if (row.Result.Customers[Factor].Score is not { } score || Average is not { } average) return null;
        var m = (double)Ranked;
        var (ownSe, ownDf) = (score.StandardError, score.DegreesOfFreedom);
        var ownExact = ownSe is not null && ownDf is not null;
        // The other ranked brands: the sums, less the brand itself when it is one of them.
        var (variance, dfDenominator, df, without) = row.Eligible
            ? (Variance - (ownExact ? ownSe!.Value * ownSe.Value : 0), DfDenominator - (ownExact ? Math.Pow(ownSe!.Value, 4) / ownDf!.Value : 0),
               DegreesOfFreedom - (ownExact ? ownDf!.Value : 0), WithoutInterval - (ownExact ? 0 : 1))
            : (Variance, DfDenominator, DegreesOfFreedom, WithoutInterval);
        var others = Ranked - (row.Eligible ? 1 : 0);
        var c = row.Eligible ? 1 - 1 / m : 1;
        if (without > 0 || (c != 0 && !ownExact)) return Estimate.Create(score.Value - average, null, null, confidenceLevel);
        // Each other brand's term has coefficient -1/m: c² SE² sums to variance / m², (c² SE²)² / df to dfDenominator / m⁴.
        double totalVariance = others > 0 ? Math.Max(variance, 0) / (m * m) : 0, totalDf = others > 0 ? Math.Max(dfDenominator, 0) / (m * m * m * m) : 0, dfSum = others > 0 ? df : 0;
        if (c != 0)
        {
            var v = c * c * ownSe!.Value * ownSe.Value;
            totalVariance += v;
            totalDf += v * v / ownDf!.Value;
            dfSum += ownDf.Value;
        }
        return Estimate.FromSums(score.Value - average, confidenceLevel, totalVariance, totalDf, dfSum);
    }
}
