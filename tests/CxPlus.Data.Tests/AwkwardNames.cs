using System.Globalization;
using System.Text;

namespace CxPlus.Data.Tests;

/// <summary>
/// A sector whose every name is legal but awkward (data-format.md "Names"): slashes, ampersands,
/// plus signs, per cent, hash and question marks, Cyrillic and Greek, 60 characters, and text a
/// spreadsheet would run as a formula. Every brand is ranked (120 customers, 60 prospects).
/// </summary>
public static class AwkwardNames
{
    public const string Sector = "Nordic / Insurance & Co";
    public const string Wave = "2026-Q3";
    public const string LongBrand = "The Extraordinarily Long Named Mutual Insurance Company Ltd.";

    public static readonly string[] Brands =
    [
        "Tryg A/S", "A&B", "A+B", "a/b", "100% Bank", "Q#1?", "Банк Один", "Банк Два", "Τράπεζα Αθηνών", LongBrand,
        "=cmd|' /C calc'!A0", "@SUM(A1)", "+SUM(1+1)", "-Minus",
    ];

    /// <summary>The response file, in the import format; brand i's scores rise with i so that ranks differ.</summary>
    public static string Csv()
    {
        var sb = new StringBuilder(Files.Header).Append('\n');
        for (var b = 0; b < Brands.Length; b++)
        {
            for (var i = 0; i < 180; i++)
            {
                var customer = i < 120;
                var rating = (customer ? 5 : 4) + (i + b) % 4 + (b % 3 == 0 && customer ? 1 : 0);
                var id = i == 0 ? "-R0" : $"R{i}";
                sb.Append(CultureInfo.InvariantCulture,
                    $"{Wave},{Quote(Sector)},{Quote(Brands[b])},{id},{(customer ? "customer" : "prospect")},{rating},{rating},{Math.Min(10, rating + 1)},{rating},{rating},,{Math.Min(10, rating + 2)},4,5\n");
            }
        }
        return sb.ToString();
    }

    private static string Quote(string field) => field.AsSpan().IndexOfAny(",\"\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
