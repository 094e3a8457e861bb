using System.Globalization;
using System.Text;
using CxPlus.Data;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>
/// The league table as CSV for spreadsheets: UTF-8, one header row, the columns of
/// <see cref="LeagueExport"/> with '.' as the decimal point, and the settings in the last column.
/// No text cell can start a formula (issue #15, break 2); numbers are written as numbers.
/// </summary>
public static class LeagueCsv
{
    public static void Write(LeagueTable table, TextWriter output)
    {
        output.Write(string.Join(',', LeagueExport.ColumnNames.Append("settings")));
        output.Write('\n');
        var settings = Text(table.Settings.ToString());
        foreach (var values in LeagueExport.Rows(table))
        {
            output.Write(string.Join(',', values.Select(Cell).Append(settings)));
            output.Write('\n');
        }
    }

    public static string ToCsv(LeagueTable table)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(table, writer);
        return writer.ToString();
    }

    /// <summary>A typed value as a CSV field: numbers as numbers (a minus stays a minus), text neutralised (<see cref="Text"/>).</summary>
    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => Text(s),
        bool b => b ? "true" : "false",
        double d => d.ToString("0.0##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Text(value.ToString() ?? ""),
    };

    /// <summary>
    /// A text field: never a formula for the spreadsheet that opens the file (<see cref="SpreadsheetText"/>),
    /// then RFC 4180 quoting.
    /// </summary>
    public static string Text(string field) => Quote(SpreadsheetText.Neutralise(field));

    /// <summary>RFC 4180 quoting, the value itself unchanged.</summary>
    private static string Quote(string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\n\r") < 0) return field;
        var sb = new StringBuilder(field.Length + 2).Append('"');
        foreach (var c in field) sb.Append(c == '"' ? "\"\"" : c.ToString());
        return sb.Append('"').ToString();
    }
}
