using System.Diagnostics;
using System.Globalization;
using CxPlus.Data.Accounts;
using CxPlus.Data.Demo;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Web.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CxPlus.Benchmarks;

/// <summary>Issue #4's measurements: time to a rendered league table, and memory per idle circuit.</summary>
internal static class WebBenchmarks
{
    public static async Task RunAsync(string server)
    {
        await using var db = await ScratchDatabase.WithDemoAsync(server);
        await using var app = await SignedInDashboard.StartAsync(db, ownProcess: false, AccountRoles.Viewer); // its heap is read below
        var (baseUrl, browsing) = (app.BaseUrl, app.Context);
        var url = baseUrl + Links.League("Insurance", DemoBenchmark.Waves[^1]);

        // Time from navigation to a league table on screen: a new circuit, the queries, the render.
        var page = await browsing.NewPageAsync();
        var times = new List<double>();
        for (var i = 0; i < 51; i++)
        {
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(url);
            await page.Locator("[data-testid=league-table] tbody tr").First.WaitForAsync();
            if (i > 0) times.Add(watch.Elapsed.TotalMilliseconds); // the first warms up JIT and pools
        }
        times.Sort();
        Console.WriteLine($"| league page (Insurance, 9 brands): navigation to rendered table, median of 50 | {times[25]:F0} ms |");
        await page.CloseAsync();

        // Memory per idle circuit: managed heap after full GCs, before and after 20 open pages.
        const int circuits = 20;
        var before = SettledHeap();
        var pages = new List<IPage>();
        for (var i = 0; i < circuits; i++)
        {
            var p = await browsing.NewPageAsync();
            await p.GotoAsync(url);
            await p.Locator("[data-testid=league-table] tbody tr").First.WaitForAsync();
            pages.Add(p);
        }
        var after = SettledHeap();
        Console.WriteLine($"| managed memory per open league page (no circuit since ADR 0008; {circuits} pages) | {(after - before) / circuits / 1024.0:F0} KiB |");
        foreach (var p in pages) await p.CloseAsync();
    }

    /// <summary>
    /// Issue #16: what the server holds for each open page, and how long a change of wave takes.
    /// Memory: the managed heap after full GCs with 10 pages of a kind open and again with 30, per
    /// page of the 20 more (what the first pages cost once, pools and buffers, is not counted again),
    /// minus the same for /health/live (this process's own cost of a Playwright page). The reading
    /// pages hold no circuit (ADR 0008); the pages that change data still do. Interaction: choosing
    /// another wave on the league page, and opening another wave from the brand page, timed in the
    /// page from the input to the new page painted, with 20 such pages and 20 circuits (imports
    /// pages) open: one page after another, and all 20 at the same moment. The memory is read with
    /// the app in this process; the interaction is timed with the app as its own process, as
    /// analysts meet it (published, Production, sharing no thread pool or GC with the browser driver).
    /// </summary>
    public static async Task CircuitsAsync(string server, string part = "all")
    {
        await using var db = await ScratchDatabase.WithDemoAsync(server);
        if (part != "interaction") await CircuitMemoryAsync(db);
        if (part != "memory") await InteractionAsync(db);
    }

    /// <summary>The brand whose page is measured: Insurance's leader in <paramref name="wave"/>.</summary>
    private static async Task<string> FirstBrandAsync(ScratchDatabase db, string wave) =>
        (await new LeagueQueries(db.DataSource, ScoringSettings.Default).LeagueAsync("Insurance", wave)).Rows[0].Brand;

    private static async Task<IPage> OpenAsync(IBrowserContext browsing, string url, string? ready, Action? socket = null)
    {
        var p = await browsing.NewPageAsync();
        if (socket is not null) p.WebSocket += (_, _) => socket(); // a circuit is a WebSocket
        await p.GotoAsync(url);
        if (ready is not null) await p.Locator(ready).First.WaitForAsync(new() { Timeout = 60_000 });
        return p;
    }

