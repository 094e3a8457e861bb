using System.Diagnostics;
using System.Globalization;
using CxPlus.Data.Accounts;
using CxPlus.Data.Demo;
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
        await using var app = await SignedInDashboard.StartAsync(db.ConnectionString, AccountRoles.Viewer);
        var (baseUrl, browsing) = (app.BaseUrl, app.Context);
        var url = $"{baseUrl}/sectors/Insurance/waves/{DemoBenchmark.Waves[^1]}";

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
    /// pages) open: one page after another, and all 20 at the same moment.
    /// </summary>
    public static async Task CircuitsAsync(string server, string part = "all")
    {
        await using var db = await ScratchDatabase.WithDemoAsync(server);
        await using var app = await SignedInDashboard.StartAsync(db.ConnectionString, AccountRoles.Admin); // every page is open to an administrator
        var (factory, baseUrl, browsing) = (app.Factory, app.BaseUrl, app.Context);

        const int circuits = 20;
        var wave = DemoBenchmark.Waves[^1];
        var league = $"{baseUrl}/sectors/Insurance/waves/{wave}";
        var firstBrand = (await factory.Services.GetRequiredService<CxPlus.Data.League.LeagueQueries>().LeagueAsync("Insurance", wave)).Rows[0].Brand;
        string Brand(string w) => $"{baseUrl}/sectors/Insurance/waves/{w}/brands/{Uri.EscapeDataString(firstBrand)}";
        var sockets = 0;
        async Task<IPage> OpenAsync(string url, string? ready)
        {
            var p = await browsing.NewPageAsync();
            p.WebSocket += (_, _) => Interlocked.Increment(ref sockets); // a circuit is a WebSocket
            await p.GotoAsync(url);
            if (ready is not null) await p.Locator(ready).First.WaitForAsync(new() { Timeout = 60_000 });
            return p;
        }
        async Task<(double PerPage, int Circuits)> HeapPerPageAsync(string url, string? ready)
        {
            sockets = 0;
            var pages = new List<IPage>();
            for (var i = 0; i < 10; i++) pages.Add(await OpenAsync(url, ready));
            var ten = SettledHeap();
            for (var i = 0; i < 20; i++) pages.Add(await OpenAsync(url, ready));
            var thirty = SettledHeap();
            var opened = sockets;
            foreach (var p in pages) await p.CloseAsync();
            await Task.Delay(1000); // the circuits end with their pages
            return ((thirty - ten) / 20.0, opened);
        }
        var (control, _) = part == "interaction" ? (0, 0) : await HeapPerPageAsync($"{baseUrl}/health/live", null);
        foreach (var (name, url, ready) in part == "interaction" ? [] : new[]
        {
            ("methodology page (text)", $"{baseUrl}/methodology", "h1"),
            ("league page (Insurance, 9 brands, 4 waves)", league, "[data-testid=league-table] tbody tr"),
            ("brand page (with its priority matrix)", Brand(wave), "[data-testid=reading]"),
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

        if (part == "memory") return;
        // Changing the wave with 20 circuits open (imports pages) beside 20 league pages and 20 brand pages.
        var busy = new List<IPage>();
        for (var i = 0; i < circuits; i++) busy.Add(await OpenAsync($"{baseUrl}/data/imports", "h1"));
        var leagues = new List<IPage>();
        for (var i = 0; i < circuits; i++) leagues.Add(await OpenAsync(league, "[data-testid=league-table] tbody tr"));
        var brands = new List<IPage>();
        for (var i = 0; i < circuits; i++) brands.Add(await OpenAsync(Brand(wave), "[data-testid=reading]"));
        // Timed in the page, from the person's input (the event's time stamp) to the first frame painted
        // after the new page is in place, with the moments the response's first byte arrived and Blazor
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
                        resolve([performance.now() - start, fetched ? fetched.responseStart - start : NaN, placed - start]);
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
            return new(inPage[0], inPage[1], inPage[2], complete);
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
        static string Median(IEnumerable<double> times)
        {
            var t = times.Order().ToList();
            return string.Create(CultureInfo.InvariantCulture, $"{t[t.Count / 2]:F0}");
        }
        static string Row(List<Interaction> m) =>
            $"{P50P95(m.Select(x => x.Painted))} (medians: first byte {Median(m.Select(x => x.FirstByte))} ms, page in place {Median(m.Select(x => x.Placed))} ms; sections below in place {P50P95(m.Select(x => x.Complete))})";
        foreach (var (what, pages, change) in new (string, List<IPage>, Func<IPage, string, Task<Interaction>>)[]
        {
            ("league page, choosing another wave", leagues, ChangeWaveAsync),
            ("brand page, opening another wave from its trend table", brands, BrandWaveAsync),
        })
        {
            var inTurn = new List<Interaction>();
            for (var round = 0; round < 6; round++)
            {
                var target = DemoBenchmark.Waves[^(1 + (round + 1) % 2)];
                foreach (var p in pages)
                {
                    var measured = await change(p, target);
                    if (round > 0) inTurn.Add(measured); // the first round warms up
                }
            }
            Console.WriteLine($"| {what}, one page after another ({circuits} such pages and {circuits} circuits open), 100 changes, input to painted: p50 / p95 | {Row(inTurn)} |");
            var together = new List<Interaction>();
            for (var round = 0; round < 5; round++)
            {
                var target = DemoBenchmark.Waves[^(1 + (round + 1) % 2)];
                together.AddRange(await Task.WhenAll(pages.Select(p => change(p, target))));
            }
            Console.WriteLine($"| the same, all {circuits} pages at the same moment (server and chromium on 2 cores), 100 changes: p50 / p95 | {Row(together)} |");
        }
        foreach (var p in busy.Concat(leagues).Concat(brands)) await p.CloseAsync();
    }

    /// <summary>
    /// The dashboard on a Kestrel port (Development: static assets from the build output, as in the
    /// E2E tests), Debian's chromium, and one browser context signed in through the form as a user
    /// with <c>roles</c>; its pages share the cookie.
    /// </summary>
    private sealed class SignedInDashboard : IAsyncDisposable
    {
        public required WebApplicationFactory<CxPlus.Web.Components.App> Factory { get; init; }
        public required string BaseUrl { get; init; }
        public required IPlaywright Playwright { get; init; }
        public required IBrowser Browser { get; init; }
        public required IBrowserContext Context { get; init; }

        public static async Task<SignedInDashboard> StartAsync(string connectionString, params string[] roles)
        {
            // Outside a test project the factory finds the app's content root through this variable.
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "CxPlus.sln"))) root = root.Parent;
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CXPLUS_WEB", Path.Combine(root!.FullName, "src", "CxPlus.Web"));
            var factory = new WebApplicationFactory<CxPlus.Web.Components.App>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Development");
                b.UseSetting("ConnectionStrings:CxPlus", connectionString);
                b.UseUrls("http://127.0.0.1:0");
            });
            factory.UseKestrel();
            factory.StartServer();
            var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
                // Many pages of one browser are many analysts' screens: none may be throttled as a background tab.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
            });
            const string email = "bench@example.com", password = "a long enough password";
            await factory.Services.GetRequiredService<UserAccounts>().CreateAsync(email, password, roles);
            var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            var signIn = await context.NewPageAsync();
            await signIn.GotoAsync($"{baseUrl}/account/sign-in");
            await signIn.GetByLabel("E-mail").FillAsync(email);
            await signIn.GetByLabel("Password").FillAsync(password);
            await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await signIn.WaitForURLAsync($"{baseUrl}/");
            await signIn.CloseAsync();
            return new() { Factory = factory, BaseUrl = baseUrl, Playwright = playwright, Browser = browser, Context = context };
        }

        public async ValueTask DisposeAsync()
        {
            await Context.DisposeAsync();
            await Browser.DisposeAsync();
            Playwright.Dispose();
            await Factory.DisposeAsync();
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

    /// <summary>One interaction, in ms from the input: painted, first byte of the response, new page in place, the sections below the table in place.</summary>
    private readonly record struct Interaction(double Painted, double FirstByte, double Placed, double Complete);
}
