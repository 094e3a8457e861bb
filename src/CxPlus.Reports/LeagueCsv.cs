using System.Globalization;
using System.Text;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>
/// The league table as CSV for spreadsheets: UTF-8, one header row, the columns of
/// <see cref="LeagueExport"/> with '.' as the decimal point, and the settings in the last column.
/// </summary>
public static class LeagueCsv
{
    public static void Write(LeagueTable table, TextWriter output)
    {
        output.Write(string.Join(',', LeagueExport.ColumnNames.Append("settings")));
        output.Write('\n');
        var settings = table.Settings.ToString();
        foreach (var values in LeagueExport.Rows(table))
        {
            output.Write(string.Join(',', values.Select(Format).Append(settings).Select(Quote)));
            output.Write('\n');
        }
    }

    public static string ToCsv(LeagueTable table)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(table, writer);
        return writer.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString("0.0##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>RFC 4180 quoting; a leading = + @ (not -, negative gaps are numbers) is prefixed with ' so spreadsheets do not run it as a formula.</summary>
    public static string Quote(string field) =>
        QuoteExact(field.Length > 0 && "=+@\t\r".Contains(field[0]) ? "'" + field : field);

    /// <summary>RFC 4180 quoting that keeps the value exactly (for files meant to be re-imported).</summary>
    public static string QuoteExact(string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\n\r") < 0) return field;
        var sb = new StringBuilder(field.Length + 2).Append('"');
        foreach (var c in field) sb.Append(c == '"' ? "\"\"" : c.ToString());
        return sb.Append('"').ToString();
    }
}
