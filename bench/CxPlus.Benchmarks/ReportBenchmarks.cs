using System.Diagnostics;
using CxPlus.Data.Demo;
using CxPlus.Data.League;
using CxPlus.Reports;
using CxPlus.Scoring;

namespace CxPlus.Benchmarks;

/// <summary>
/// Issue #12's goal (and #5's before it): per brand report over a sector, the median time to load
/// it from the store and write the PDF, and likewise the PowerPoint deck; at most 300 ms each. Issue
/// #26: in English and in Dutch, in the same run, so that the two can be compared.
/// </summary>
internal static class ReportBenchmarks
{
    public static async Task RunAsync(string server)
    {
        await using var db = await ScratchDatabase.WithDemoAsync(server);

        var queries = new LeagueQueries(db.DataSource, ScoringSettings.Default);
        var wave = DemoBenchmark.Waves[^1];
        var brands = (await queries.LeagueAsync("Insurance", wave)).Rows.Select(r => r.Brand).ToArray();
        var timings = new Dictionary<string, List<double>>();
        var bytes = new Dictionary<string, long>();
        string[] languages = ["en", "nl"];
        for (var round = 0; round < 6; round++) // round 0 warms up JIT, fonts and the pool
        foreach (var language in languages)
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);
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
                    var key = $"{format} {language}";
                    (timings.TryGetValue(key, out var all) ? all : timings[key] = []).Add(watch.Elapsed.TotalMilliseconds);
                    (timings.TryGetValue(key + " drawing", out var drawing) ? drawing : timings[key + " drawing"] = []).Add(watch.Elapsed.TotalMilliseconds - loaded);
                    bytes[key] = output.Length;
                }
            }
        }
        // The figures themselves are written as the rest of docs/performance.md: invariant.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
        static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        foreach (var language in languages)
        {
            Console.WriteLine($"| brand report PDF in {language} (Insurance, {brands.Length} brands × 5 rounds): load + write, median | {Median(timings[$"pdf {language}"]):F1} ms | ≤ 300 ms |");
            Console.WriteLine($"| of which laying out and drawing the PDF, median | {Median(timings[$"pdf {language} drawing"]):F1} ms | |");
            Console.WriteLine($"| brand report PowerPoint in {language}: load + write, median | {Median(timings[$"pptx {language}"]):F1} ms | ≤ 300 ms |");
            Console.WriteLine($"| of which building the deck (three chart images), median | {Median(timings[$"pptx {language} drawing"]):F1} ms | |");
            Console.WriteLine($"| sizes in {language}: PDF {bytes[$"pdf {language}"] / 1024.0:F0} KiB, deck {bytes[$"pptx {language}"] / 1024.0:F0} KiB | | |");
        }
        Console.WriteLine($"| Dutch against English, PDF / deck (ratio of medians, same run) | {Median(timings["pdf nl"]) / Median(timings["pdf en"]):F2} / {Median(timings["pptx nl"]) / Median(timings["pptx en"]):F2} | ≤ 1 (no slower) |");
    }
}
