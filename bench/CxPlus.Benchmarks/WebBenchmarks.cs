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
        Console.WriteLine($"| managed memory per idle circuit (league page open, {circuits} circuits) | {(after - before) / circuits / 1024.0:F0} KiB |");
        foreach (var p in pages) await p.CloseAsync();
    }

    /// <summary>
    /// Issue #16: what an idle circuit holds on three pages (the managed heap after full GCs, with
    /// this process's own cost of a browser page subtracted: the same number of pages on
    /// /health/live, which opens no circuit), and the p95 of changing the wave on the league page
    /// with 20 circuits open: one at a time in turn, and all 20 at the same moment.
    /// </summary>
    public static async Task CircuitsAsync(string server)
    {
        await using var db = await ScratchDatabase.WithDemoAsync(server);
        await using var app = await SignedInDashboard.StartAsync(db.ConnectionString, AccountRoles.Consultant);
        var (factory, baseUrl, browsing) = (app.Factory, app.BaseUrl, app.Context);

        const int circuits = 20;
        var wave = DemoBenchmark.Waves[^1];
        var league = $"{baseUrl}/sectors/Insurance/waves/{wave}";
        var firstBrand = (await factory.Services.GetRequiredService<CxPlus.Data.League.LeagueQueries>().LeagueAsync("Insurance", wave)).Rows[0].Brand;
        var brand = $"{league}/brands/{Uri.EscapeDataString(firstBrand)}";
        async Task<IPage> OpenAsync(string url, string? ready)
        {
            var p = await browsing.NewPageAsync();
            await p.GotoAsync(url);
            if (ready is not null) await p.Locator(ready).First.WaitForAsync(new() { Timeout = 60_000 });
            return p;
        }
        async Task<long> HeapWithAsync(string url, string? ready)
        {
            var before = SettledHeap();
            var pages = new List<IPage>();
            for (var i = 0; i < circuits; i++) pages.Add(await OpenAsync(url, ready));
            var held = SettledHeap() - before;
            foreach (var p in pages) await p.CloseAsync();
            await Task.Delay(1000); // the circuits end with their pages
            return held;
        }
        var control = await HeapWithAsync($"{baseUrl}/health/live", null);
        foreach (var (name, url, ready) in new[]
        {
            ("methodology page (text)", $"{baseUrl}/methodology", "h1"),
            ("league page (Insurance, 9 brands, 4 waves)", league, "[data-testid=league-table] tbody tr"),
            ("brand page (with its priority matrix)", brand, "h2"),
        })
        {
            var held = await HeapWithAsync(url, ready);
            Console.WriteLine($"| managed memory per idle circuit, {name}, {circuits} circuits | {(held - control) / circuits / 1024.0:F0} KiB |");
        }

        // Changing the wave: from choosing it to the new wave's table on screen.
        var open = new List<IPage>();
        for (var i = 0; i < circuits; i++) open.Add(await OpenAsync(league, "[data-testid=league-table] tbody tr"));
        async Task<double> ChangeWaveAsync(IPage p, string target)
        {
            await p.BringToFrontAsync(); // the analyst's tab is in front when they change the wave
            await p.Locator("[data-testid=wave-picker]").ClickAsync();
            var option = p.GetByRole(AriaRole.Option, new() { Name = target, Exact = true });
            await option.WaitForAsync();
            var watch = Stopwatch.StartNew();
            await option.ClickAsync();
            await p.GetByRole(AriaRole.Heading, new() { Name = $"Insurance — {target}" }).WaitForAsync(new() { Timeout = 60_000 });
            await p.Locator("[data-testid=league-table] tbody tr").First.WaitForAsync();
            return watch.Elapsed.TotalMilliseconds;
        }
        static string P50P95(List<double> t)
        {
            t.Sort();
            return string.Create(CultureInfo.InvariantCulture, $"{t[t.Count / 2]:F0} ms / {t[(int)(t.Count * 0.95)]:F0} ms");
        }
        var inTurn = new List<double>();
        for (var round = 0; round < 6; round++)
        {
            var target = DemoBenchmark.Waves[^(1 + (round + 1) % 2)];
            foreach (var p in open)
            {
                var time = await ChangeWaveAsync(p, target);
                if (round > 0) inTurn.Add(time); // the first round warms up
            }
        }
        Console.WriteLine($"| changing the wave on the league page, one circuit after another while {circuits} are open, 100 changes: p50 / p95 | {P50P95(inTurn)} |");
        var together = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            var target = DemoBenchmark.Waves[^(1 + (round + 1) % 2)];
            together.AddRange(await Task.WhenAll(open.Select(p => ChangeWaveAsync(p, target))));
        }
        Console.WriteLine($"| the same, all {circuits} circuits at the same moment (server and 20 chromium pages on 2 cores), 100 changes: p50 / p95 | {P50P95(together)} |");
        foreach (var p in open) await p.CloseAsync();
    }

    /// <summary>
    /// The dashboard on a Kestrel port (Development: static assets from the build output, as in the
    /// E2E tests), Debian's chromium, and one browser context signed in through the form as a user
    /// with <c>role</c>; its pages share the cookie.
    /// </summary>
    private sealed class SignedInDashboard : IAsyncDisposable
    {
        public required WebApplicationFactory<CxPlus.Web.Components.App> Factory { get; init; }
        public required string BaseUrl { get; init; }
        public required IPlaywright Playwright { get; init; }
        public required IBrowser Browser { get; init; }
        public required IBrowserContext Context { get; init; }

        public static async Task<SignedInDashboard> StartAsync(string connectionString, string role)
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
            await factory.Services.GetRequiredService<UserAccounts>().CreateAsync(email, password, [role]);
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
}
