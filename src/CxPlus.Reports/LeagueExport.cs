using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>
/// The league table's columns for the CSV (machine names, typed values; the Excel workbook is
/// <see cref="LeagueWorkbook"/>, with headers in words). Scores are rounded as displayed
/// (one decimal, index whole, half away from zero); p- and q-values to four decimals.
/// <c>score_change_significant</c> is step 17's v3 marker: after the false discovery rate control.
/// </summary>
public static class LeagueExport
{
    private sealed record Column(string Name, Func<LeagueTable, LeagueRow, object?> Value);

    private static double? D(double? value) => value is { } v ? Display.Rounded(v) : null;

    private static int? Whole(double? value) => value is { } v ? (int)Rounding.Whole(v) : null;

    // A p- or q-value to four decimals: enough to see it against 0.05, not the noise beyond.
    private static double? Probability(double? value) => value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null;

    private static readonly Column[] Columns =
    [
        new("sector", (t, _) => t.Sector),
        new("wave", (t, _) => t.Wave),
        new("rank", (_, r) => r.Rank),
        new("brand", (_, r) => r.Brand),
        new("eligible", (_, r) => r.Eligible),
        new("reason", (_, r) => r.Reason),
        new("n_customers", (_, r) => r.Result.Customers.N),
        new("n_prospects", (_, r) => r.Result.Prospects.N),
        new("effective_customers", (_, r) => D(r.Result.Customers.EffectiveBase)),
        new("effective_prospects", (_, r) => D(r.Result.Prospects.EffectiveBase)),
        new("rank_low", (_, r) => r.RankRange?.Low),
        new("rank_high", (_, r) => r.RankRange?.High),
        new("can_lead", (t, r) => r.Eligible ? r.RankRange?.Low == 1 : null),
        new("can_be_last", (t, r) => r.Eligible ? r.RankRange?.High == t.Rows.Count(x => x.Eligible) : null),
        new("cx_index", (_, r) => Whole(r.Index?.Value)),
        new("cx_index_low", (_, r) => Whole(r.Index?.Low)),
        new("cx_index_high", (_, r) => Whole(r.Index?.High)),
        new("vs_average", (_, r) => D(r.VersusAverage?.Difference.Value)),
        new("vs_average_low", (_, r) => D(r.VersusAverage?.Difference.Low)),
        new("vs_average_high", (_, r) => D(r.VersusAverage?.Difference.High)),
        new("vs_average_position", (_, r) => Display.PositionKey(r.VersusAverage?.Position)),
        new("cx_score", (_, r) => D(r.Result.Score?.Value)),
        new("cx_score_low", (_, r) => D(r.Result.Score?.Low)),
        new("cx_score_high", (_, r) => D(r.Result.Score?.High)),
        new("performance", (_, r) => D(r.Result.Performance?.Value)),
        new("performance_low", (_, r) => D(r.Result.Performance?.Low)),
        new("performance_high", (_, r) => D(r.Result.Performance?.High)),
        new("expectation", (_, r) => D(r.Result.Expectation?.Value)),
        new("expectation_low", (_, r) => D(r.Result.Expectation?.Low)),
        new("expectation_high", (_, r) => D(r.Result.Expectation?.High)),
        new("gap", (_, r) => D(r.Result.Gap?.Value)),
        new("gap_low", (_, r) => D(r.Result.Gap?.Low)),
        new("gap_high", (_, r) => D(r.Result.Gap?.High)),
        new("gap_significant", (_, r) => r.Result.GapSignificant),
        new("applied_gap", (_, r) => D(r.Result.AppliedGap)),
        new("verdict", (_, r) => r.Result.Verdict?.DisplayName()),
        new("gap_above_cap_not_significant", (_, r) => r.Result.GapAboveCapNotSignificantly),
        .. SuccessFactors.All.Select(f => new Column(f.Key() + "_gap", (_, r) => D(r.Result.FactorGaps[(int)f].Gap?.Value))),
        new("nps", (_, r) => D(r.Result.Customers.Nps?.Value)),
        new("nps_low", (_, r) => D(r.Result.Customers.Nps?.Low)),
        new("nps_high", (_, r) => D(r.Result.Customers.Nps?.High)),
        new("csat", (_, r) => D(r.Result.Customers.Csat?.Value)),
        new("csat_low", (_, r) => D(r.Result.Customers.Csat?.Low)),
        new("csat_high", (_, r) => D(r.Result.Customers.Csat?.High)),
        new("ces", (_, r) => D(r.Result.Customers.Ces?.Value)),
        new("previous_wave", (_, r) => r.Movement?.PreviousWave),
        new("score_change", (_, r) => D(r.Movement?.Change.Value)),
        new("score_change_low", (_, r) => D(r.Movement?.Change.Low)),
        new("score_change_high", (_, r) => D(r.Movement?.Change.High)),
        new("score_change_p", (_, r) => Probability(r.Movement?.PValue)),
        new("score_change_q", (_, r) => Probability(r.Movement?.QValue)),
        new("score_change_significant", (_, r) => r.Movement?.Significant),
        new("rank_change", (_, r) => r.Movement?.RankChange),
    ];

    public static IReadOnlyList<string> ColumnNames { get; } = [.. Columns.Select(c => c.Name)];

    /// <summary>Rows of typed values in column order (null = empty).</summary>
    public static IEnumerable<object?[]> Rows(LeagueTable table) =>
        table.Rows.Select(row => Columns.Select(c => c.Value(table, row)).ToArray());
}
