using System.Globalization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>The league table as aligned text for a terminal.</summary>
public static class LeagueText
{
    public static string Render(LeagueTable table)
    {
        string[] header = ["Rank", "Brand", "Index", "CX+", "CI", "P", "E", "Gap", "Applied", "Verdict", "nC", "nP", "Δ", "Rank Δ"];
        var lines = new List<string[]> { header };
        foreach (var row in table.Rows)
        {
            var r = row.Result;
            var gap = Display.Signed(r.Gap?.Value) + (r.GapSignificant == true ? "*" : "");
            lines.Add([
                row.Rank is null ? "-" : Display.Rank(row), row.Brand, Display.Index(row.Index), Display.Score(r.Score?.Value),
                Display.Interval(r.Score), Display.Score(r.Performance?.Value), Display.Score(r.Expectation?.Value), gap,
                Display.Signed(r.AppliedGap), row.Eligible ? r.Verdict?.DisplayName() ?? "" : row.Reason ?? "",
                r.Customers.N.ToString(CultureInfo.InvariantCulture), r.Prospects.N.ToString(CultureInfo.InvariantCulture),
                row.Movement is { } m ? Display.Signed(m.Change.Value) + (m.Significant == true ? "*" : "") : "",
                row.Movement is { } mv ? mv.RankChange.ToString("+0;-0;0", CultureInfo.InvariantCulture) : "",
            ]);
        }
        var widths = Enumerable.Range(0, header.Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{table.Sector} — {table.Wave}");
        if (table.PreviousWave is not null) text.Append(CultureInfo.InvariantCulture, $" (movement against {table.PreviousWave})");
        text.Append('\n');
        foreach (var line in lines)
            text.Append(string.Join("  ", line.Select((cell, c) => c is 1 or 9 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd()).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"Sector average CX+ score: {Display.Score(table.Average)} (index 100)\n");
        if (LeagueReading.Lead(table) is { } lead) text.Append(lead).Append('\n');
        text.Append("* gap: significant at the confidence level");
        if (table.PreviousWave is not null) text.Append("; Δ: ").Append(LeagueReading.MovementNote(table.Settings).TrimEnd('.'));
        text.Append(".\nSettings: ").Append(table.Settings.ToString()).Append('\n');
        return text.ToString();
    }
}
