using System.IO.Compression;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;

namespace CxPlus.Reports;

/// <summary>
/// A sector's reports in one download: every brand's PDF report and the league workbook, zipped.
/// Streamed: each entry goes out as soon as it is made, so the first bytes leave after one report
/// (not after the whole bundle: 219 s for 200 brands before), and memory holds one report, not the
/// bundle. File names are unique per brand (<see cref="FileNames"/>).
/// </summary>
public static class ReportBundle
{
    /// <summary>Writes the bundle into <paramref name="output"/>; <paramref name="priorityOf"/> gives a brand's what-to-fix-first matrix, asked for brand by brand as its report is made.</summary>
    public static async Task WriteAsync(IReadOnlyList<LeagueTable> history, string wave, Stream output, DateTimeOffset made, Branding branding,
        Func<string, CancellationToken, Task<PriorityMatrix?>>? priorityOf = null, CancellationToken ct = default)
    {
        var table = history.First(t => Names.Same(t.Wave, wave));
        // The zip writer writes its headers synchronously, which a response body refuses: it writes into
        // this small buffer instead, which is sent on, asynchronously, after every entry.
        using var pending = new MemoryStream();
        await using (var zip = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var row in table.Rows)
            {
                var priorities = priorityOf is null ? null : await priorityOf(row.Brand, ct);
                var data = BrandReportData.From(history, table, row, priorities);
                using var pdf = new MemoryStream();
                BrandReport.Write(data, pdf, made, branding);
                await AddAsync(zip, FileNames.Report(data), pdf, ct);
                await SendAsync(pending, output, ct);
            }
            using var workbook = new MemoryStream();
            LeagueWorkbook.Write(table, history, workbook);
            await AddAsync(zip, FileNames.League(table.Sector, table.Wave, "xlsx"), workbook, ct);
            await SendAsync(pending, output, ct);
        }
        await SendAsync(pending, output, ct); // the zip's central directory, written when it closed
    }

    private static async Task AddAsync(ZipArchive zip, string name, MemoryStream content, CancellationToken ct)
    {
        await using var entry = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(ct);
        content.Position = 0;
        await content.CopyToAsync(entry, ct);
    }

    /// <summary>Sends what the zip wrote so far and empties the buffer.</summary>
    private static async Task SendAsync(MemoryStream pending, Stream output, CancellationToken ct)
    {
        if (pending.Length == 0) return;
        await output.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), ct);
        await output.FlushAsync(ct);
        pending.SetLength(0);
    }
}
