// Benchmarks for docs/performance.md. Every comparison is measured in the same run on the same
// PostgreSQL (ConnectionStrings__CxPlus names the server; each measurement gets a fresh database).
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- store        import + league goals (issue #3)
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- web          dashboard goals (issue #4)
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- api          league API under 50 clients vs /health/live (issue #16)
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- circuits [memory|interaction]   memory per open page and circuit, wave change p95 with 20 circuits (issue #16)
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- exports      web memory during 20 concurrent 1M-row exports (issue #16)
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- api-clients  clients' league API, 50 client tokens over 10 organisations vs /health/live (issue #27)
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- pages        league and brand pages under 20 signed-in analysts vs /health/live (issue #16)
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- import-peak FILE   (child process: prints peak RSS)
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- heap DUMP N   what N open circuits hold, by type and component, from a heap dump
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- scale [sizeFactor]   5M responses in a 200-brand wave: drivers, cancellation, undo (issue #25)
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- drivers-coverage [N]   coverage of the bootstrap of random groups against known importances (issue #25; no database)
//   dotnet run -c Release --project bench/CxPlus.Benchmarks -- scoring      a 200-brand league table, fast rank ranges against one quantile per pair (issue #24; no database)
using System.Diagnostics;
using System.Globalization;
using CxPlus.Benchmarks;
using CxPlus.Data.Importing;
using CxPlus.Scoring;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args is ["drivers-coverage", ..])
{
    DriverCoverage.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400);
    return 0;
}
if (args is ["scoring", ..])
{
    ScoringBenchmarks.Run();
    return 0;
}
if (args is ["heap", var dump, var count])
{
    CircuitHeap.Print(dump, int.Parse(count, CultureInfo.InvariantCulture));
    return 0;
}
var server = Environment.GetEnvironmentVariable("ConnectionStrings__CxPlus")
    ?? throw new InvalidOperationException("Set ConnectionStrings__CxPlus (scripts/bench.sh does).");

switch (args)
{
    case ["import-peak", var file]:
    {
        await using var db = await ScratchDatabase.CreateAsync(server);
        var result = await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(file, new ImportOptions(Path.GetFileName(file), "bench"));
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("\n", result.Problems.Take(5)));
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(self.PeakWorkingSet64);
        return 0;
    }
    case ["reports", ..]:
        await ReportBenchmarks.RunAsync(server);
        return 0;
    case ["api", ..]:
        await LoadBenchmarks.ApiAsync(server);
        return 0;
    case ["api-clients", ..]:
        await LoadBenchmarks.ClientApiAsync(server);
        return 0;
    case ["pages", ..]:
        await LoadBenchmarks.PagesAsync(server);
        return 0;
    case ["exports", ..]:
        await LoadBenchmarks.ExportsAsync(server);
        return 0;
    case ["circuits", var part, ..] when part is "memory" or "interaction":
        await WebBenchmarks.CircuitsAsync(server, part);
        return 0;
    case ["circuits", ..]:
        await WebBenchmarks.CircuitsAsync(server);
        return 0;
    case ["web", ..]:
        await WebBenchmarks.RunAsync(server);
        return 0;
    case ["scale", ..]:
        await ScaleBenchmarks.RunAsync(server, args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0);
        return 0;
    case ["comments", ..]:
        await CommentBenchmarks.RunAsync(server, args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0);
        return 0;
    case ["store-comments", ..]:
        await StoreBenchmarks.CommentsOnlyAsync(server, args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0);
        return 0;
    case ["store-tables", ..]:
        await StoreBenchmarks.TablesAsync(server, args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0);
        return 0;
    case ["store-segments", ..]:
        await StoreBenchmarks.ImportsOnlyAsync(server, args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0);
        return 0;
    case ["store", ..]:
        await StoreBenchmarks.RunAsync(server, args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0);
        return 0;
    default:
        Console.Error.WriteLine("usage: CxPlus.Benchmarks store [sizeFactor] | store-tables [sizeFactor] | store-segments [sizeFactor] | store-comments [sizeFactor] | comments [sizeFactor] | web | circuits [memory|interaction] | api | pages | exports | reports | scoring | drivers-coverage [N] | scale [sizeFactor] | import-peak FILE | heap DUMP CIRCUITS");
        return 2;
}
