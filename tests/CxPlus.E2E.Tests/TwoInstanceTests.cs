using System.Diagnostics;
using System.Net;
using CxPlus.Data.Accounts;
using CxPlus.Data.Tests;
using CxPlus.Scoring.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.E2E.Tests;

/// <summary>
/// Issue #16: two instances on one store (docs/operations.md). The fixture's app is the first; a
/// second runs as its own process. A sign-in made on one opens the other's pages; an import made
/// in one's pages shows in the other's league table, and a token revoked in one stops in the other,
/// within a second (each instance hears the store's change notifications).
/// </summary>
public sealed class TwoInstanceTests(DashboardFixture app) : IClassFixture<DashboardFixture>
{
    private const string League = "/sectors/Retail%20Banking/waves/2026-Q3";
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Two_instances_share_sign_ins_and_each_sees_the_others_changes_within_a_second()
    {
        await using var second = await WebProcess.StartAsync(app.Database.ConnectionString);
        var page = await app.NewPageAsync();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

        // The sign-in cookie the first instance issued opens the second's pages (shared keys in PostgreSQL)...
        var onSecond = await app.NewPageAsync();
        await onSecond.GotoAsync(second.BaseUrl + League);
        var rows = onSecond.Locator("[data-testid=league-table] tbody tr");
        await rows.First.WaitForAsync();
        (await rows.AllInnerTextsAsync()).Should().HaveCount(3).And.Contain(r => r.Contains("Bank A"));
        // ...and without it the second sends a visitor to sign in.
        using (var anonymous = await GetAsync(http, second.BaseUrl + League))
            anonymous.Headers.Location?.ToString().Should().Contain("/account/sign-in");

        // The second instance answers (and keeps) the league table and the token.
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        var (token, secret) = await accounts.CreateTokenAsync(DashboardFixture.Email, "second instance");
        (await ApiLeagueAsync(http, second, secret)).Should().Contain("Bank A").And.NotContain("Bank D");

        // An import through the first instance's pages: upload, check, commit.
        using var files = new Files();
        var bankD = files.Write(string.Join('\n', File.ReadAllLines(Samples.Path("worked-example.csv"))
            .Where((line, i) => i == 0 || line.Contains(",Bank A,", StringComparison.Ordinal))
            .Select(line => line.Replace(",Bank A,", ",Bank D,", StringComparison.Ordinal))) + "\n", "bank-d.csv");
        await page.GotoAsync(app.BaseUrl + "/data/imports");
        await page.Locator("[data-testid=upload-file]").SetInputFilesAsync(bankD);
        await page.Locator("[data-testid=upload-submit]").ClickAsync();
        await page.Locator("[data-testid=commit]").ClickAsync();
        await page.Locator("[data-testid=import-done]").WaitForAsync();
        var committed = Stopwatch.StartNew();

        await Eventually(async () => (await ApiLeagueAsync(http, second, secret)).Contains("Bank D"), Propagation, committed);
        await onSecond.ReloadAsync();
        await rows.Nth(3).WaitForAsync(); // the fourth brand, in the second instance's page
        (await rows.AllInnerTextsAsync()).Should().Contain(r => r.Contains("Bank D"));
        await onSecond.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "second-instance-league.png"), FullPage = true });

        // A token revoked in the first instance stops in the second.
        await accounts.RevokeTokenAsync(DashboardFixture.Email, token.Id, by: "test");
        var revoked = Stopwatch.StartNew();
        await Eventually(async () =>
        {
            using var response = await GetAsync(http, second.BaseUrl + "/api/v1/sectors", bearer: secret);
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }, Propagation, revoked);
    }

    [Fact]
    public async Task A_grant_revoked_in_one_instance_ends_the_clients_access_in_the_other_within_a_second()
    {
        await using var second = await WebProcess.StartAsync(app.Database.ConnectionString);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        var organisations = app.Services.GetRequiredService<CxPlus.Data.Clients.Organisations>();
        await organisations.AddAsync("Bank B Group");
        await organisations.GrantAsync("Bank B Group", "Retail Banking", "Bank B");
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("bo@bank-b.example.com", DashboardFixture.Password, [AccountRoles.Client], client: "Bank B Group");
        var (_, secret) = await accounts.CreateTokenAsync("bo@bank-b.example.com", "second instance");
        const string benchmark = "/api/v1/benchmark" + League + "/league";

        // The second instance answers the client, and keeps its scope and view.
        using (var before = await GetAsync(http, second.BaseUrl + benchmark, bearer: secret))
        {
            before.StatusCode.Should().Be(HttpStatusCode.OK);
            (await before.Content.ReadAsStringAsync()).Should().Contain("\"ownBrands\"").And.Contain("Bank B");
        }

        // Revoked through the first instance: the second forgets the scope it remembered.
        await organisations.RevokeGrantAsync("Bank B Group", "Retail Banking", "Bank B", "test");
        var revoked = Stopwatch.StartNew();
        await Eventually(async () =>
        {
            using var response = await GetAsync(http, second.BaseUrl + benchmark, bearer: secret);
            return response.StatusCode == HttpStatusCode.NotFound;
        }, Propagation, revoked);
    }

    private static async Task<string> ApiLeagueAsync(HttpClient http, WebProcess instance, string secret)
    {
        using var response = await GetAsync(http, instance.BaseUrl + "/api/v1" + League + "/league", bearer: secret);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, string url, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        return http.SendAsync(request);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing when it does not within <paramref name="limit"/> of <paramref name="since"/>.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan limit, Stopwatch since)
    {
        while (!await condition())
        {
            if (since.Elapsed > limit) throw new Xunit.Sdk.XunitException($"The other instance still showed the old state {limit.TotalSeconds:0.#} s after the change.");
            await Task.Delay(20);
        }
    }
}
