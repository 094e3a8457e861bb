using System.Globalization;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>How a column's value is written: in files to its rounding (text, yes/no, one decimal, whole, p-value), on screen as <see cref="Display"/> writes it.</summary>
public enum ColumnFormat { Text, YesNo, OneDecimal, Whole, Probability }

/// <summary>
/// One column of the league table, declared once: its key (the JSON-like machine name, e.g.
/// <c>cx_score_low</c>), its header in words (<c>LeagueColumn.{key}</c> in <see cref="Texts"/>, with
/// the confidence level in place of <c>{0}</c>), its value (typed and unrounded; words already in the
/// reader's language), its format, and where it has one the short header and cell the narrow tables show
/// (PDF, deck, terminal) with the significance mark.
/// </summary>
/// <param name="Key">Machine name; also the resource key's tail.</param>
/// <param name="Format">How the value is rounded and written.</param>
/// <param name="Value">The value of a row; null for an empty cell.</param>
public sealed record LeagueColumn(string Key, ColumnFormat Format, Func<LeagueTable, LeagueRow, object?> Value)
{
    /// <summary>Resource key of the short header narrow tables show ("CX+", "Gap"); null when the column is in files only.</summary>
    public string? ShortHeaderKey { get; init; }

    /// <summary>The cell narrow tables show, when it is more than the value written (a rank with its range, a signed gap).</summary>
    public Func<LeagueTable, LeagueRow, string>? Shown { get; init; }

    /// <summary>Whether a row's value is significant, marked "*" in narrow tables (a gap whose interval excludes 0).</summary>
    public Func<LeagueRow, bool>? Mark { get; init; }

    /// <summary>Header in words in the reader's language, e.g. "CX+ 95 % low", "CX+ score 95%-BI ondergrens".</summary>
    public string Header(ScoringSettings settings) => Texts.Format($"LeagueColumn.{Key}", Display.Percent(settings.ConfidenceLevel));

    /// <summary>The short header of a narrow table.</summary>
    public string ShortHeader => Texts.Get(ShortHeaderKey ?? $"LeagueColumn.{Key}");

    /// <summary>The cell of a narrow table, as the reader writes it, with its significance mark.</summary>
    public string Cell(LeagueTable table, LeagueRow row) =>
        (Shown?.Invoke(table, row) ?? Written(Value(table, row), Format)) + (Mark?.Invoke(row) == true ? "*" : "");

