using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CxPlus.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;
using CxPlus.Data.Demo;
using CxPlus.Data.Importing;
using CxPlus.Scoring;
using CxPlus.Web.Components;

namespace CxPlus.Benchmarks;

/// <summary>
/// Issue #16's server measurements, against the web app as it runs in production: its own process
/// (Release, Production, server GC), on a scratch store, driven over loopback from this process.
/// <list type="bullet">
/// <item>api: 50 concurrent clients (one API token each) on the league API against the same server's
/// <c>/health/live</c> in the same run: requests per second, p50/p95, errors, the ratio.</item>
/// <item>exports: the web process's memory (RSS, sampled every 50 ms) idle and while 20 clients
/// download a 1M-row <c>responses.csv</c> at once.</item>
/// <item>pages: 20 signed-in analysts (one sign-in cookie each) opening league and brand pages as
/// fast as the server answers: the server's share of a wave change, against <c>/health/live</c>.</item>
/// </list>
/// </summary>
internal static class LoadBenchmarks
{
    private const int Clients = 50;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3), Duration = TimeSpan.FromSeconds(10);

    public static async Task ApiAsync(string server)
    {
        await using var db = await ScratchDatabase.WithDemoAsync(server);
        var tokens = await TokensAsync(db, Clients);
        // The API's limit is per user (100 requests/s by default); this measures the server, so it is lifted.
        await using var app = await AppProcess.StartAsync(db.ConnectionString, ("RateLimits__ApiPerUserPerMinute", "100000000"));
        var leagues = DemoBenchmark.SectorNames.SelectMany(s => DemoBenchmark.Waves.Select(w =>
            $"/api/v1/sectors/{Uri.EscapeDataString(s)}/waves/{w}/league")).ToArray();

        await RunAsync(app.BaseUrl, tokens, _ => "/health/live", Warmup);
        var health = await RunAsync(app.BaseUrl, tokens, _ => "/health/live", Duration);
        await RunAsync(app.BaseUrl, tokens, i => leagues[i % leagues.Length], Warmup);
        var league = await RunAsync(app.BaseUrl, tokens, i => leagues[i % leagues.Length], Duration);

        Console.WriteLine($"| `/health/live`, {Clients} concurrent clients, {Duration.TotalSeconds:0} s | {health} |");
        Console.WriteLine($"| league API ({leagues.Length} tables in rotation, one token per client), {Clients} concurrent clients, {Duration.TotalSeconds:0} s | {league} |");
        Console.WriteLine($"| **ratio league / health** | **{league.PerSecond / health.PerSecond:F2}** |");
    }

    /// <summary>
    /// Issue #27's goal: the clients' league API (<c>/api/v1/benchmark/…/league</c>) with 50 client
    /// tokens spread over 10 organisations, each holding one demo brand, every client asking for the
    /// tables of its own sector in every wave; against <c>/health/live</c> in the same run. Each
    /// request resolves the caller's scope and reads its view (published table, own rollups under
    /// row-level security) or the cache keyed by it.
    /// </summary>
    public static async Task ClientApiAsync(string server, int organisations = 10)
    {
        await using var db = await ScratchDatabase.WithDemoAsync(server);
        var tokens = new string[Clients];
        var paths = new string[Clients][];
        await db.WithServicesAsync(async services =>
        {
            var held = DemoBenchmark.SectorNames.SelectMany(sector => DemoBenchmark.BrandsOf(sector).Take(3).Select(brand => (Sector: sector, Brand: brand)))
                .Take(organisations).ToList();
            var store = services.GetRequiredService<CxPlus.Data.Clients.Organisations>();
            var accounts = services.GetRequiredService<UserAccounts>();
            for (var o = 0; o < held.Count; o++)
            {
                await store.AddAsync($"Member {o}");
                await store.GrantAsync($"Member {o}", held[o].Sector, held[o].Brand);
            }
            for (var i = 0; i < Clients; i++)
            {
                var o = i % held.Count;
                var email = $"member{i}@bench.example.com";
                await accounts.CreateAsync(email, "a long enough password", [AccountRoles.Client], client: $"Member {o}");
                tokens[i] = (await accounts.CreateTokenAsync(email, "bench")).Secret;
                paths[i] = [.. DemoBenchmark.Waves.Select(w => $"/api/v1/benchmark/sectors/{Uri.EscapeDataString(held[o].Sector)}/waves/{w}/league")];
            }
        });
        await using var app = await AppProcess.StartAsync(db.ConnectionString, ("RateLimits__ApiPerUserPerMinute", "100000000"));
        string Path(int i) => paths[i % Clients][i / Clients % paths[i % Clients].Length];

        await RunAsync(app.BaseUrl, tokens, _ => "/health/live", Warmup);
        var health = await RunAsync(app.BaseUrl, tokens, _ => "/health/live", Duration);
        await RunAsync(app.BaseUrl, tokens, Path, Warmup);
        var league = await RunAsync(app.BaseUrl, tokens, Path, Duration);

        Console.WriteLine($"| `/health/live`, {Clients} concurrent clients, {Duration.TotalSeconds:0} s | {health} |");
        Console.WriteLine($"| clients' league API ({Clients} client tokens over {organisations} organisations, each its own sector's {DemoBenchmark.Waves.Length} waves), {Duration.TotalSeconds:0} s | {league} |");
        Console.WriteLine($"| **ratio clients' league / health** | **{league.PerSecond / health.PerSecond:F2}** |");
    }

    public static async Task PagesAsync(string server, int analysts = 20)
    {
        await using var db = await ScratchDatabase.WithDemoAsync(server);
        await TokensAsync(db, analysts); // the users; pages take their sign-in cookies, not tokens
        await using var app = await AppProcess.StartAsync(db.ConnectionString, ("RateLimits__SignInPerAddressPerMinute", "100000"));
        var cookies = new string[analysts];
        for (var i = 0; i < analysts; i++) cookies[i] = await SignInAsync(app.BaseUrl, $"client{i}@bench.example.com", "a long enough password");
        var leagues = DemoBenchmark.SectorNames.SelectMany(s => DemoBenchmark.Waves.Select(w => Links.League(s, w))).ToArray();
        var brands = new List<string>();
        var queries = new CxPlus.Data.League.LeagueQueries(db.DataSource, ScoringSettings.Default);
        foreach (var sector in DemoBenchmark.SectorNames)
            foreach (var wave in DemoBenchmark.Waves)
                brands.AddRange((await queries.LeagueAsync(sector, wave)).Rows.Take(2).Select(r => Links.Brand(sector, wave, r.Brand)));
        var results = new List<(string, Load)>();
        foreach (var (name, path) in new (string, Func<int, string>)[]
        {
            ("`/health/live`", _ => "/health/live"),
            ($"league page ({leagues.Length} in rotation)", i => leagues[i % leagues.Length]),
            ($"brand page ({brands.Count} in rotation)", i => brands[i % brands.Count]),
            // What the browser asks for next, once the page is painted: the sections below the first screen (ADR 0009).
            ($"league page's sections (`?sections=all`, {leagues.Length} in rotation)", i => leagues[i % leagues.Length] + "?sections=all"),
            ($"brand page's sections (`?sections=all`, {brands.Count} in rotation)", i => brands[i % brands.Count] + "?sections=all"),
        })
        {
            // Issue #26: each page in English and in Dutch, one after the other in the same run.
            foreach (var language in new[] { "en", "nl" })
            {
                void Request(HttpRequestMessage request, int client)
                {
                    request.Headers.Add("Cookie", cookies[client]);
                    request.Headers.AcceptLanguage.ParseAdd(language);
                }
                await RunAsync(app.BaseUrl, analysts, path, Warmup, Request);
                results.Add(($"{name} in {language}", await RunAsync(app.BaseUrl, analysts, path, Duration, Request)));
            }
        }
        foreach (var (name, load) in results)
            Console.WriteLine($"| {name}, {analysts} signed-in analysts at once, {Duration.TotalSeconds:0} s | {load} |");
    }

    /// <summary>Signs in through the form as a browser does; the cookies a page request then carries.</summary>
    private static async Task<string> SignInAsync(string baseUrl, string email, string password)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = jar, AllowAutoRedirect = false });
        var form = await http.GetStringAsync(baseUrl + "/account/sign-in");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await http.PostAsync(baseUrl + "/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "sign-in", ["Input.Email"] = email, ["Input.Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Found) throw new InvalidOperationException($"{email} could not sign in: {response.StatusCode}");
        return jar.GetCookieHeader(new Uri(baseUrl));
    }

    public static async Task ExportsAsync(string server, int rows = 1_000_000, int downloads = 20)
    {
        await using var db = await ScratchDatabase.CreateAsync(server);
        var file = Path.Combine(Path.GetTempPath(), $"cxplus-bench-export-{Guid.NewGuid():N}.csv");
        try
        {
            WriteOneWave(file, rows);
            var imported = await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
                .ImportAsync(file, new ImportOptions("one-wave.csv", "bench"));
            if (!imported.Succeeded) throw new InvalidOperationException(string.Join("\n", imported.Problems.Take(5)));
        }
        finally
        {
            File.Delete(file);
        }
        var tokens = await TokensAsync(db, downloads, AccountRoles.Consultant);
        await using var app = await AppProcess.StartAsync(db.ConnectionString);
        using var http = Client(downloads);

        // Idle: after start-up and one small request, settled.
        (await http.GetAsync(app.BaseUrl + "/health/live")).EnsureSuccessStatusCode();
        await Task.Delay(2000);
        var idle = app.ResidentBytes();
        long peak = idle;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, app.ResidentBytes());
                try { await Task.Delay(50, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        var downloading = Task.WhenAll(tokens.Select(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, app.BaseUrl + "/api/v1/sectors/Sector/waves/2026-Q3/responses.csv");
            request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0) total += read;
            return total;
        }));
        long[] sizes;
        try
        {
            sizes = await downloading;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new InvalidOperationException($"A download failed ({e.Message}). The app said:\n{app.Output}", e);
        }
        var elapsed = watch.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        Console.WriteLine($"| web process RSS idle | {Mib(idle)} |");
        Console.WriteLine($"| web process peak RSS while {downloads} clients download `responses.csv` of {rows:N0} rows at once ({Mib(sizes.Sum())} in all, {elapsed.TotalSeconds:F1} s) | {Mib(peak)} |");
        Console.WriteLine($"| **peak above idle** | **{Mib(peak - idle)}** |");
    }

    /// <summary>One sector, one wave, ten brands: the largest single export a store would hold.</summary>
    private static void WriteOneWave(string path, int rows)
    {
        var rng = new Random(7);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("wave,sector,brand,respondent_id,role,clear_brand_promise,empowered_employees,empowered_customers,lasting_memories,exceptional_delivery,weight,nps,csat,ces");
        for (var i = 0; i < rows; i++)
        {
            var brand = i / (rows / 10);
            var role = i % 3 == 0 ? "prospect" : "customer";
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"2026-Q3,Sector,Brand {brand},R{i:D7},{role},{rng.Next(11)},{rng.Next(11)},{rng.Next(11)},{rng.Next(11)},{rng.Next(11)},1,{rng.Next(11)},{1 + rng.Next(5)},{1 + rng.Next(7)}\n"));
        }
    }

    private sealed record Load(long Requests, long Errors, double PerSecond, double P50, double P95)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{PerSecond:N0} requests/s, p50 {P50:F1} ms, p95 {P95:F1} ms, {Errors} errors of {Requests:N0}");
    }

    private static Task<Load> RunAsync(string baseUrl, string[] tokens, Func<int, string> path, TimeSpan duration) =>
        RunAsync(baseUrl, tokens.Length, path, duration, (request, client) => request.Headers.Authorization = new("Bearer", tokens[client]));

    private static async Task<Load> RunAsync(string baseUrl, int clients, Func<int, string> path, TimeSpan duration, Action<HttpRequestMessage, int> credentials)
    {
        using var http = Client(clients);
        var stop = Stopwatch.StartNew();
        var latencies = new List<double>[clients];
        var errors = 0L;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = latencies[client] = new List<double>(100_000);
            for (var i = client; stop.Elapsed < duration; i += clients)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + path(i));
                    credentials(request, client);
                    using var response = await http.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })));
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Load(all.Length, errors, all.Length / elapsed, all[all.Length / 2], all[(int)(all.Length * 0.95)]);
    }

    private static HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        UseCookies = false,
    }) { Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>One user per client (the realistic case: each tool has its own token).</summary>
    private static async Task<string[]> TokensAsync(ScratchDatabase db, int count, string role = AccountRoles.Viewer)
    {
        var tokens = new string[count];
        await db.WithAccountsAsync(async accounts =>
        {
            for (var i = 0; i < count; i++)
            {
                var email = $"client{i}@bench.example.com";
                await accounts.CreateAsync(email, "a long enough password", [role]);
                tokens[i] = (await accounts.CreateTokenAsync(email, "bench")).Secret;
            }
        });
        return tokens;
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MiB");
}
