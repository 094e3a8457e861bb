using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.E2E.Tests;

/// <summary>
/// Issue 27's scope matrix, in the browser: every role (Viewer, Consultant, DataManager, Admin, the
/// client of Bank A, the client of Bank B) × every page, API endpoint and download × own and other
/// brand gets its allowed answer, or a refusal (403: the access-denied page; 404: "not there") that
/// carries no data. Pages are opened as a person opens them, the API and files with the same
/// browser's cookie. Once with competitors named, once anonymous (<see cref="AnonymousScopeMatrixTests"/>).
/// </summary>
public sealed class ScopeMatrixTests(DashboardFixture app) : IClassFixture<DashboardFixture>
{
    [Fact]
    public Task Every_role_gets_its_answer_from_every_page_endpoint_and_file_with_competitors_named() => ScopeMatrix.RunAsync(app, anonymous: false);
}

/// <summary>The scope matrix with <c>Clients__Competitors=anonymous</c>: a client also never reads another member's name.</summary>
public sealed class AnonymousScopeMatrixTests(AnonymousDashboardFixture app) : IClassFixture<AnonymousDashboardFixture>
{
    [Fact]
    public Task Every_role_gets_its_answer_from_every_page_endpoint_and_file_with_competitors_anonymous() => ScopeMatrix.RunAsync(app, anonymous: true);
}

/// <summary>The worked example with competitors shown anonymously to clients.</summary>
public sealed class AnonymousDashboardFixture : DashboardFixture
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Clients:Competitors", "anonymous");
}

internal static class ScopeMatrix
{
    private const string V = AccountRoles.Viewer, C = AccountRoles.Consultant, D = AccountRoles.DataManager, A = AccountRoles.Admin;
    private const string ClientA = "client of Bank A", ClientB = "client of Bank B";
    private static readonly string[] Roles = [V, C, D, A, ClientA, ClientB];
    private static readonly string[] Staff = [V, C, D, A], Clients = [ClientA, ClientB], Everyone = [.. Staff, .. Clients];
    private const string League = "/sectors/Retail%20Banking/waves/2026-Q3", Benchmark = "/benchmark/Retail%20Banking/waves/2026-Q3";
    private const string ClientApi = "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3";

    /// <summary>What a role gets at an address: 200, 403 (refused: not its kind of page) or 404 (another member's brand: not there).</summary>
    private sealed record Entry(string Path, Func<string, int> Answer);

    private static Entry For(string path, params string[] allowed) => new(path, role => allowed.Contains(role) ? 200 : 403);

    /// <summary>A member's own brand: its client reads it, the other client is told it is not there, the agency's roles are refused.</summary>
    private static Entry Own(string path, string holder) => new(path, role => role == holder ? 200 : Clients.Contains(role) ? 404 : 403);

    /// <summary>The root address: the agency's league table for its people; a member's person starts at its benchmark.</summary>
    private static readonly Entry Home = new("/", _ => 200);

    private static readonly Entry[] Pages =
    [
        Home, For("/sectors", Staff), For(League, Staff), For(League + "/brands/Bank%20A", Staff), For(League + "/brands/Bank%20B", Staff),
        For(League + "/compare?brand=Bank%20A&brand=Bank%20B", Staff), For("/methodology", Staff), For("/data/format", Staff),
        For("/data/imports", D, A), For("/data/names", D, A), For("/admin/users", A), For("/admin/audit", A),
        For("/account/tokens", Everyone), For("/benchmark", Clients), For(Benchmark, Clients),
        Own(Benchmark + "/brands/Bank%20A", ClientA), Own(Benchmark + "/brands/Bank%20B", ClientB),
    ];

    private static readonly Entry[] Api =
    [
        For("/api/v1/sectors", Staff), For("/api/v1/waves", Staff), For("/api/v1" + League + "/league", Staff),
        For("/api/v1" + League + "/lenses", Staff), For("/api/v1" + League + "/drivers?brand=Bank%20B", Staff),
        For("/api/v1" + League + "/league.csv", C, A), For("/api/v1" + League + "/league.xlsx", C, A),
        For("/api/v1" + League + "/brands/Bank%20A/report.pdf", C, A), For("/api/v1" + League + "/brands/Bank%20B/report.pptx", C, A),
        For("/api/v1" + League + "/reports.zip", C, A), For("/api/v1" + League + "/responses.csv", D, A),
        For("/api/v1/benchmark", Clients), For(ClientApi + "/league", Clients), For(ClientApi + "/league.csv", Clients), For(ClientApi + "/league.xlsx", Clients),
        Own(ClientApi + "/brands/Bank%20A/report.pdf", ClientA), Own(ClientApi + "/brands/Bank%20A/report.pptx", ClientA),
        Own(ClientApi + "/brands/Bank%20B/report.pdf", ClientB), Own(ClientApi + "/brands/Bank%20B/report.pptx", ClientB),
    ];