    /// <summary>A value as the reader writes it on screen (83,3; ja).</summary>
    public static string Written(object? value, ColumnFormat format) => value switch
    {
        null => "",
        string s => s,
        bool b => Display.YesNo(b),
        double d => format switch
        {
            ColumnFormat.Whole => Display.Index(d),
            ColumnFormat.Probability => d.ToString("0.0000", CultureInfo.CurrentCulture),
            _ => Display.Score(d),
        },
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// The league table's columns, declared once (issue #26): the CSV and the workbook's League sheet
/// write <see cref="All"/>; the PDF, the deck and the terminal table show <see cref="Narrow"/>. The
/// page reads the same short headers (<c>Column.*</c>) for its sortable columns and sorts them by these values. Step 17's
/// <c>score_change_significant</c> is after the false discovery rate control.
/// </summary>
public static class LeagueColumns
{
    private static LeagueColumn C(string key, ColumnFormat format, Func<LeagueRow, object?> value) => new(key, format, (_, r) => value(r));

    private static string? Words(string? text) => string.IsNullOrEmpty(text) ? null : text;

    public static IReadOnlyList<LeagueColumn> All { get; } =
    [
        new("sector", ColumnFormat.Text, (t, _) => t.Sector),
        new("wave", ColumnFormat.Text, (t, _) => t.Wave),
        C("rank", ColumnFormat.Whole, r => r.Rank) with
        {
            ShortHeaderKey = "Column.rank", Shown = (_, r) => r.Rank is null ? "–" : Display.Rank(r),
        },
        C("brand", ColumnFormat.Text, r => r.Brand) with { ShortHeaderKey = "Column.brand" },
        C("eligible", ColumnFormat.YesNo, r => r.Eligible),
        C("reason", ColumnFormat.Text, r => Texts.Reason(r)),
        C("n_customers", ColumnFormat.Whole, r => r.Result.Customers.N) with { ShortHeaderKey = "Report.ColCustomers" },
        C("n_prospects", ColumnFormat.Whole, r => r.Result.Prospects.N) with { ShortHeaderKey = "Report.ColProspects" },
        C("effective_customers", ColumnFormat.OneDecimal, r => r.Result.Customers.EffectiveBase),
        C("effective_prospects", ColumnFormat.OneDecimal, r => r.Result.Prospects.EffectiveBase),
        C("rank_low", ColumnFormat.Whole, r => r.RankRange?.Low),
        C("rank_high", ColumnFormat.Whole, r => r.RankRange?.High),
        C("can_lead", ColumnFormat.YesNo, r => r.Eligible ? r.RankRange?.Low == 1 : null),
        new("can_be_last", ColumnFormat.YesNo, (t, r) => r.Eligible ? r.RankRange?.High == t.Rows.Count(x => x.Eligible) : null),
        C("cx_index", ColumnFormat.Whole, r => r.Index?.Value) with { ShortHeaderKey = "Column.index" },
        C("cx_index_low", ColumnFormat.Whole, r => r.Index?.Low),
        C("cx_index_high", ColumnFormat.Whole, r => r.Index?.High),
        C("vs_average", ColumnFormat.OneDecimal, r => r.VersusAverage?.Difference.Value),
        C("vs_average_low", ColumnFormat.OneDecimal, r => r.VersusAverage?.Difference.Low),
        C("vs_average_high", ColumnFormat.OneDecimal, r => r.VersusAverage?.Difference.High),
        C("vs_average_position", ColumnFormat.Text, r => Words(Display.Position(r.VersusAverage?.Position))) with
        {
            ShortHeaderKey = "Report.ColVsAvg", Shown = (_, r) => Display.PositionShort(r.VersusAverage?.Position),
        },
        C("cx_score", ColumnFormat.OneDecimal, r => r.Result.Score?.Value) with { ShortHeaderKey = "Report.ColScore" },
        C("cx_score_low", ColumnFormat.OneDecimal, r => r.Result.Score?.Low),
        C("cx_score_high", ColumnFormat.OneDecimal, r => r.Result.Score?.High),
        C("performance", ColumnFormat.OneDecimal, r => r.Result.Performance?.Value) with { ShortHeaderKey = "Report.ColP" },
        C("performance_low", ColumnFormat.OneDecimal, r => r.Result.Performance?.Low),
        C("performance_high", ColumnFormat.OneDecimal, r => r.Result.Performance?.High),
        C("expectation", ColumnFormat.OneDecimal, r => r.Result.Expectation?.Value) with { ShortHeaderKey = "Report.ColE" },
        C("expectation_low", ColumnFormat.OneDecimal, r => r.Result.Expectation?.Low),
        C("expectation_high", ColumnFormat.OneDecimal, r => r.Result.Expectation?.High),
        C("gap", ColumnFormat.OneDecimal, r => r.Result.Gap?.Value) with
        {
            ShortHeaderKey = "Column.gap", Shown = (_, r) => Display.Signed(r.Result.Gap?.Value), Mark = r => r.Result.GapSignificant == true,
        },
        C("gap_low", ColumnFormat.OneDecimal, r => r.Result.Gap?.Low),
        C("gap_high", ColumnFormat.OneDecimal, r => r.Result.Gap?.High),
        C("gap_significant", ColumnFormat.YesNo, r => r.Result.GapSignificant),
        C("applied_gap", ColumnFormat.OneDecimal, r => r.Result.AppliedGap) with
        {
            ShortHeaderKey = "Report.ColApplied", Shown = (_, r) => Display.Signed(r.Result.AppliedGap),
        },
        C("verdict", ColumnFormat.Text, r => r.Result.Verdict is { } v ? Texts.Verdict(v) : null) with
        {
            // Narrow tables that list unranked brands say why in the verdict's place.
            ShortHeaderKey = "Column.verdict", Shown = (_, r) => r.Eligible ? r.Result.Verdict is { } v ? Texts.Verdict(v) : "" : Texts.Reason(r) ?? "",
        },
        C("gap_above_cap_not_significant", ColumnFormat.YesNo, r => r.Result.GapAboveCapNotSignificantly),
        .. SuccessFactors.All.Select(f => new LeagueColumn(f.Key() + "_gap", ColumnFormat.OneDecimal, (_, r) => r.Result.FactorGaps[(int)f].Gap?.Value)),
        C("nps", ColumnFormat.OneDecimal, r => r.Result.Customers.Nps?.Value),
        C("nps_low", ColumnFormat.OneDecimal, r => r.Result.Customers.Nps?.Low),
        C("nps_high", ColumnFormat.OneDecimal, r => r.Result.Customers.Nps?.High),
        C("csat", ColumnFormat.OneDecimal, r => r.Result.Customers.Csat?.Value),
        C("csat_low", ColumnFormat.OneDecimal, r => r.Result.Customers.Csat?.Low),
        C("csat_high", ColumnFormat.OneDecimal, r => r.Result.Customers.Csat?.High),
        C("ces", ColumnFormat.OneDecimal, r => r.Result.Customers.Ces?.Value),
        C("previous_wave", ColumnFormat.Text, r => r.Movement?.PreviousWave),
        C("score_change", ColumnFormat.OneDecimal, r => r.Movement?.Change.Value) with
        {
            ShortHeaderKey = "Report.ColChange", Shown = (_, r) => Display.Signed(r.Movement?.Change.Value), Mark = r => r.Movement?.Significant == true,
        },
        C("score_change_low", ColumnFormat.OneDecimal, r => r.Movement?.Change.Low),
        C("score_change_high", ColumnFormat.OneDecimal, r => r.Movement?.Change.High),
        C("score_change_p", ColumnFormat.Probability, r => r.Movement?.PValue),
        C("score_change_q", ColumnFormat.Probability, r => r.Movement?.QValue),
        C("score_change_significant", ColumnFormat.YesNo, r => r.Movement?.Significant),
        C("rank_change", ColumnFormat.Whole, r => r.Movement?.RankChange) with
        {
            ShortHeaderKey = "Report.ColRankChange", Shown = (_, r) => r.Movement is { } m ? (m.RankChange > 0 ? "+" : "") + Display.Number(m.RankChange, "0") : "",
        },
    ];

    /// <summary>A column by its key.</summary>
    public static LeagueColumn Get(string key) => All.First(c => c.Key == key);

    /// <summary>The narrow table of the PDF and the deck: rank (with range), brand, index, CX+, P, E, gap*, against the average, verdict.</summary>
    public static IReadOnlyList<LeagueColumn> Narrow { get; } =
        [.. new[] { "rank", "brand", "cx_index", "cx_score", "performance", "expectation", "gap", "vs_average_position", "verdict" }.Select(Get)];

    /// <summary>The CX+ score's interval as one cell ("70,1–74,2"); files write its ends (cx_score_low, cx_score_high).</summary>
    private static LeagueColumn ScoreInterval { get; } =
        C("cx_score_interval", ColumnFormat.Text, r => Display.Interval(r.Result.Score)) with { ShortHeaderKey = "Report.ColInterval" };

    /// <summary>The terminal's table: the narrow one with the CX+ interval, the applied gap, the bases and the movement (declared after what it uses: statics start in order).</summary>
    public static IReadOnlyList<LeagueColumn> Terminal { get; } =
        [.. new[] { "rank", "brand", "cx_index", "cx_score" }.Select(Get), ScoreInterval,
         .. new[] { "performance", "expectation", "gap", "applied_gap", "verdict", "n_customers", "n_prospects", "score_change", "rank_change" }.Select(Get)];

}
