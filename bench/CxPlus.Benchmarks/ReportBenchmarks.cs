using System.Diagnostics;
using CxPlus.Data.Demo;
using CxPlus.Data.League;
using CxPlus.Reports;
using CxPlus.Scoring;

namespace CxPlus.Benchmarks;

/// <summary>
/// Issue #12's goal (and #5's before it): per brand report over a sector, the median time to load
/// it from the store and write the PDF, and likewise the PowerPoint deck; at most 300 ms each.
/// </summary>
internal static class ReportBenchmarks
{
    public static async Task RunAsync(string server)
    {
        await using var db = await ScratchDatabase.WithDemoAsync(server);

        var queries = new LeagueQueries(db.DataSource, ScoringSettings.Default);
        var wave = DemoBenchmark.Waves[^1];
        var brands = (await queries.LeagueAsync("Insurance", wave)).Rows.Select(r => r.Brand).ToArray();
        var timings = new Dictionary<string, List<double>> { ["pdf"] = [], ["pdf drawing"] = [], ["pptx"] = [], ["pptx drawing"] = [] };
        var bytes = new Dictionary<string, long>();
        for (var round = 0; round < 6; round++) // round 0 warms up JIT, fonts and the pool
        {
            foreach (var brand in brands)
            {
                foreach (var (format, write) in new (string, Action<BrandReportData, Stream>)[]
                         {
                             ("pdf", (d, s) => BrandReport.Write(d, s, DateTimeOffset.UtcNow)),
                             ("pptx", (d, s) => BrandDeck.Write(d, s, DateTimeOffset.UtcNow)),
                         })
                {
                    var watch = Stopwatch.StartNew();
                    var data = await BrandReportData.LoadAsync(queries, "Insurance", wave, brand);
                    var loaded = watch.Elapsed.TotalMilliseconds;
                    using var output = new MemoryStream();
                    write(data, output);
                    if (round == 0) continue;
                    timings[format].Add(watch.Elapsed.TotalMilliseconds);
                    timings[format + " drawing"].Add(watch.Elapsed.TotalMilliseconds - loaded);
                    bytes[format] = output.Length;
                }
            }
        }
        static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine($"| brand report PDF (Insurance, {brands.Length} brands × 5 rounds): load + write, median | {Median(timings["pdf"]):F1} ms | ≤ 300 ms |");
        Console.WriteLine($"| of which laying out and drawing the PDF, median | {Median(timings["pdf drawing"]):F1} ms | |");
        Console.WriteLine($"| brand report PowerPoint: load + write, median | {Median(timings["pptx"]):F1} ms | ≤ 300 ms |");
        Console.WriteLine($"| of which building the deck (three chart images), median | {Median(timings["pptx drawing"]):F1} ms | |");
        Console.WriteLine($"| sizes: PDF {bytes["pdf"] / 1024.0:F0} KiB, deck {bytes["pptx"] / 1024.0:F0} KiB | | |");
    }
}