    private static async Task CircuitMemoryAsync(ScratchDatabase db)
    {
        await using var app = await SignedInDashboard.StartAsync(db, ownProcess: false, AccountRoles.Admin); // every page is open to an administrator
        var (baseUrl, browsing) = (app.BaseUrl, app.Context);
        var wave = DemoBenchmark.Waves[^1];
        var firstBrand = await FirstBrandAsync(db, wave);
        var sockets = 0;
        async Task<(double PerPage, int Circuits)> HeapPerPageAsync(string url, string? ready)
        {
            sockets = 0;
            var pages = new List<IPage>();
            for (var i = 0; i < 10; i++) pages.Add(await OpenAsync(browsing, url, ready, () => Interlocked.Increment(ref sockets)));
            var ten = SettledHeap();
            for (var i = 0; i < 20; i++) pages.Add(await OpenAsync(browsing, url, ready, () => Interlocked.Increment(ref sockets)));
            var thirty = SettledHeap();
            var opened = sockets;
            foreach (var p in pages) await p.CloseAsync();
            await Task.Delay(1000); // the circuits end with their pages
            return ((thirty - ten) / 20.0, opened);
        }
        var (control, _) = await HeapPerPageAsync($"{baseUrl}/health/live", null);
        foreach (var (name, url, ready) in new[]
        {
            ("methodology page (text)", $"{baseUrl}/methodology", "h1"),
            ("league page (Insurance, 9 brands, 4 waves)", baseUrl + Links.League("Insurance", wave), "[data-testid=league-table] tbody tr"),
            ("brand page (with its priority matrix)", baseUrl + Links.Brand("Insurance", wave, firstBrand), "[data-testid=reading]"),
            ("imports page (interactive: upload, history, undo)", $"{baseUrl}/data/imports", "h1"),
            ("names page (interactive: rename, merge)", $"{baseUrl}/data/names", "h1"),
            ("users page (interactive: users and roles)", $"{baseUrl}/admin/users", "h1"),
            ("audit page (filters in a GET form)", $"{baseUrl}/admin/audit", "h1"),
            ("API tokens page (interactive)", $"{baseUrl}/account/tokens", "h1"),
        })
        {
            var (perPage, opened) = await HeapPerPageAsync(url, ready);
            Console.WriteLine($"| managed memory per open page, {name}: {(opened == 0 ? "no circuit" : $"{opened} circuits for 30 pages")} | {(perPage - control) / 1024.0:F0} KiB |");
        }
    }

