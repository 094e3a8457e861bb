using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>One brand's cell for one factor in the sector heatmap.</summary>
/// <param name="Score">Customers' factor score (step 5).</param>
/// <param name="VersusAverage">
/// The score minus the sector average of the ranked brands' scores for this factor (step 23),
/// with its interval by steps 11–12 as step 19 builds it for X; significant when it excludes 0.
/// </param>
/// <param name="Gap">The factor gap, customers minus prospects (step 8).</param>
public sealed record HeatmapCell(Estimate? Score, Estimate? VersusAverage, Estimate? Gap);

/// <summary>A brand's row of the heatmap.</summary>
public sealed record HeatmapRow(LeagueRow Row, IReadOnlyList<HeatmapCell> Cells);

/// <summary>
/// The sector's factor heatmap: brands by the five success factors, each customers' factor score
/// against the sector average of that factor (the plain mean of the ranked brands', step 23), and
/// the factor gaps for the other view. A difference from the average is a linear combination of
/// independent brands' scores, so it gets an interval as step 19 gives X's: coefficient
/// <c>1 - 1/m</c> for a ranked brand's own score and <c>-1/m</c> for each other ranked brand's
/// (an unranked brand's own score has coefficient 1, each ranked brand's <c>-1/m</c>).
/// </summary>
public sealed record FactorHeatmap(IReadOnlyList<double?> Averages, IReadOnlyList<HeatmapRow> Rows)
{
    public static FactorHeatmap Build(LeagueTable table)
    {
        var level = table.Settings.ConfidenceLevel;
        var ranked = table.Rows.Where(r => r.Eligible).ToList();
        var averages = SuccessFactors.All.Select(f => ranked.Select(r => r.Result.Customers[f].Score?.Value).OfType<double>().ToList())
            .Select(v => v.Count == 0 ? (double?)null : v.Average()).ToArray();
        var rows = table.Rows.Select(row => new HeatmapRow(row, [.. SuccessFactors.All.Select(f =>
        {
            var score = row.Result.Customers[f].Score;
            var gap = row.Result.FactorGaps[(int)f].Gap;
            if (score is null || averages[(int)f] is not { } average || ranked.Any(r => r.Result.Customers[f].Score is null))
                return new HeatmapCell(score, null, gap);
            var m = ranked.Count;
            var terms = ranked.Where(r => !Names.Same(r.Brand, row.Brand)).Select(r => (-1.0 / m, r.Result.Customers[f].Score!)).ToList();
            terms.Add((row.Eligible ? 1 - 1.0 / m : 1, score));
            return new HeatmapCell(score, Estimate.Around(score.Value - average, level, [.. terms]), gap);
        })])).ToList();
        return new FactorHeatmap(averages, rows);
    }
}
