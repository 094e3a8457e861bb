using System.Globalization;
using System.Text;
using CxPlus.Data;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>
/// The league table as CSV for people, in the reader's language (issue #26): the columns of
/// <see cref="LeagueColumns.All"/> with their headers in words, rounded as displayed (one decimal,
/// index whole, p- and q-values to four), yes/no in words, and the settings in the last column.
/// Written as the reader's spreadsheet opens it (<see cref="PeopleCsv"/>). Machines read the JSON.
/// </summary>
public static class LeagueCsv
{
    public static void Write(LeagueTable table, TextWriter output)
    {
        var csv = new PeopleCsv(output);
        csv.Header([.. LeagueColumns.All.Select(c => c.Header(table.Settings)), Texts.Get("LeagueColumn.settings")]);
        var settings = Texts.Settings(table.Settings);
        foreach (var row in table.Rows)
            csv.Row([.. LeagueColumns.All.Select(c => csv.Cell(c.Value(table, row), c.Format)), csv.Cell(settings, ColumnFormat.Text)]);
    }

    /// <summary>The file as text (the terminal's <c>--format csv</c>).</summary>
    public static string ToCsv(LeagueTable table)
    {
        using var writer = new StringWriter(CultureInfo.CurrentCulture);
        Write(table, writer);
        return writer.ToString();
    }

    /// <summary>The file as bytes to download: UTF-8 with a byte order mark, so that Excel reads its accents.</summary>
    public static byte[] ToBytes(LeagueTable table) => PeopleCsv.Bytes(ToCsv(table));

    /// <summary>A text field: never a formula for the spreadsheet that opens the file (<see cref="SpreadsheetText"/>), then quoted where it must be.</summary>
    public static string Text(string field, char separator = ',') => PeopleCsv.Quote(SpreadsheetText.Neutralise(field), separator);
}

/// <summary>
/// A CSV file as the reader's spreadsheet opens it: where the reader's decimal separator is a
/// comma (Dutch), fields are separated by <c>;</c> and numbers written 83,3, as Dutch Excel writes and
/// reads them; else <c>,</c> and 83.3. Numbers are numbers (a plain minus, no thousands separator, so
/// every spreadsheet reads them as numbers); text can never start a formula; RFC 4180 quoting.
/// </summary>
public sealed class PeopleCsv(TextWriter output)
{
    private readonly CultureInfo _culture = Culture(CultureInfo.CurrentCulture);

    public char Separator { get; } = SeparatorFor(CultureInfo.CurrentCulture);

    /// <summary>The field separator for a reader: ';' where numbers have a decimal comma.</summary>
    public static char SeparatorFor(CultureInfo culture) => culture.NumberFormat.NumberDecimalSeparator == "," ? ';' : ',';

    // The reader's decimal separator with a hyphen-minus: a real minus sign (−) reads as text in a spreadsheet.
    private static CultureInfo Culture(CultureInfo reader)
    {
        var culture = (CultureInfo)reader.Clone();
        culture.NumberFormat.NegativeSign = "-";
        return culture;
    }

    /// <summary>The header row: words, quoted where they hold the separator ("Effective base, customers").</summary>
    public void Header(IEnumerable<string> names) => Row(names.Select(name => LeagueCsv.Text(name, Separator)));

    /// <summary>A row of fields already written (<see cref="Cell"/>).</summary>
    public void Row(IEnumerable<string> fields)
    {
        output.Write(string.Join(Separator, fields));
        output.Write('\n');
    }

    /// <summary>A value as a field: numbers rounded by its format, yes/no in words, text neutralised and quoted.</summary>
    public string Cell(object? value, ColumnFormat format) => value switch
    {
        null => "",
        string s => LeagueCsv.Text(s, Separator),
        bool b => Display.YesNo(b),
        IConvertible n when n is not string => Number(Convert.ToDouble(n, CultureInfo.InvariantCulture), format),
        _ => LeagueCsv.Text(value.ToString() ?? "", Separator),
    };

    private string Number(double value, ColumnFormat format) => format switch
    {
        ColumnFormat.Whole => (Rounding.Whole(value) + 0.0).ToString("0", _culture),
        ColumnFormat.Probability => (Math.Round(value, 4, MidpointRounding.AwayFromZero) + 0.0).ToString("0.0###", _culture),
        _ => Display.Rounded(value).ToString("0.0", _culture),
    };

    /// <summary>RFC 4180 quoting, the value itself unchanged.</summary>
    public static string Quote(string field, char separator)
    {
        if (field.AsSpan().IndexOfAny([separator, '"', '\n', '\r']) < 0) return field;
        var sb = new StringBuilder(field.Length + 2).Append('"');
        foreach (var c in field) sb.Append(c == '"' ? "\"\"" : c.ToString());
        return sb.Append('"').ToString();
    }

    /// <summary>The text as UTF-8 with a byte order mark (Excel reads a file without one in the machine's old code page).</summary>
    public static byte[] Bytes(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
}