    private static async Task InteractionAsync(ScratchDatabase db)
    {
        await using var app = await SignedInDashboard.StartAsync(db, ownProcess: true, AccountRoles.Admin);
        var (baseUrl, browsing) = (app.BaseUrl, app.Context);
        const int circuits = 20;
        var wave = DemoBenchmark.Waves[^1];
        var league = baseUrl + Links.League("Insurance", wave);
        var firstBrand = await FirstBrandAsync(db, wave);
        string Brand(string w) => baseUrl + Links.Brand("Insurance", w, firstBrand);

        // Changing the wave with 20 circuits open (imports pages) beside 20 league pages and 20 brand pages.
        var sockets = 0;
        var busy = new List<IPage>();
        for (var i = 0; i < circuits; i++) busy.Add(await OpenAsync(browsing, $"{baseUrl}/data/imports", "h1", () => Interlocked.Increment(ref sockets)));
        if (sockets < circuits) throw new InvalidOperationException($"{circuits} imports pages opened {sockets} circuits.");
        var leagues = new List<IPage>();
        for (var i = 0; i < circuits; i++) leagues.Add(await OpenAsync(browsing, league, "[data-testid=league-table] tbody tr"));
        var brands = new List<IPage>();
        for (var i = 0; i < circuits; i++) brands.Add(await OpenAsync(browsing, Brand(wave), "[data-testid=reading]"));
        // Timed in the page, from the person's input (the event's time stamp) to the first frame painted
        // after the new page is in place, with the moments the response's first and last bytes arrived and Blazor
        // had put the new page in place. Playwright only waits for that promise, then checks the new
        // heading and table are there: its locators poll on the page's own main thread, so polling
        // while timing would slow what is timed.
        const string Arm = """
            trigger => { window.__interaction = new Promise(resolve => {
                let start = 0;
                document.addEventListener(trigger, e => { start = e.timeStamp; }, { once: true, capture: true });
                const done = () => {
                    Blazor.removeEventListener('enhancedload', done);
                    const placed = performance.now();
                    // The sections below the table follow the page (LaterPart): when the last is in place.
                    window.__complete = new Promise(complete => {
                        const check = () => { if (!document.querySelector('[data-pending]')) { observer.disconnect(); complete(performance.now() - start); } };
                        const observer = new MutationObserver(check);
                        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-pending'] });
                        check();
                    });
                    requestAnimationFrame(() => setTimeout(() => {
                        const fetched = performance.getEntriesByType('resource').filter(r => r.initiatorType === 'fetch' && r.startTime >= start && !r.name.includes('sections=all')).at(-1); // the page, not its sections
                        resolve([performance.now() - start, fetched ? fetched.responseStart - start : NaN, fetched ? fetched.responseEnd - start : NaN, placed - start]);
                    }));
                };
                Blazor.addEventListener('enhancedload', done);
            }); }
            """;
        // The analyst's tab is in front when they change the wave: brought there, drawn, and looked at
        // for a moment (a tab coming to the front is laid out and painted again, which is not the change's work).
        async Task FrontAsync(IPage p)
        {
            await p.BringToFrontAsync();
            await p.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100))))");
        }
        async Task<Interaction> MeasureAsync(IPage p, string trigger, Func<Task> act, Func<Task> seen)
        {
            await FrontAsync(p);
            await p.EvaluateAsync(Arm, trigger);
            await act();
            var inPage = await p.EvaluateAsync<double[]>("() => window.__interaction");
            await seen();
            var complete = await p.EvaluateAsync<double>("() => window.__complete");
            return new(inPage[0], inPage[1], inPage[2], inPage[3], complete);
        }
        Task<Interaction> ChangeWaveAsync(IPage p, string target) => MeasureAsync(p, "change",
            () => p.Locator("[data-testid=wave-picker]").SelectOptionAsync(new SelectOptionValue { Label = target }),
            async () =>
            {
                await p.GetByRole(AriaRole.Heading, new() { Name = $"Insurance — {target}" }).WaitForAsync(new() { Timeout = 60_000 });
                await p.Locator("[data-testid=league-table] tbody tr").First.WaitForAsync();
            });
        Task<Interaction> BrandWaveAsync(IPage p, string target) => MeasureAsync(p, "click",
            () => p.Locator("[data-testid=trend-table] a", new() { HasTextString = target }).ClickAsync(),
            async () =>
            {
                await p.GetByText($"Insurance — {target}", new() { Exact = true }).WaitForAsync(new() { Timeout = 60_000 });
                await p.Locator("[data-testid=reading]").WaitForAsync();
            });
        static string P50P95(IEnumerable<double> times)
        {
            var t = times.Order().ToList();
            return string.Create(CultureInfo.InvariantCulture, $"{t[t.Count / 2]:F0} ms / {t[(int)(t.Count * 0.95)]:F0} ms");
        }
        // The p95 of n changes is itself uncertain: the order statistics that bound it with 95 %
        // confidence whatever the distribution (binomial, normal approximation; of 300 changes
        // sorted, the 277th and the 293rd).
        static string P95Interval(IEnumerable<double> times)
        {
            var t = times.Order().ToList();
            var spread = 1.96 * Math.Sqrt(t.Count * 0.95 * 0.05);
            var low = Math.Max(1, (int)Math.Floor(t.Count * 0.95 - spread));
            var high = Math.Min(t.Count, (int)Math.Ceiling(t.Count * 0.95 + spread));
            return string.Create(CultureInfo.InvariantCulture, $"{t[low - 1]:F0}–{t[high - 1]:F0} ms");
        }
        // Where the tail's time went: the five slowest changes, each as first byte / last byte / in place / painted.
        static string Slowest(IEnumerable<Interaction> m) => string.Join(", ", m.OrderByDescending(x => x.Painted).Take(5)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.FirstByte:F0}/{x.LastByte:F0}/{x.Placed:F0}/{x.Painted:F0}")));
        static string Row(List<Interaction> m) =>
            $"{P50P95(m.Select(x => x.Painted))}, p95 within {P95Interval(m.Select(x => x.Painted))} (first byte {P50P95(m.Select(x => x.FirstByte))}, last byte {P50P95(m.Select(x => x.LastByte))}, page in place {P50P95(m.Select(x => x.Placed))}; sections below in place {P50P95(m.Select(x => x.Complete))}; slowest five, first/last byte/in place/painted: {Slowest(m)})";
        var kinds = new (string, List<IPage>, Func<IPage, string, Task<Interaction>>)[]
        {
            ("league page, choosing another wave", leagues, ChangeWaveAsync),
            ("brand page, opening another wave from its trend table", brands, BrandWaveAsync),
        };
        // Warm-up: three rounds of both kinds of change before any is timed. The server's JIT compiles a
        // method again, optimised, after about 30 calls; with one round (20 changes) the methods a
        // change calls once were still being recompiled while the changes were timed (perf: the app's
        // JIT thread busy 0.8 s of the 30 s timed), which is a server just started, not one in use.
        const int warmRounds = 3, inTurnRounds = 15, togetherRounds = 5;
        // Round r moves every page of a kind to the wave it is not on (they open on the last).
        static string Target(int round) => DemoBenchmark.Waves[^(1 + (round + 1) % 2)];
        for (var round = 0; round < warmRounds; round++)
            foreach (var (_, pages, change) in kinds)
                foreach (var p in pages) await change(p, Target(round));
        foreach (var (what, pages, change) in kinds)
        {
            var inTurn = new List<Interaction>();
            for (var round = warmRounds; round < warmRounds + inTurnRounds; round++)
                foreach (var p in pages) inTurn.Add(await change(p, Target(round)));
            Console.WriteLine($"| {what}, one page after another ({circuits} such pages and {circuits} circuits open), {inTurn.Count} changes, input to painted: p50 / p95 | {Row(inTurn)} |");
            var together = new List<Interaction>();
            for (var round = warmRounds + inTurnRounds; round < warmRounds + inTurnRounds + togetherRounds; round++)
                together.AddRange(await Task.WhenAll(pages.Select(p => change(p, Target(round)))));
            Console.WriteLine($"| the same, all {circuits} pages at the same moment (server and chromium on 2 cores), {together.Count} changes: p50 / p95 | {Row(together)} |");
        }
        foreach (var p in busy.Concat(leagues).Concat(brands)) await p.CloseAsync();
    }

    /// <summary>
    /// The dashboard, Debian's chromium, and one browser context signed in through the form as a user
    /// with <c>roles</c>; its pages share the cookie. The dashboard runs either in this process on a
    /// Kestrel port (Development: static assets from the build output, as in the E2E tests), where
    /// its heap can be read, or as its own process as in production (<see cref="AppProcess"/>), where
    /// it shares no thread pool or garbage collector with the browser driver.
    /// </summary>
    private sealed class SignedInDashboard : IAsyncDisposable
    {
        public required string BaseUrl { get; init; }
        public required IAsyncDisposable Server { get; init; }
        public required IPlaywright Playwright { get; init; }
        public required IBrowser Browser { get; init; }
        public required IBrowserContext Context { get; init; }

        public static async Task<SignedInDashboard> StartAsync(ScratchDatabase db, bool ownProcess, params string[] roles)
        {
            var email = $"bench-{Guid.NewGuid():N}@example.com";
            const string password = "a long enough password";
            await db.WithAccountsAsync(accounts => accounts.CreateAsync(email, password, roles));
            var connectionString = db.ConnectionString;

            IAsyncDisposable server;
            string baseUrl;
            if (ownProcess)
            {
                if (!AppProcess.Published) throw new InvalidOperationException("A browser needs the published app: run this through scripts/bench.sh, which publishes it and sets CXPLUS_PUBLISHED_WEB.");
                var process = await AppProcess.StartAsync(connectionString);
                (server, baseUrl) = (process, process.BaseUrl);
            }
            else
            {
                // Outside a test project the factory finds the app's content root through this variable.
                var root = new DirectoryInfo(AppContext.BaseDirectory);
                while (root is not null && !File.Exists(Path.Combine(root.FullName, "CxPlus.sln"))) root = root.Parent;
                Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CXPLUS_WEB", Path.Combine(root!.FullName, "src", "CxPlus.Web"));
                var factory = new WebApplicationFactory<CxPlus.Web.Components.App>().WithWebHostBuilder(b =>
                {
                    b.UseEnvironment("Development");
                    b.UseSetting("ConnectionStrings:CxPlus", connectionString);
                    b.UseSetting("Localization:DefaultLanguage", "en"); // as the figures before languages
                    b.UseUrls("http://127.0.0.1:0");
                });
                factory.UseKestrel();
                factory.StartServer();
                (server, baseUrl) = (factory, factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            }
            var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
                // Many pages of one browser are many analysts' screens: none may be throttled as a background tab.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
            });
            var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            var signIn = await context.NewPageAsync();
            await signIn.GotoAsync($"{baseUrl}/account/sign-in");
            await signIn.GetByLabel("E-mail").FillAsync(email);
            await signIn.GetByLabel("Password").FillAsync(password);
            await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await signIn.WaitForURLAsync($"{baseUrl}/");
            await signIn.CloseAsync();
            return new() { Server = server, BaseUrl = baseUrl, Playwright = playwright, Browser = browser, Context = context };
        }

        public async ValueTask DisposeAsync()
        {
            await Context.DisposeAsync();
            await Browser.DisposeAsync();
            Playwright.Dispose();
            await Server.DisposeAsync();
        }
    }

    private static long SettledHeap()
    {
        Thread.Sleep(500);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>One interaction, in ms from the input: painted, the response's first and last byte, new page in place, the sections below the table in place.</summary>
    private readonly record struct Interaction(double Painted, double FirstByte, double LastByte, double Placed, double Complete);
}
