using CxPlus.Data.Accounts;
using CxPlus.Data.Importing;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CxPlus.E2E.Tests;

/// <summary>
/// The real dashboard on a Kestrel port, a real PostgreSQL loaded with the worked example, and
/// Debian's chromium driven by Playwright (no browser download: CHROMIUM_PATH or /usr/bin/chromium).
/// </summary>
public class DashboardFixture : IAsyncLifetime
{
    private readonly PostgresDatabase _db = new();
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private string? _signedIn;

    /// <summary>The analyst every page is opened as: a consultant who also manages data.</summary>
    public const string Email = "analyst@e2e.example.com";
    public const string Password = "a long enough password";

    public PostgresDatabase Database => _db;

    /// <summary>The app's services (accounts, queries) for arranging a test.</summary>
    public IServiceProvider Services => _factory!.Services;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CxPlus.sln"))) dir = dir.Parent;
            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await SeedAsync(new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System));
        await _db.ReleaseAllAsync(); // checked and released: members see it (issue 30); a test that needs a draft imports one

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development"); // serves MudBlazor's static assets from the build output
            b.UseSetting("ConnectionStrings:CxPlus", _db.ConnectionString);
            b.UseSetting("Localization:DefaultLanguage", "en"); // tests about something else read English (LanguageTests choose)
            b.UseUrls("http://127.0.0.1:0"); // a free loopback port, whatever else runs here
            b.UseSetting("RateLimits:SignInPerAddressPerMinute", "1000"); // the tests sign in more often than a person
            b.UseSetting("Uploads:Folder", Path.Combine(Path.GetTempPath(), $"cxplus-e2e-uploads-{Environment.ProcessId}"));
            Configure(b);
        });
        _factory.UseKestrel();
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium not found at {chromium}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        // Sign in once through the real form; every page then opens with that cookie.
        await _factory.Services.GetRequiredService<UserAccounts>()
            .CreateAsync(Email, Password, [AccountRoles.Consultant, AccountRoles.DataManager]);
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Email, Password);
        await page.WaitForURLAsync(BaseUrl + "/");
        _signedIn = await context.StorageStateAsync();
    }

    /// <summary>Settings of a fixture's own (none here).</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    /// <summary>The store's data: the methodology's worked example.</summary>
    protected virtual async Task SeedAsync(ResponseImporter importer)
    {
        var result = await importer.ImportAsync(Samples.Path("worked-example.csv"), new ImportOptions("worked-example.csv", "e2e"));
        result.Succeeded.Should().BeTrue();
    }

    /// <summary>Opens the sign-in page, then fills and sends its form.</summary>
    public async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(BaseUrl + "/account/sign-in");
        await SubmitSignInAsync(page, email, password);
    }

    /// <summary>Fills and sends the sign-in form of the page the browser is on.</summary>
    public static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>A page in a fresh browser context that is not signed in.</summary>
    public async Task<IPage> NewAnonymousPageAsync()
    {
        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        return page;
    }

    /// <summary>A signed-in page; <paramref name="locale"/> sets the browser's language (its Accept-Language), e.g. "nl-NL".</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 1000, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, StorageState = _signedIn, Locale = locale });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        return page;
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        await _db.DisposeAsync();
    }
}
