using System.Globalization;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>
/// methodology.md "Display": scores, gaps and intervals to one decimal; the index whole; half away
/// from zero. A value that rounds to zero reads 0.0, never -0.0. Numbers are written as the reader
/// writes them, in the current culture (83,3 in Dutch, 83.3 in English and in the invariant culture
/// the CLI and machine formats run in); files for machines format their numbers themselves.
/// </summary>
public static class Display
{
    private static CultureInfo Reader => CultureInfo.CurrentCulture;

    /// <summary>One decimal, half away from zero, and no negative zero (adding +0.0 turns -0.0 into 0.0).</summary>
    public static double Rounded(double value) => Rounding.OneDecimal(value) + 0.0;

    public static string Score(double? value) => value is { } v ? Number(Rounded(v), "0.0") : "";

    public static string Signed(double? value) => value is { } v ? (Rounded(v) > 0 ? "+" : "") + Number(Rounded(v), "0.0") : "";

    /// <summary>A rounded number with the reader's minus sign (a real minus, −, in Dutch: the glossary); charts' tick labels too.</summary>
    internal static string Number(double rounded, string format) =>
        rounded < 0 ? Texts.Get("Number.Minus") + (-rounded).ToString(format, Reader) : rounded.ToString(format, Reader);

    /// <summary>The sign of the value as written (-1, 0, +1): a gap written 0.0 is painted as neither a shortfall nor a surplus.</summary>
    public static int Sign(double? value) => value is { } v ? Math.Sign(Rounded(v)) : 0;

    public static string Index(double? value) => value is { } v ? Number(Rounding.Whole(v) + 0.0, "0") : "";

    public static string Index(Estimate? value) => Index(value?.Value);

    /// <summary>A p- or q-value with its name: "p = 0.023", "q &lt; 0.001" below a thousandth; "" when there is none.</summary>
    public static string PValue(string name, double? p) =>
        p is not { } v ? "" : v < 0.001 ? $"{name} < {0.001.ToString("0.000", Reader)}" : $"{name} = {v.ToString("0.000", Reader)}";

    /// <summary>A share as a percentage: "95 %" in English, "95%" in Dutch (the glossary).</summary>
    public static string Percent(double fraction) => Texts.Format("Number.Percent", Math.Round(100 * fraction, MidpointRounding.AwayFromZero).ToString("0", Reader));

    /// <summary>A key driver's importance, a share in whole percent: "35 %" ("35%" in Dutch).</summary>
    public static string Importance(Estimate importance) => Percent(importance.Value / 100);

    /// <summary>An importance's bootstrap interval in whole percent, "30–40"; "" without one.</summary>
    public static string ImportanceInterval(Estimate importance) =>
        importance is { Low: { } low, High: { } high } ? $"{Number(Rounding.Whole(low) + 0.0, "0")}–{Number(Rounding.Whole(high) + 0.0, "0")}" : "";

    /// <summary>An importance with its interval in brackets, "35 % (30–40)", as the reports and charts write it.</summary>
    public static string ImportanceWithInterval(Estimate importance) =>
        Importance(importance) + (ImportanceInterval(importance) is { Length: > 0 } range ? $" ({range})" : "");

    /// <summary>Step 19 in a table's short column: "above", "at", "below"; "" when not estimable.</summary>
    public static string PositionShort(AveragePosition? position) => position is { } p ? Texts.Get($"Report.{p}") : "";

    /// <summary>An interval with its confidence level: "95 % CI 81.4–84.5", "95%-BI 81,4–84,5"; "" without an interval.</summary>
    public static string Interval(Estimate? e, double confidenceLevel) => Interval(e) is { Length: > 0 } range ? Texts.Format("Interval.Labelled", Percent(confidenceLevel), range) : "";

    /// <summary>"1 row", "1,065,060 rows": a count with its English noun, for the CLI (pages write counts with <see cref="Whole"/> in their texts).</summary>
    public static string Count(long n, string noun) => string.Create(Reader, $"{n:#,0} {noun}{(n == 1 ? "" : "s")}");

    /// <summary>"70.1–74.2", or "-7.5 to -3.0" when an end is negative (a dash beside a minus sign misreads).</summary>
    public static string Interval(Estimate? e) => e?.Low is { } low && e.High is { } high ? Range(Score(low), Score(high), Rounded(low) < 0 || Rounded(high) < 0) : "";

    /// <summary>An index interval: "96–104".</summary>
    public static string IndexInterval(Estimate? e) => e?.Low is { } low && e.High is { } high ? Range(Index(low), Index(high), low < -0.5 || high < -0.5) : "";

    private static string Range(string low, string high, bool negative) => negative ? string.Format(Reader, Texts.Get("Range.To"), low, high) : $"{low}–{high}";

    /// <summary>Step 14 with step 20: "2 (1–4)", or "3" when the range is that rank alone; "" when unranked.</summary>
    public static string Rank(LeagueRow row) => row.Rank is not { } rank ? ""
        : row.RankRange is { } range && (range.Low != rank || range.High != rank)
            ? string.Create(Reader, $"{rank} ({range.Low}–{range.High})")
            : rank.ToString(Reader);

    /// <summary>A lens table's rank with its range, as <see cref="Rank(LeagueRow)"/>.</summary>
    public static string Rank(int? rank, RankRange? range) => rank is not { } r ? ""
        : range is { } x && (x.Low != r || x.High != r) ? string.Create(Reader, $"{r} ({x.Low}–{x.High})") : r.ToString(Reader);

    /// <summary>A day as the reader writes it: "2026-12-06" in English (as the files), "6 december 2026" in Dutch.</summary>
    public static string Date(DateTimeOffset when) => when.UtcDateTime.ToString(Texts.Get("Date.Format"), Reader);

    /// <summary>A moment in UTC as the reader writes it: "2026-12-06 14:05", "6 december 2026 14:05".</summary>
    public static string DateTime(DateTimeOffset when) => when.UtcDateTime.ToString(Texts.Get("DateTime.Format"), Reader);

    /// <summary>Yes or no in the reader's words ("ja", "nee"), as the files write a true/false column.</summary>
    public static string YesNo(bool value) => Texts.Get(value ? "Yes" : "No");

    /// <summary>A whole number with the reader's thousands separator: "1,234", "1.234".</summary>
    public static string Whole(long n) => n.ToString("#,0", Reader);

    /// <summary>Step 20 in words: "ranks 1 to 4 with 95 % confidence".</summary>
    public static string RankRange(RankRange range) =>
        range.Low == range.High ? string.Format(Reader, Texts.Get("Rank.One"), range.Low) : string.Format(Reader, Texts.Get("Rank.Range"), range.Low, range.High);

    /// <summary>Step 19: "above average", "at average", "below average"; "" when not estimable.</summary>
    public static string Position(AveragePosition? position) => position switch
    {
        AveragePosition.Above => Texts.Get("Position.Above"),
        AveragePosition.At => Texts.Get("Position.At"),
        AveragePosition.Below => Texts.Get("Position.Below"),
        _ => "",
    };

    /// <summary>The lower-case key used in JSON and CSV: above, at, below.</summary>
    public static string? PositionKey(AveragePosition? position) => position switch
    {
        AveragePosition.Above => "above",
        AveragePosition.At => "at",
        AveragePosition.Below => "below",
        _ => null,
    };
}
