namespace CxPlus.Scoring;

/// <summary>
/// A success factor across a sector's ranked brands, as a member may see it beside its own brand:
/// the average and the best customers' score, no brand named (issue 27: other brands' factor-level
/// results appear only so).
/// </summary>
/// <param name="Factor">The factor.</param>
/// <param name="Average">The plain mean of the ranked brands' customer scores (step 23's sector average); null when none is ranked or one has no score.</param>
/// <param name="Best">The highest ranked brand's customer score on it; null when no ranked brand has one.</param>
public sealed record SectorFactor(SuccessFactor Factor, double? Average, double? Best)
{
    /// <summary>Every factor of a table, in factor order.</summary>
    public static IReadOnlyList<SectorFactor> Of(LeagueTable table) =>
        [.. SuccessFactors.All.Select(f => new SectorFactor(f, Drivers.FactorComparison.Average(table, f),
            table.Rows.Where(r => r.Eligible).Select(r => r.Result.Customers[f].Score?.Value).OfType<double>().DefaultIfEmpty(double.NaN).Max() is var best
                && !double.IsNaN(best) ? best : null))];
}
