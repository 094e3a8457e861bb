using System.Diagnostics;
using System.Globalization;
using CxPlus.Scoring;

namespace CxPlus.Benchmarks;

/// <summary>
/// Issue #24's goal: a 200-brand league table (positions, ranges, leaders, movement) built in at
/// most 10 ms, with rank ranges identical to one t quantile per pair. Pure CPU, no database: the
/// sums of 200 brands in two waves are drawn once (bases 100-2,000 customers and 50-1,000
/// prospects, half the brands with unequal weights, CX+ scores spread like a real sector's), then
/// each way of building is timed after warming up.
/// </summary>
public static class ScoringBenchmarks
{
    private const int Brands = 200;
    private const int Runs = 40;

    public static void Run()
    {
        var settings = ScoringSettings.Default;
        var rng = new Random(24);
        var (now, before) = (new BrandWave[Brands], new BrandWave[Brands]);
        for (var i = 0; i < Brands; i++)
        {
            var (p, gap) = (62 + 16 * rng.NextDouble(), -6 + 14 * rng.NextDouble());
            var (customers, prospects, unequal) = (rng.Next(100, 2001), rng.Next(50, 1001), i % 2 == 0);
            var name = $"Brand {i:000}";
            now[i] = new BrandWave(name, Draw(rng, p, customers, unequal, settings), Draw(rng, p - gap, prospects, unequal, settings));
            before[i] = new BrandWave(name, Draw(rng, p - 1 + 2 * rng.NextDouble(), customers, unequal, settings), Draw(rng, p - gap, prospects, unequal, settings));
        }
        var results = now.Select(b => BrandResult.Compute(b, settings)).ToArray();
        var previous = before.Select(b => BrandResult.Compute(b, settings)).ToArray();

        var table = LeagueTable.FromResults("Bench", "W2", results, settings, ("W1", previous));
        var ranked = table.Rows.Where(r => r.Eligible).ToArray();
        var scores = ranked.Select(r => r.Result.Score!).ToArray();
        var byQuantiles = Enumerable.Range(0, scores.Length).Select(j => Positions.RankRangeByQuantiles(j, scores, settings)).ToArray();
        var identical = ranked.Select(r => r.RankRange!.Value).SequenceEqual(byQuantiles);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Brands} brands, {ranked.Length} ranked; leaders {table.Leaders.Count}, movements marked {ranked.Count(r => r.Movement?.Significant == true)} of {ranked.Count(r => r.Movement is not null)}; rank ranges identical to one quantile per pair: {(identical ? "yes" : "NO")}"));
        if (!identical) throw new InvalidOperationException("The fast rank ranges differ from the quantile formulation.");

        Console.WriteLine("| what | median | p95 | runs |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Report("league table from the brands' results (positions, ranges, leaders, movement) — the goal", () => LeagueTable.FromResults("Bench", "W2", results, settings, ("W1", previous)));
        Report("league table from the sums (every brand's P, E, G, X and factors in both waves too)", () => LeagueTable.Build("Bench", "W2", now, settings, ("W1", before)));
        Report("rank ranges alone, fast (p-values inside the band only)", () => Positions.RankRanges(scores, settings));
        Report("rank ranges alone, one t quantile per ordered pair (the reference formulation, v3's quantile)", () =>
            Enumerable.Range(0, scores.Length).Select(j => Positions.RankRangeByQuantiles(j, scores, settings)).ToArray(), runs: 5);
        Report("rank ranges alone, as v2 computed them (one MathNet StudentT.InvCDF per ordered pair), the baseline", () => V2RankRanges(scores, settings), runs: 5);
    }

    /// <summary>v2's step 20, as it was: MathNet's quantile search for every ordered pair.</summary>
    private static int[] V2RankRanges(Estimate[] scores, ScoringSettings settings)
    {
        var m = scores.Length;
        var alpha = (1 - settings.ConfidenceLevel) / Math.Max(1, m - 1);
        var low = new int[m];
        for (var j = 0; j < m; j++)
            for (var k = 0; k < m; k++)
            {
                if (k == j) continue;
                var (sek, sej) = (scores[k].StandardError!.Value, scores[j].StandardError!.Value);
                var variance = sek * sek + sej * sej;
                var df = variance * variance / (Math.Pow(sek, 4) / scores[k].DegreesOfFreedom!.Value + Math.Pow(sej, 4) / scores[j].DegreesOfFreedom!.Value);
                if ((scores[k].Value - scores[j].Value) / Math.Sqrt(variance) > MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 1 - alpha / 2)) low[j]++;
            }
        return low;
    }

    private static RoleStatistics Draw(Random rng, double mean, int n, bool unequal, ScoringSettings settings)
    {
        var builder = new RoleStatisticsBuilder(settings);
        Span<int?> ratings = stackalloc int?[SuccessFactors.Count];
        for (var i = 0; i < n; i++)
        {
            var pi = mean / 100 + (2 * rng.NextDouble() - 1) * 0.25;
            for (var k = 0; k < ratings.Length; k++) ratings[k] = Math.Clamp((int)Math.Floor(10 * pi + rng.NextDouble()), 0, 10);
            builder.Add(ratings, unequal ? 0.3 + 2.7 * rng.NextDouble() : 1, nps: rng.Next(11));
        }
        return builder.Build();
    }

    private static void Report(string what, Func<object> build, int runs = Runs)
    {
        for (var i = 0; i < 3; i++) build();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            build();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {times[runs / 2]:0.0} ms | {times[(int)Math.Ceiling(0.95 * runs) - 1]:0.0} ms | {runs} |"));
    }
}
