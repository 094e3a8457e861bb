using System.Globalization;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>The league table as aligned text for a terminal: the columns of <see cref="LeagueColumns.Terminal"/>, in the current language.</summary>
public static class LeagueText
{
    public static string Render(LeagueTable table)
    {
        var columns = LeagueColumns.Terminal;
        var lines = new List<string[]> { columns.Select(c => c.ShortHeader).ToArray() };
        lines.AddRange(table.Rows.Select(row => columns.Select(c => c.Cell(table, row)).ToArray()));
        var widths = Enumerable.Range(0, columns.Count).Select(c => lines.Max(l => l[c].Length)).ToArray();
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.CurrentCulture, $"{table.Sector} — {table.Wave}");
        if (table.PreviousWave is not null) text.Append(Texts.Format("Terminal.MovementAgainst", table.PreviousWave));
        text.Append('\n');
        if (LeagueReading.SegmentNote(table) is { } segment) text.Append(segment).Append('\n');
        foreach (var line in lines)
            text.Append(string.Join("  ", line.Select((cell, c) => columns[c].Format == ColumnFormat.Text ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd()).Append('\n');
        text.Append(Texts.Format("Terminal.Average", Display.Score(table.Average))).Append('\n');
        if (LeagueReading.Lead(table) is { } lead) text.Append(lead).Append('\n');
        text.Append(Texts.Get("Terminal.GapMark"));
        if (table.PreviousWave is not null) text.Append(Texts.Format("Terminal.ChangeMark", LeagueReading.MovementNote(table.Settings).TrimEnd('.')));
        text.Append(".\n").Append(Texts.Format("Terminal.Settings", Texts.Settings(table.Settings))).Append('\n');
        return text.ToString();
    }
}
