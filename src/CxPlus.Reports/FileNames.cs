using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CxPlus.Scoring;
using CxPlus.Scoring.Lenses;

namespace CxPlus.Reports;

/// <summary>
/// File names for downloads and exports: lower-case ASCII, so they survive any file system and
/// mail client, and never the same for two different names (design.md "One rule for names").
/// A name of ASCII letters, digits, spaces and hyphens reads as itself, spaces as underscores
/// ("Retail Banking" → <c>retail_banking</c>, "2026-Q3" → <c>2026-q3</c>), one to one; any other
/// name, whose simplification loses something ("Tryg A/S", "A&amp;B", "Банк"), keeps what it can
/// and gets a stable suffix from its name key, so "a/b", "A&amp;B" and "A+B" stay three files.
/// </summary>
public static class FileNames
{
    public static string League(string sector, string wave, string extension) => $"cx-league-{Slug(sector)}-{Slug(wave)}.{extension}";

    /// <summary>A league table's file; a segment view's names its segment and category: <c>cx-league-banks-w1-age-18-34.csv</c>.</summary>
    public static string League(LeagueTable table, string extension) => table.Segment is { } cut
        ? $"cx-league-{Slug(table.Sector)}-{Slug(table.Wave)}-{Slug(cut.Segment)}-{Slug(cut.Category)}{Draft(table)}.{extension}"
        : $"cx-league-{Slug(table.Sector)}-{Slug(table.Wave)}{Draft(table)}.{extension}";

    /// <summary>Issue 30: a file of a wave not yet released says so in its name, wherever it is saved or sent.</summary>
    private static string Draft(LeagueTable table) => table.Draft ? "-draft" : "";

    /// <summary>A lens's table (<c>cee</c>, <c>kei</c>): <c>cx-cee-retail_banking-2026-q3.csv</c>; a segment view's names its segment and category.</summary>
    public static string Lens(LensTable table, string extension) =>
        $"cx-{table.Lens.Key()}-{Slug(table.Sector)}-{Slug(table.Wave)}{(table.Segment is { } cut ? $"-{Slug(cut.Segment)}-{Slug(cut.Category)}" : "")}{(table.Draft ? "-draft" : "")}.{extension}";

    public static string Responses(string sector, string wave) => $"cx-responses-{Slug(sector)}-{Slug(wave)}.csv";

    public static string Report(BrandReportData data, string extension = "pdf") =>
        $"cx-report-{Slug(data.Row.Brand)}-{Slug(data.Table.Sector)}-{Slug(data.Table.Wave)}{Draft(data.Table)}.{extension}";

    public static string Bundle(LeagueTable table) => $"cx-reports-{Slug(table.Sector)}-{Slug(table.Wave)}{Draft(table)}.zip";

    /// <summary>The name's part of a file name: itself when that loses nothing, else simplified with a suffix that keeps it apart.</summary>
    public static string Slug(string name)
    {
        var normal = Names.Normalize(name);
        if (normal.Length is > 0 and <= 60 && normal.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-'))
            return normal.ToLowerInvariant().Replace(' ', '_');
        var simplified = new StringBuilder();
        foreach (var c in normal.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c)) simplified.Append(char.ToLowerInvariant(c));
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && simplified.Length > 0 && simplified[^1] != '-')
                simplified.Append('-');
        }
        var readable = simplified.ToString().Trim('-');
        if (readable.Length > 40) readable = readable[..40].TrimEnd('-');
        var suffix = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Names.Key(name))))[..8];
        return readable.Length > 0 ? $"{readable}-{suffix}" : suffix;
    }
}
