using System.Diagnostics;
using System.Globalization;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;

namespace CxPlus.Benchmarks;

/// <summary>
/// Issue #25's goals at the size a real benchmark reaches: one wave of 5 million responses in a
/// sector of 200 brands (22,000 customers and 3,000 prospects each). Key drivers of one brand and of
/// the sector pooled, cold and again; a cancelled request; the undo of a 420-row import.
/// </summary>
public static class ScaleBenchmarks
{
    public const string Sector = "Scale";
    public const string Wave = "2026-Q4";
    private const int Brands = 200;

    public static async Task RunAsync(string server, double sizeFactor)
    {
        var dir = Directory.CreateTempSubdirectory("cxplus-scale-").FullName;
        try
        {
            var (customers, prospects) = ((int)(22_000 * sizeFactor), (int)(3_000 * sizeFactor));
            var file = Path.Combine(dir, "big.csv");
            var clock = Stopwatch.StartNew();
            var rows = Write(file, customers, prospects, firstId: 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {rows:N0} rows ({Brands} brands × {customers:N0} customers + {prospects:N0} prospects) in {clock.Elapsed.TotalSeconds:F0} s"));

            await using var db = await ScratchDatabase.CreateAsync(server);
            var settings = ScoringSettings.Default;
            var importer = new ResponseImporter(db.DataSource, settings, TimeProvider.System);
            clock.Restart();
            var imported = await importer.ImportAsync(file, new ImportOptions("big.csv", "bench"));
            if (!imported.Succeeded) throw new InvalidOperationException(string.Join("\n", imported.Problems.Take(5)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| import {rows:N0} rows | {clock.Elapsed.TotalSeconds:F1} s |"));
            await using (var analyze = db.DataSource.CreateCommand("ANALYZE")) await analyze.ExecuteNonQueryAsync();

            Console.WriteLine("| what | time |");
            Console.WriteLine("| --- | ---: |");
            // A small second import (420 new respondents of two brands), then its undo.
            var small = Path.Combine(dir, "small.csv");
            WriteSmall(small);
            var smallImport = await importer.ImportAsync(small, new ImportOptions("small.csv", "bench"));
            if (!smallImport.Succeeded) throw new InvalidOperationException(string.Join("\n", smallImport.Problems.Take(5)));
            clock.Restart();
            var undone = await new ImportHistory(db.DataSource, settings, TimeProvider.System).UndoAsync(smallImport.Summary!.ImportId, "bench");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| undo of a {undone}-row import in a store of {rows:N0} (goal ≤ 2 s) | {clock.Elapsed.TotalSeconds:F2} s |"));

            var timeout = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("CXPLUS_SCALE_TIMEOUT") ?? "120", CultureInfo.InvariantCulture));
            foreach (var (what, brand) in new[] { ("one brand", "Brand 007"), ("the sector pooled", (string?)null) })
            {
                // A fresh query object each time: no cached result (cold), then the same again (identical?).
                var first = await TimedDriversAsync(db, settings, brand, timeout);
                Console.WriteLine($"| key drivers of {what}, cold (goal ≤ 5 s) | {first.Seconds} |");
                if (first.Result is null) continue;
                var again = await TimedDriversAsync(db, settings, brand, timeout);
                var same = again.Result is { } r && r.Predictors.Select(p => (p.Importance.Value, p.Importance.Low, p.Importance.High))
                    .SequenceEqual(first.Result.Predictors.Select(p => (p.Importance.Value, p.Importance.Low, p.Importance.High)));
                Console.WriteLine($"| key drivers of {what}, cold again: identical | {again.Seconds}, {(same ? "identical" : "DIFFERENT")} |");
                Console.WriteLine($"|   n = {first.Result.N:N0}, intervals: {string.Join(", ", first.Result.Predictors.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Importance.Value:0.0} ({p.Importance.Low:0.0}–{p.Importance.High:0.0})")))} | |");
            }

            await BundleAsync(db);

            // A request cancelled after 200 ms: how long until its work stops.
            using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
            {
                clock.Restart();
                try { await new LeagueQueries(db.DataSource, settings).DriversAsync(Sector, Wave, null, ct: cancel.Token).WaitAsync(timeout); }
                catch (OperationCanceledException) { }
                catch (TimeoutException) { }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| pooled drivers cancelled after 0.2 s: returned after (goal ≤ 1.2 s) | {clock.Elapsed.TotalSeconds:F2} s |"));
            }

            await RetentionAsync(db, settings, rows);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Retention of the whole wave (its import made to look three years old): the time to freeze 200
    /// brands' drivers and remove the rows, and whether the table and the drivers read the same after.
    /// </summary>
    private static async Task RetentionAsync(ScratchDatabase db, ScoringSettings settings, long rows)
    {
        static string Drivers(CxPlus.Scoring.Drivers.DriverResult d) =>
            string.Join(" ", d.Predictors.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Importance.Value:R}[{p.Importance.Low:R},{p.Importance.High:R}]")));
        var queries = new LeagueQueries(db.DataSource, settings);
        var table = CxPlus.Reports.LeagueCsv.ToCsv(await queries.LeagueAsync(Sector, Wave));
        var brand = Drivers(await queries.DriversAsync(Sector, Wave, "Brand 007"));
        var pooled = Drivers(await queries.DriversAsync(Sector, Wave, null));
        await using (var backdate = db.DataSource.CreateCommand("UPDATE imports SET imported_at = imported_at - interval '3 years'"))
            await backdate.ExecuteNonQueryAsync();
        var clock = Stopwatch.StartNew();
        var retained = await new RespondentRetention(db.DataSource, new LeagueQueries(db.DataSource, settings),
            new CxPlus.Data.AuditLog(db.DataSource, TimeProvider.System), TimeProvider.System).RetainAsync(12, "bench");
        var seconds = clock.Elapsed.TotalSeconds;
        var after = new LeagueQueries(db.DataSource, settings);
        var same = CxPlus.Reports.LeagueCsv.ToCsv(await after.LeagueAsync(Sector, Wave)) == table
            && Drivers(await after.DriversAsync(Sector, Wave, "Brand 007")) == brand && Drivers(await after.DriversAsync(Sector, Wave, null)) == pooled;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| retention of the wave ({retained.Sum(w => w.Rows):N0} of {rows:N0} rows removed, drivers frozen): table and drivers after | {seconds:F1} s, {(same ? "identical" : "DIFFERENT")} |"));
    }

