using System.Globalization;
using System.Text;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>
/// The league table as CSV for spreadsheets: UTF-8, one header row, numbers rounded as displayed
/// (one decimal; index whole) with '.' as the decimal point, settings stated in the last columns.
/// </summary>
public static class LeagueCsv
{
    private static readonly string[] Columns =
    [
        "sector", "wave", "rank", "brand", "eligible", "reason", "n_customers", "n_prospects",
        "cx_index", "cx_score", "cx_score_low", "cx_score_high", "performance", "performance_low", "performance_high",
        "expectation", "expectation_low", "expectation_high", "gap", "gap_low", "gap_high", "gap_significant",
        "applied_gap", "verdict", .. SuccessFactors.All.Select(f => f.Key() + "_gap"),
        "nps", "csat", "ces", "previous_wave", "score_change", "score_change_significant", "rank_change", "settings",
    ];

    public static void Write(LeagueTable table, TextWriter output)
    {
        output.Write(string.Join(',', Columns));
        output.Write('\n');
        foreach (var row in table.Rows)
        {
            var r = row.Result;
            string[] fields =
            [
                table.Sector, table.Wave, row.Rank?.ToString(CultureInfo.InvariantCulture) ?? "", row.Brand,
                row.Eligible ? "true" : "false", row.Reason ?? "",
                r.Customers.N.ToString(CultureInfo.InvariantCulture), r.Prospects.N.ToString(CultureInfo.InvariantCulture),
                Display.Index(row.Index), Display.Score(r.Score?.Value), Display.Score(r.Score?.Low), Display.Score(r.Score?.High),
                Display.Score(r.Performance?.Value), Display.Score(r.Performance?.Low), Display.Score(r.Performance?.High),
                Display.Score(r.Expectation?.Value), Display.Score(r.Expectation?.Low), Display.Score(r.Expectation?.High),
                Display.Score(r.Gap?.Value), Display.Score(r.Gap?.Low), Display.Score(r.Gap?.High), Bool(r.GapSignificant),
                Display.Score(r.AppliedGap), r.Verdict?.DisplayName() ?? "",
                .. r.FactorGaps.Select(g => Display.Score(g.Gap?.Value)),
                Display.Score(r.Customers.Nps?.Value), Display.Score(r.Customers.Csat?.Value), Display.Score(r.Customers.Ces?.Value),
                row.Movement?.PreviousWave ?? "", Display.Score(row.Movement?.Change.Value), Bool(row.Movement?.Significant),
                row.Movement?.RankChange.ToString(CultureInfo.InvariantCulture) ?? "",
                table.Settings.ToString(),
            ];
            output.Write(string.Join(',', fields.Select(Quote)));
            output.Write('\n');
        }
    }

    public static string ToCsv(LeagueTable table)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(table, writer);
        return writer.ToString();
    }

    private static string Bool(bool? value) => value switch { true => "true", false => "false", null => "" };

    /// <summary>RFC 4180 quoting; a leading = + @ (not -, negative gaps are numbers) is prefixed with ' so spreadsheets do not run it as a formula.</summary>
    public static string Quote(string field)
    {
        if (field.Length > 0 && "=+@\t\r".Contains(field[0])) field = "'" + field;
        if (field.AsSpan().IndexOfAny(",\"\n\r") < 0) return field;
        var sb = new StringBuilder(field.Length + 2).Append('"');
        foreach (var c in field) sb.Append(c == '"' ? "\"\"" : c.ToString());
        return sb.Append('"').ToString();
    }
}
