using System.Net;
using CxPlus.Data;
using CxPlus.Data.Accounts;
using CxPlus.Data.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CxPlus.Web.Tests;

/// <summary>
/// Issue #15 break 8 (200 sign-ins in 4.5 s and 300 wrong tokens were all processed) and break 11's
/// forged log line: the limits answer 429 with Retry-After, and a line break in a sign-in name
/// stays inside its log line.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly PostgresDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();
    public Task DisposeAsync() => _db.DisposeAsync();

    private WebApplicationFactory<Program> App(Action<IWebHostBuilder>? configure = null) => TestApp.Create(_db.ConnectionString, defaultLimits: true, configure);

    [Fact]
    public async Task Sign_in_posts_beyond_20_a_minute_from_one_address_get_429_with_retry_after()
    {
        await using var app = App();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 25; i++)
        {
            var response = await AccessFixture.SignInAsync(client, $"nobody{i}@example.com", "wrong password, long");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused ??= response;
        }

        statuses.Take(20).Should().OnlyContain(s => s == HttpStatusCode.OK, "the first 20 attempts are answered (wrong password)");
        statuses.Skip(20).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests);
        int.Parse(refused!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 60);
        (await client.GetAsync("/account/sign-in")).StatusCode.Should().Be(HttpStatusCode.OK, "the page itself is not limited");
    }

    [Fact]
    public async Task Sign_ins_against_one_account_are_limited_whatever_the_address_but_not_for_a_clean_one()
    {
        await using var app = App(b => b.UseSetting("RateLimits:SignInPerAddressPerMinute", "1000"));
        await app.Services.GetRequiredService<UserAccounts>().CreateAsync("target@example.com", "the right password", [AccountRoles.Viewer]);
        HttpClient From(string address)
        {
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            client.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, address);
            return client;
        }

        // Eleven addresses guess once each (the spelling of the name does not matter): the account's 10 a minute are spent.
        var pages = new List<HttpResponseMessage>();
        for (var i = 0; i < 11; i++)
        {
            using var guesser = From($"198.51.100.{i + 1}");
            pages.Add(await AccessFixture.SignInAsync(guesser, i % 2 == 0 ? "target@example.com" : "TARGET@example.com ", "guess number " + i));
        }
        using var again = From("198.51.100.1");
        using var throttled = await AccessFixture.SignInAsync(again, "target@example.com", "guess number 11");
        using var owner = From("192.0.2.44");
        using var ownersSignIn = await AccessFixture.SignInAsync(owner, "target@example.com", "the right password");

        pages.Should().OnlyContain(p => p.StatusCode == HttpStatusCode.OK);
        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "an address that guessed wrong waits for the account's budget");
        throttled.Headers.Contains("Retry-After").Should().BeTrue();
        (await throttled.Content.ReadAsStringAsync()).Should().Contain("Too many sign-in attempts for this account");
        ownersSignIn.StatusCode.Should().Be(HttpStatusCode.Found, "an address that never guessed wrong is not held back by the others");
        foreach (var page in pages) page.Dispose();
    }

    [Fact]
    public async Task Wrong_tokens_beyond_30_a_minute_from_one_address_get_429()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sectors");
            request.Headers.Authorization = new("Bearer", $"cxp_wrong-{i}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (i == 39) response.Headers.Contains("Retry-After").Should().BeTrue();
        }

        statuses.Take(30).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        statuses.Skip(30).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_api_budget_is_per_user_so_more_tokens_do_not_buy_more_requests()
    {
        // The review made five tokens for one user and got five budgets.
        await using var app = App(b => b.UseSetting("RateLimits:ApiPerUserPerMinute", "5"));
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("tool@example.com", "a long enough password", [AccountRoles.Viewer]);
        await accounts.CreateAsync("other-tool@example.com", "a long enough password", [AccountRoles.Viewer]);
        var first = (await accounts.CreateTokenAsync("tool@example.com", "one")).Secret;
        var second = (await accounts.CreateTokenAsync("tool@example.com", "two")).Secret;
        var others = (await accounts.CreateTokenAsync("other-tool@example.com", "theirs")).Secret;
        using var client = app.CreateClient();

        async Task<HttpStatusCode> Get(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sectors");
            request.Headers.Authorization = new("Bearer", token);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add(await Get(first));
        for (var i = 0; i < 3; i++) statuses.Add(await Get(second));

        statuses.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], "both tokens draw on their user's one budget");
        (await Get(others)).Should().Be(HttpStatusCode.OK, "another user is not held back by the first one's use");
    }

    [Fact]
    public async Task Health_probes_are_never_limited()
    {
        await using var app = App();
        using var client = app.CreateClient();

        for (var i = 0; i < 100; i++)
            (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_line_break_in_a_sign_in_name_cannot_forge_a_log_line()
    {
        var logs = new LogCapture();
        await using var app = App(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        (await AccessFixture.SignInAsync(client, "x@example.com\r\nsign-in dashboard by admin@cxplus.local: succeeded", "wrong password, long")).Dispose();

        var audit = logs.Lines.Where(l => l.Category == AuditLog.Category).Select(l => l.Message).ToList();
        audit.Should().ContainSingle(l => l.StartsWith("sign-in dashboard by x@example.com", StringComparison.Ordinal))
            .Which.Should().NotContainAny("\r", "\n").And.Contain("\\u{000D}\\u{000A}");
        logs.Lines.Select(l => l.Message).Should().NotContain(l => l.Contains('\n') && l.Contains("admin@cxplus.local"));
    }
}
