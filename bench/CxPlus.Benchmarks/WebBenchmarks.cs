using System.Diagnostics;
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

        // Outside a test project the factory finds the app's content root through this variable.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CxPlus.sln"))) root = root.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CXPLUS_WEB", Path.Combine(root!.FullName, "src", "CxPlus.Web"));
        await using var factory = new WebApplicationFactory<CxPlus.Web.Components.App>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development"); // static assets from the build output, as in the E2E tests
            b.UseSetting("ConnectionStrings:CxPlus", db.ConnectionString);
            b.UseUrls("http://127.0.0.1:0");
        });
        factory.UseKestrel();
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var url = $"{baseUrl}/sectors/Insurance/waves/{DemoBenchmark.Waves[^1]}";

        // Every page needs a sign-in: sign in once through the form; the pages share the cookie.
        const string email = "bench@example.com", password = "a long enough password";
        await factory.Services.GetRequiredService<UserAccounts>().CreateAsync(email, password, [AccountRoles.Viewer]);
        await using var browsing = await browser.NewContextAsync();
        var signIn = await browsing.NewPageAsync();
        await signIn.GotoAsync($"{baseUrl}/account/sign-in");
        await signIn.GetByLabel("E-mail").FillAsync(email);
        await signIn.GetByLabel("Password").FillAsync(password);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await signIn.WaitForURLAsync($"{baseUrl}/");
        await signIn.CloseAsync();

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

    private static long SettledHeap()
    {
        Thread.Sleep(500);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
