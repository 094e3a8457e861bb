namespace CxPlus.Reports;

/// <summary>File names for downloads and exports: lower-case ASCII, so they survive any file system and mail client.</summary>
public static class FileNames
{
    public static string League(string sector, string wave, string extension) => $"cx-league-{Slug(sector)}-{Slug(wave)}.{extension}";

    public static string Responses(string sector, string wave) => $"cx-responses-{Slug(sector)}-{Slug(wave)}.csv";

    public static string Report(BrandReportData data) => $"cx-report-{Slug(data.Row.Brand)}-{Slug(data.Table.Sector)}-{Slug(data.Table.Wave)}.pdf";

    private static string Slug(string s) => new([.. s.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
}