    public static async Task RunAsync(DashboardFixture app, bool anonymous)
    {
        var emails = await UsersAsync(app);
        var failures = new List<string>();
        foreach (var role in Roles)
        {
            await using var context = await app.Browser.NewContextAsync(new() { Locale = "en-GB" });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(15000);
            await app.SignInAsync(page, emails[role], DashboardFixture.Password);
            await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
            // A client of Bank A may read Bank A's name; with anonymous competitors no other bank's, anywhere.
            string[] hidden = role == ClientA ? ["Bank B", "Bank C"] : role == ClientB ? ["Bank A", "Bank C"] : [];

            foreach (var entry in Pages)
            {
                var expected = entry.Answer(role);
                var response = await page.GotoAsync(app.BaseUrl + entry.Path);
                var refused = page.Url.Contains("/account/access-denied", StringComparison.Ordinal);
                var status = refused ? 403 : response!.Status;
                var text = await page.Locator("body").InnerTextAsync();
                if (status != expected) failures.Add($"{role} {entry.Path}: page answered {status}, expected {expected}");
                if (entry == Home && Clients.Contains(role) && new Uri(page.Url).AbsolutePath != "/benchmark")
                    failures.Add($"{role} {entry.Path}: landed on {page.Url}, not its benchmark");
                if (expected != 200 && (text.Contains("Under-delivers", StringComparison.Ordinal) || text.Contains("CX+ index", StringComparison.Ordinal)))
                    failures.Add($"{role} {entry.Path}: a refusal that shows results");
                if (anonymous && hidden.FirstOrDefault(name => text.Contains(name, StringComparison.Ordinal) && !Uri.UnescapeDataString(entry.Path).Contains(name, StringComparison.Ordinal)) is { } named)
                    failures.Add($"{role} {entry.Path}: the page names {named}");
            }
            foreach (var entry in Api)
            {
                var expected = entry.Answer(role);
                var response = await context.APIRequest.GetAsync(app.BaseUrl + entry.Path);
                var body = await response.BodyAsync();
                if (response.Status != expected) failures.Add($"{role} {entry.Path}: answered {response.Status}, expected {expected}");
                if (expected != 200 && body.Length > 4 && (body[0] == (byte)'%' || body[0] == (byte)'P' && body[1] == (byte)'K'))
                    failures.Add($"{role} {entry.Path}: a refusal that sends a file");
                var text = System.Text.Encoding.UTF8.GetString(body);
                if (anonymous && hidden.FirstOrDefault(name => text.Contains(name, StringComparison.Ordinal) && !Uri.UnescapeDataString(entry.Path).Contains(name, StringComparison.Ordinal)) is { } named)
                    failures.Add($"{role} {entry.Path}: the answer names {named}");
            }
        }
        failures.Should().BeEmpty();
    }

    /// <summary>A person of each role, and the two members (Bank A Group, Bank B Group) with theirs; made once per store.</summary>
    private static async Task<Dictionary<string, string>> UsersAsync(DashboardFixture app)
    {
        var emails = Roles.ToDictionary(r => r, r => $"{r.Replace(' ', '-').ToLowerInvariant()}@scope.example.com");
        var organisations = app.Services.GetRequiredService<Organisations>();
        if ((await organisations.ListAsync()).Any(o => o.Name == "Bank A Group")) return emails;
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        foreach (var (holder, bank) in new[] { (ClientA, "Bank A"), (ClientB, "Bank B") })
        {
            await organisations.AddAsync($"{bank} Group");
            await organisations.GrantAsync($"{bank} Group", "Retail Banking", bank);
            await accounts.CreateAsync(emails[holder], DashboardFixture.Password, [AccountRoles.Client], client: $"{bank} Group");
        }
        foreach (var role in Staff) await accounts.CreateAsync(emails[role], DashboardFixture.Password, [role]);
        return emails;
    }
}
