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
        // Summed once per factor, not once per cell: a table of 200 brands has 1,000 cells.
        var sectorFactors = SectorFactor.Of(table);
        var rows = table.Rows.Select(row => new HeatmapRow(row, [.. sectorFactors.Select(f =>
            new HeatmapCell(row.Result.Customers[f.Factor].Score, f.VersusAverage(row, table.Settings.ConfidenceLevel), row.Result.FactorGaps[(int)f.Factor].Gap))])).ToList();
        return new FactorHeatmap([.. sectorFactors.Select(f => f.Average)], rows);
    }
}
