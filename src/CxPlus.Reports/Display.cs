using System.Globalization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>methodology.md "Display": scores, gaps and intervals to one decimal; the index whole; half away from zero.</summary>
public static class Display
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Score(double? value) => value is { } v ? Rounding.OneDecimal(v).ToString("0.0", Invariant) : "";

    public static string Signed(double? value) => value is { } v ? Rounding.OneDecimal(v).ToString("+0.0;-0.0;0.0", Invariant) : "";

    public static string Index(double? value) => value is { } v ? Rounding.Whole(v).ToString("0", Invariant) : "";

    /// <summary>"1 row", "1,065,060 rows": a count with its noun, for the CLI and the pages alike.</summary>
    public static string Count(long n, string noun) => string.Create(Invariant, $"{n:#,0} {noun}{(n == 1 ? "" : "s")}");

    public static string Interval(Estimate? e) => e?.Low is { } low && e.High is { } high ? $"{Score(low)}–{Score(high)}" : "";
}
