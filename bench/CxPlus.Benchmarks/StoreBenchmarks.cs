using System.Diagnostics;
using CxPlus.Data;
using CxPlus.Data.Demo;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Model;
using CxPlus.Scoring;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CxPlus.Benchmarks;

/// <summary>Issue #3's goals: import vs psql \copy and vs EF Core, import peak memory, league latency.</summary>
internal static class StoreBenchmarks
{
    private const int Repeats = 3;

    public static async Task RunAsync(string server, double sizeFactor)
    {
        var dir = Directory.CreateTempSubdirectory("cxplus-bench-").FullName;
        try
        {
            // The demo at scale 1 has ~50k rows; scale it to the sizes the goals name.
            var file100K = await DemoFileAsync(dir, "100k", 2.3 * sizeFactor);
            var file1M = await DemoFileAsync(dir, "1m", 23.0 * sizeFactor);
            var rows1M = CountRows(file1M);
            var rows100K = CountRows(file100K);
            Console.WriteLine($"files: {rows100K:N0} and {rows1M:N0} rows");

            await ImportsAsync(server, dir, sizeFactor, file1M);

            await CommentsAsync(server, dir, sizeFactor);

            // A file not grouped by wave and brand (as fieldwork delivers): the client cannot vouch for
            // its respondents in one pass, so the store checks them set-wise before commit.
            var shuffled = ShuffledCopy(file1M, Path.Combine(dir, "1m-shuffled.csv"));
            var copyShuffled = await MedianAsync(() => PsqlCopyAsync(server, shuffled));
            var unsorted = await MedianAsync(() => ImportAsync(server, shuffled));
            Console.WriteLine($"| import the same rows shuffled (one pass; respondents proved unique by their hashes) | {unsorted:F2} s |");
            Console.WriteLine($"| psql \\copy of the shuffled file | {copyShuffled:F2} s |");
            Console.WriteLine($"| ratio shuffled import / psql \\copy (goal <= 1.5) | {unsorted / copyShuffled:F2} |");
            Console.WriteLine($"| import peak RSS, {rows1M:N0} rows shuffled | {await PeakMemoryAsync(shuffled) / 1048576.0:F0} MiB |");

            var import100K = await MedianAsync(() => ImportAsync(server, file100K));
            var ef100K = await MedianAsync(() => EfCoreAsync(server, file100K), repeats: 1);
            Console.WriteLine($"| import {rows100K:N0} rows | {import100K:F2} s |");
            Console.WriteLine($"| EF Core AddRange/SaveChanges {rows100K:N0} rows | {ef100K:F2} s |");
            Console.WriteLine($"| ratio EF Core / import (goal >= 30) | {ef100K / import100K:F1} |");

            var peak100K = await PeakMemoryAsync(file100K);
            var peak1M = await PeakMemoryAsync(file1M);
            Console.WriteLine($"| import peak RSS, {rows100K:N0} rows | {peak100K / 1048576.0:F0} MiB |");
            Console.WriteLine($"| import peak RSS, {rows1M:N0} rows | {peak1M / 1048576.0:F0} MiB |");

            await LeagueAsync(server, dir, sizeFactor);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Issue 29: the 1M-row demo with its comments (a third of the customers, a sixth of the
    /// prospects), each redacted as it is read, against psql's \copy of it; and the search vectors
    /// filled just after the commit (CommentSearch), which the import's user does not wait for.
    /// </summary>
    private static async Task CommentsAsync(string server, string dir, double sizeFactor)
    {
        var commented = await DemoFileAsync(dir, "1m-comments", 23.0 * sizeFactor, comments: true);
        var plain = await DemoFileAsync(dir, "1m", 23.0 * sizeFactor);
        var fills = new List<double>();
        var without = await MedianAsync(() => ImportAsync(server, plain));
        var withComments = await MedianAsync(() => ImportAsync(server, commented, fills));
        var copyCommented = await MedianAsync(() => PsqlCopyAsync(server, commented));
        Console.WriteLine($"| import of the same rows without the comment column (in this run) | {without:F2} s |");
        Console.WriteLine($"| import {CountRows(commented):N0} rows with a comment column | {withComments:F2} s |");
        Console.WriteLine($"| then made searchable after the commit (search vectors filled), median | {fills.Order().ElementAt(fills.Count / 2):F2} s |");
        Console.WriteLine($"| psql \\copy of the file with comments (as a text column) | {copyCommented:F2} s |");
        Console.WriteLine($"| ratio import with comments / its psql \\copy (goal <= 1.5) | {withComments / copyCommented:F2} |");
    }

    /// <summary>The 1M-row import against psql's \copy, then the same rows with segments (issue 28).</summary>
    private static async Task ImportsAsync(string server, string dir, double sizeFactor, string file1M)
    {
        var rows1M = CountRows(file1M);
        var copy = await MedianAsync(() => PsqlCopyAsync(server, file1M));
        var import = await MedianAsync(() => ImportAsync(server, file1M));
        Console.WriteLine($"| import {rows1M:N0} rows (parse, validate, COPY, rollup) | {import:F2} s |");
        Console.WriteLine($"| psql \\copy {rows1M:N0} rows into a plain typed table | {copy:F2} s |");
        Console.WriteLine($"| ratio import / psql \\copy (goal <= 1.5) | {import / copy:F2} |");

        // Issue 28: the same rows with the demo's four segment columns (age, region, lifecycle and
        // contact reason, the last two of customers only), as the segment rollups are kept.
        var segmented = await DemoFileAsync(dir, "1m-segments", 23.0 * sizeFactor, segments: true);
        var withSegments = await MedianAsync(() => ImportAsync(server, segmented));
        Console.WriteLine($"| import the same rows with four segment columns | {withSegments:F2} s |");
        Console.WriteLine($"| ratio with segments / without (goal <= 1.3) | {withSegments / import:F2} |");
        var copySegmented = await MedianAsync(() => PsqlCopyAsync(server, segmented));
        Console.WriteLine($"| psql \\copy of the file with segments (as text columns) | {copySegmented:F2} s |");
        Console.WriteLine($"| ratio import with segments / its psql \\copy (goal <= 1.5) | {withSegments / copySegmented:F2} |");
    }

    /// <summary>The imports with and without segments alone (<see cref="ImportsAsync"/>).</summary>
    public static Task ImportsOnlyAsync(string server, double sizeFactor) =>
        InScratchDirectoryAsync(async dir => await ImportsAsync(server, dir, sizeFactor, await DemoFileAsync(dir, "1m", 23.0 * sizeFactor)));

    /// <summary>The comment import alone (<see cref="CommentsAsync"/>).</summary>
    public static Task CommentsOnlyAsync(string server, double sizeFactor) => InScratchDirectoryAsync(dir => CommentsAsync(server, dir, sizeFactor));

    /// <summary>The queries of the store benchmark alone (its last part), without the imports before them.</summary>
    public static Task TablesAsync(string server, double sizeFactor) => InScratchDirectoryAsync(dir => LeagueAsync(server, dir, sizeFactor));

    /// <summary>Runs <paramref name="run"/> with a temporary directory for its files, removed afterwards.</summary>
    private static async Task InScratchDirectoryAsync(Func<string, Task> run)
    {
        var dir = Directory.CreateTempSubdirectory("cxplus-bench-").FullName;
        try
        {
            await run(dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The demo at <paramref name="scale"/>; without segment or comment columns unless asked (the baselines of earlier rounds had none).</summary>
    private static async Task<string> DemoFileAsync(string dir, string name, double scale, bool segments = false, bool comments = false)
    {
        var path = Path.Combine(dir, name + ".csv");
        await using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        DemoBenchmark.Write(writer, seed: 42, scale, segments, comments);
        return path;
    }

    private static string ShuffledCopy(string file, string path)
    {
        var lines = File.ReadAllLines(file);
        var rows = lines[1..];
        new Random(42).Shuffle(rows);
        File.WriteAllLines(path, [lines[0], .. rows]);
        return path;
    }

    private static long CountRows(string path) => File.ReadLines(path).LongCount() - 1;

    private static async Task<double> MedianAsync(Func<Task<double>> measure, int repeats = Repeats)
    {
        var times = new List<double>();
        for (var i = 0; i < repeats; i++) times.Add(await measure());
        times.Sort();
        return times[times.Count / 2];
    }

    private static async Task<double> ImportAsync(string server, string file, List<double>? fills = null)
    {
        await using var db = await ScratchDatabase.CreateAsync(server);
        var importer = new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System);
        var watch = Stopwatch.StartNew();
        var result = await importer.ImportAsync(file, new ImportOptions(Path.GetFileName(file), "bench"));
        watch.Stop();
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("\n", result.Problems.Take(5)));
        if (fills is not null)
        {
            var fill = Stopwatch.StartNew();
            await CxPlus.Data.Comments.CommentSearch.FillPendingAsync(db.DataSource);
            fills.Add(fill.Elapsed.TotalSeconds);
        }
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The baseline: psql's \copy of the same CSV into a typed table without keys or indexes.</summary>
    private static async Task<double> PsqlCopyAsync(string server, string file)
    {
        await using var db = await ScratchDatabase.CreateAsync(server);
        // The file's own columns (the demo writes the optional lens columns too), typed as the store types them.
        var columns = File.ReadLines(file).First().Split(',').Select(c => c switch
        {
            "wave" or "sector" or "brand" or "respondent_id" or "role" => $"{c} text",
            _ when c.StartsWith("segment_", StringComparison.Ordinal) => $"{c} text",
            "comment" => "comment text",
            "weight" => "weight float8",
            _ => $"{c} smallint",
        });
        await using (var create = db.DataSource.CreateCommand($"CREATE TABLE plain_responses ({string.Join(", ", columns)})"))
            await create.ExecuteNonQueryAsync();
        var cs = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        var start = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-h", cs.Host!, "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username!, "-d", db.Name, "-v", "ON_ERROR_STOP=1",
                     "-c", $"\\copy plain_responses FROM '{file}' WITH (FORMAT csv, HEADER true)" })
            start.ArgumentList.Add(a);
        start.Environment["PGPASSWORD"] = cs.Password;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        watch.Stop();
        if (process.ExitCode != 0) throw new InvalidOperationException("psql failed: " + await err);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The other baseline: the same rows through EF Core's AddRange + SaveChanges (parsing not timed).</summary>
    private static async Task<double> EfCoreAsync(string server, string file)
    {
        await using var db = await ScratchDatabase.CreateAsync(server);
        var options = new DbContextOptionsBuilder<CxPlusDbContext>().UseNpgsql(db.DataSource).Options;
        var lines = File.ReadLines(file).Skip(1).Select(l => l.Split(',')).ToArray();
        await using var context = new KeyedResponses(options);
        var import = new Import { FileName = "ef", Sha256 = new string('0', 64), ImportedBy = "bench", ImportedAt = DateTimeOffset.UtcNow };
        context.Imports.Add(import);
        var waves = lines.Select(f => f[0]).Distinct().ToDictionary(w => w, w => new Wave { Code = w, CodeKey = Names.Key(w) });
        var sectors = lines.Select(f => f[1]).Distinct().ToDictionary(s => s, s => new Sector { Name = s, NameKey = Names.Key(s) });
        var brands = lines.Select(f => (f[1], f[2])).Distinct().ToDictionary(b => b, b => new Brand { Name = b.Item2, NameKey = Names.Key(b.Item2), Sector = sectors[b.Item1] });
        context.AddRange(waves.Values);
        context.AddRange(brands.Values);
        await context.SaveChangesAsync();
        static short? S(string s) => s.Length == 0 ? null : short.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var responses = lines.Select((f, i) => new Response
        {
            WaveId = waves[f[0]].Id, BrandId = brands[(f[1], f[2])].Id, RespondentId = f[3], ImportId = import.Id, Line = i + 2,
            Role = f[4] == "customer" ? Role.Customer : Role.Prospect,
            ClearBrandPromise = S(f[5]), EmpoweredEmployees = S(f[6]), EmpoweredCustomers = S(f[7]), LastingMemories = S(f[8]), ExceptionalDelivery = S(f[9]),
            Weight = f[10].Length == 0 ? 1 : double.Parse(f[10], System.Globalization.CultureInfo.InvariantCulture),
            Nps = S(f[11]), Csat = S(f[12]), Ces = S(f[13]),
        }).ToList();
        var watch = Stopwatch.StartNew();
        context.Responses.AddRange(responses);
        await context.SaveChangesAsync();
        watch.Stop();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// EF Core tracks entities by key, and responses has none in the database (ADR 0006): the
    /// baseline gives them the contract's key in the model only; the INSERTs are the same.
    /// </summary>
    private sealed class KeyedResponses(DbContextOptions<CxPlusDbContext> options) : CxPlusDbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            base.OnModelCreating(modelBuilder);
            modelBuilder.Entity<Response>().HasKey(x => new { x.WaveId, x.BrandId, x.RespondentId });
        }
    }

    /// <summary>Peak resident memory of a separate process that imports the file (so earlier work does not count).</summary>
    private static async Task<long> PeakMemoryAsync(string file)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(StoreBenchmarks).Assembly.Location);
        start.ArgumentList.Add("import-peak");
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return long.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>League table for one sector and wave from a store of ~2M responses: rollups vs one SQL aggregate over raw rows.</summary>
    private static async Task LeagueAsync(string server, string dir, double sizeFactor)
    {
        var file = await DemoFileAsync(dir, "2m", 46.0 * sizeFactor, segments: true);
        await using var db = await ScratchDatabase.CreateAsync(server);
        var result = await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(file, new ImportOptions("2m.csv", "bench"));
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("\n", result.Problems.Take(5)));
        await using (var analyze = db.DataSource.CreateCommand("ANALYZE")) await analyze.ExecuteNonQueryAsync();
        var total = result.Summary!.CustomerRows + result.Summary.ProspectRows;
        var queries = new LeagueQueries(db.DataSource, ScoringSettings.Default);
        var wave = DemoBenchmark.Waves[^1];

        async Task<double> Median(Func<Task> query, int runs)
        {
            await query(); // warm-up: connection pool, JIT, plan cache
            var times = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await query();
                times[i] = watch.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            return times[runs / 2];
        }

        var fromRollups = await Median(() => queries.LeagueAsync("Insurance", wave), 200);
        var fromRaw = await Median(() => queries.LeagueFromResponsesAsync("Insurance", wave), 10);
        Console.WriteLine($"| league table (Insurance, {wave}) from rollups, store of {total:N0} responses, median of 200 | {fromRollups:F2} ms |");
        Console.WriteLine($"| same table from raw rows with one SQL aggregate, median of 10 | {fromRaw:F1} ms |");
        Console.WriteLine($"| ratio raw / rollups | {fromRaw / fromRollups:F0} |");

        // Issue 28: a segment table (step 26) from the segment rollups; the goal is 10 ms at 1M responses with four segments.
        var segment = await Median(() => queries.SegmentLeagueAsync("Insurance", wave, "age", "18-34"), 200);
        var segmentRaw = await Median(() => queries.SegmentLeagueFromResponsesAsync("Insurance", wave, "age", "18-34"), 10);
        Console.WriteLine($"| segment table (Insurance, {wave}, age 18-34) from segment rollups, same store, median of 200 (goal <= 10 ms) | {segment:F2} ms |");
        Console.WriteLine($"| same segment table from raw rows with one SQL aggregate, median of 10 | {segmentRaw:F1} ms |");
        Console.WriteLine($"| ratio raw / segment rollups | {segmentRaw / segment:F0} |");

        // Step 26's key drivers with intervals: the whole sector's resample its stored random groups; a
        // category's groups are summed from its rows by the database first (no table stores them).
        var sectorDrivers = await Median(() => queries.DriversAsync("Insurance", wave, null), 10);
        var segmentDrivers = await Median(() => queries.SegmentDriversAsync("Insurance", wave, "age", "18-34", null), 10);
        var segmentN = (await queries.SegmentDriversAsync("Insurance", wave, "age", "18-34", null, intervals: false)).N;
        Console.WriteLine($"| sector key drivers with intervals (Insurance, {wave}), stored groups, median of 10 | {sectorDrivers:F1} ms |");
        Console.WriteLine($"| same within age 18-34 ({segmentN:N0} complete customers), groups summed from its rows, median of 10 | {segmentDrivers:F1} ms |");
        Console.WriteLine($"| ratio segment / sector drivers | {segmentDrivers / sectorDrivers:F1} |");
    }
}
