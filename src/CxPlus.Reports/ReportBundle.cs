using System.IO.Compression;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>
/// A sector's reports in one download: every brand's PDF report and the league workbook, zipped.
/// Streamed: each entry goes out as soon as it is made, so the first bytes leave after one report
/// (not after the whole bundle: 219 s for 200 brands before), and memory holds one report, not the
/// bundle. File names are unique per brand (<see cref="FileNames"/>).
/// </summary>
public static class ReportBundle
{
    /// <summary>
    /// Writes the bundle into <paramref name="output"/>; <paramref name="complete"/> adds what a brand's
    /// report shows beyond the sector's history (what to fix first, its segments), asked for brand by
    /// brand as its report is made.
    /// </summary>
    public static async Task WriteAsync(IReadOnlyList<LeagueTable> history, string wave, Stream output, DateTimeOffset made, Branding branding,
        Func<BrandReportData, CancellationToken, Task<BrandReportData>>? complete = null, CancellationToken ct = default)
    {
        var table = history.First(t => Names.Same(t.Wave, wave));
        // The zip writer writes its headers synchronously, which a response body refuses: it writes into
        // this small buffer instead, which is sent on, asynchronously, after every entry. Forward-only,
        // so the writer neither seeks back nor takes the buffer's position for the offset of an entry.
        using var pending = new ForwardBuffer();
        await using (var zip = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var row in table.Rows)
            {
                var data = BrandReportData.From(history, table, row);
                if (complete is not null) data = await complete(data, ct);
                using var pdf = new MemoryStream();
                BrandReport.Write(data, pdf, made, branding);
                await AddAsync(zip, FileNames.Report(data), pdf, ct);
                await SendAsync(pending, output, ct);
            }
            using var workbook = new MemoryStream();
            LeagueWorkbook.Write(table, history, workbook);
            await AddAsync(zip, FileNames.League(table, "xlsx"), workbook, ct);
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
    private static async Task SendAsync(ForwardBuffer pending, Stream output, CancellationToken ct)
    {
        if (pending.Buffered.Length == 0) return;
        await output.WriteAsync(pending.Buffered.GetBuffer().AsMemory(0, (int)pending.Buffered.Length), ct);
        await output.FlushAsync(ct);
        pending.Buffered.SetLength(0);
    }

    /// <summary>A write-only stream that keeps what is written until it is sent on; it cannot seek.</summary>
    private sealed class ForwardBuffer : Stream
    {
        public MemoryStream Buffered { get; } = new();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => Buffered.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => Buffered.Write(buffer);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Buffered.WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Buffered.WriteAsync(buffer, cancellationToken);
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) Buffered.Dispose();
            base.Dispose(disposing);
        }
    }
}