    /// <summary>
    /// reports.zip of the 200-brand sector from the published app: time to the first byte and to the
    /// last, and the web process's memory above idle while it streams (sampled every 100 ms).
    /// </summary>
    private static async Task BundleAsync(ScratchDatabase db)
    {
        string token = "";
        await db.WithAccountsAsync(async accounts =>
        {
            await accounts.CreateAsync("consultant@bench.example.com", "a long enough password", [CxPlus.Data.Accounts.AccountRoles.Consultant]);
            token = (await accounts.CreateTokenAsync("consultant@bench.example.com", "bench")).Secret;
        });
        await using var app = await AppProcess.StartAsync(db.ConnectionString);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var idle = app.ResidentBytes();
        var peak = idle;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, app.ResidentBytes());
                try { await Task.Delay(100, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(app.BaseUrl + $"/api/v1/sectors/{Sector}/waves/{Wave}/reports.zip", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        var first = await body.ReadAsync(buffer);
        var firstByte = clock.Elapsed.TotalSeconds;
        long bytes = first;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) bytes += read;
        var whole = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| reports.zip of {Brands} brands: first byte (goal ≤ 5 s) | {firstByte:F1} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| reports.zip of {Brands} brands: whole bundle ({bytes / 1048576.0:F0} MiB) | {whole:F0} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| web process memory above idle while it streams (goal ≤ 100 MB) | {(peak - idle) / 1048576.0:F0} MiB (idle {idle / 1048576.0:F0} MiB) |"));
    }

    private static async Task<(string Seconds, CxPlus.Scoring.Drivers.DriverResult? Result)> TimedDriversAsync(
        ScratchDatabase db, ScoringSettings settings, string? brand, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var result = await new LeagueQueries(db.DataSource, settings).DriversAsync(Sector, Wave, brand, ct: cancel.Token).WaitAsync(timeout);
            return (string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F1} s"), result);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return ($"not done after {timeout.TotalSeconds:F0} s", null);
        }
    }

    /// <summary>The big wave: every brand's customers rate the five factors, NPS follows them (so drivers exist), prospects rate lower.</summary>
    private static long Write(string path, int customers, int prospects, int firstId)
    {
        var rng = new Random(25);
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 20);
        writer.Write("wave,sector,brand,respondent_id,role,clear_brand_promise,empowered_employees,empowered_customers,lasting_memories,exceptional_delivery,weight,nps\n");
        long rows = 0;
        Span<double> factor = stackalloc double[5];
        for (var b = 0; b < Brands; b++)
        {
            var level = 5.5 + 2 * rng.NextDouble();
            double[] pull = [.. Enumerable.Range(0, 5).Select(_ => 0.2 + rng.NextDouble())];
            for (var i = 0; i < customers + prospects; i++)
            {
                var customer = i < customers;
                var person = level + (customer ? 0 : -0.6) + 1.6 * Gauss(rng);
                writer.Write(Wave); writer.Write(','); writer.Write(Sector); writer.Write(",Brand ");
                writer.Write(b.ToString("000", CultureInfo.InvariantCulture)); writer.Write(",r");
                writer.Write((firstId + i).ToString(CultureInfo.InvariantCulture)); writer.Write(customer ? ",customer" : ",prospect");
                var drive = 0.0;
                for (var k = 0; k < 5; k++)
                {
                    factor[k] = person + 1.2 * Gauss(rng);
                    drive += pull[k] * factor[k];
                    writer.Write(',');
                    writer.Write(Math.Clamp((int)Math.Round(factor[k]), 0, 10).ToString(CultureInfo.InvariantCulture));
                }
                writer.Write(customer && rng.Next(4) == 0 ? ",1.5," : ",1,");
                if (customer) writer.Write(Math.Clamp((int)Math.Round(drive / pull.Sum() + Gauss(rng)), 0, 10).ToString(CultureInfo.InvariantCulture));
                writer.Write('\n');
                rows++;
            }
        }
        return rows;
    }

    /// <summary>420 new respondents, 210 for each of two brands.</summary>
    private static void WriteSmall(string path)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        writer.Write("wave,sector,brand,respondent_id,role,clear_brand_promise,empowered_employees,empowered_customers,lasting_memories,exceptional_delivery,weight,nps\n");
        foreach (var brand in new[] { "Brand 010", "Brand 150" })
            for (var i = 0; i < 210; i++)
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{Wave},{Sector},{brand},late{i},customer,7,8,6,7,8,1,{i % 11}\n"));
    }

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
