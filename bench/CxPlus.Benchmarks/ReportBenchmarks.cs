using System.Diagnostics;
using CxPlus.Data.Demo;
using CxPlus.Data.League;
using CxPlus.Reports;
using CxPlus.Scoring;

namespace CxPlus.Benchmarks;

/// <summary>Issue #5's goal: median time per brand report over a sector (load from the store + PDF).</summary>
internal static class ReportBenchmarks
{
    public static async Task RunAsync(string server)
    {
        await using var db = await ScratchDatabase.WithDemoAsync(server);

        var queries = new LeagueQueries(db.DataSource, ScoringSettings.Default);
        var wave = DemoBenchmark.Waves[^1];
        var brands = (await queries.LeagueAsync("Insurance", wave)).Rows.Select(r => r.Brand).ToArray();
        var total = new List<double>();
        var pdfOnly = new List<double>();
        long bytes = 0;
        for (var round = 0; round < 6; round++) // round 0 warms up JIT, fonts and the pool
        {
            foreach (var brand in brands)
            {
                var watch = Stopwatch.StartNew();
                var data = await BrandReportData.LoadAsync(queries, "Insurance", wave, brand);
                var loaded = watch.Elapsed.TotalMilliseconds;
                using var pdf = new MemoryStream();
                BrandReport.Write(data, pdf, DateTimeOffset.UtcNow);
                if (round == 0) continue;
                total.Add(watch.Elapsed.TotalMilliseconds);
                pdfOnly.Add(watch.Elapsed.TotalMilliseconds - loaded);
                bytes = pdf.Length;
            }
        }
        total.Sort();
        pdfOnly.Sort();
        Console.WriteLine($"| brand report (Insurance, {brands.Length} brands × 5 rounds): load + PDF, median | {total[total.Count / 2]:F1} ms |");
        Console.WriteLine($"| of which drawing the PDF, median | {pdfOnly[pdfOnly.Count / 2]:F1} ms |");
        Console.WriteLine($"| report size | {bytes / 1024.0:F0} KiB |");
    }
}
