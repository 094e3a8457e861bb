using System.IO.Compression;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;

namespace CxPlus.Reports;

/// <summary>
/// A sector's reports in one download: every brand's PDF report and the league workbook, zipped.
/// Written straight into the output (a response body need not be seekable), one entry at a time,
/// so memory holds one report, not the bundle. File names are unique per brand (<see cref="FileNames"/>).
/// </summary>
public static class ReportBundle
{
    public static async Task WriteAsync(IReadOnlyList<LeagueTable> history, string wave, Stream output, DateTimeOffset made, Branding branding,
        IReadOnlyDictionary<string, PriorityMatrix>? priorities = null, CancellationToken ct = default)
    {
        var table = history.First(t => Names.Same(t.Wave, wave));
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var row in table.Rows)
        {
            ct.ThrowIfCancellationRequested();
            var data = BrandReportData.From(history, table, row, priorities?.GetValueOrDefault(row.Brand));
            await using var entry = await zip.CreateEntry(FileNames.Report(data), CompressionLevel.Fastest).OpenAsync(ct);
            using var pdf = new MemoryStream();
            BrandReport.Write(data, pdf, made, branding);
            pdf.Position = 0;
            await pdf.CopyToAsync(entry, ct);
        }
        await using (var entry = await zip.CreateEntry(FileNames.League(table.Sector, table.Wave, "xlsx"), CompressionLevel.Fastest).OpenAsync(ct))
        {
            using var workbook = new MemoryStream();
            LeagueWorkbook.Write(table, history, workbook);
            workbook.Position = 0;
            await workbook.CopyToAsync(entry, ct);
        }
    }
}
