using System.Net;
using CxPlus.Data.Accounts;
using CxPlus.Web.Features.Operations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CxPlus.Web.Tests;

public sealed class OperationsTests(ApiFixture app) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_one_word(string path)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task A_sign_in_made_on_one_instance_opens_pages_on_another()
    {
        // Data-protection keys live in PostgreSQL: a second app on the same store reads the cookie.
        await using var other = TestApp.Create(app.Database.ConnectionString);
        await app.Factory.Services.GetRequiredService<UserAccounts>().CreateAsync("twice@example.com", "a long enough password", [AccountRoles.Viewer]);
        using var first = app.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var cookie = await SignInCookieAsync(first, "twice@example.com", "a long enough password");

        using var second = other.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/methodology");
        request.Headers.Add("Cookie", cookie);
        (await second.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK, "the other instance accepts the sign-in");
        await using var keys = app.Database.DataSource.CreateCommand("SELECT count(*) FROM data_protection_keys");
        ((long)(await keys.ExecuteScalarAsync())!).Should().BeGreaterThan(0, "the key ring is the store's, not a folder of one machine");
    }

    [Fact]
    public async Task In_production_a_sign_out_without_its_antiforgery_token_answers_400_not_500()
    {
        // The review found a 500 here: outside Development the exception handler turned the form binding's
        // "bad request" into a server error (the Development tests saw 400).
        var logs = new CxPlus.Data.Tests.LogCapture();
        await using var production = TestApp.Create(app.Database.ConnectionString, configure: b => { b.UseEnvironment("Production"); b.ConfigureLogging(l => l.AddProvider(logs)); });
        await production.Services.GetRequiredService<UserAccounts>().CreateAsync("forged-sign-out@example.com", "a long enough password", [AccountRoles.Viewer]);
        using var client = production.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = await SignInCookieAsync(client, "forged-sign-out@example.com", "a long enough password");

        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-out") { Content = new FormUrlEncodedContent([]) };
        post.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(post);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, string.Join("\n", logs.Lines.Select(l => l.Category + ": " + l.Message)) + await response.Content.ReadAsStringAsync());
    }

    /// <summary>Signs in through the form by hand and returns the sign-in cookie as a Cookie header value.</summary>
    private static async Task<string> SignInCookieAsync(HttpClient client, string email, string password)
    {
        using var page = await client.GetAsync("/account/sign-in");
        var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "sign-in", ["Input.Email"] = email, ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await client.SendAsync(post);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Found);
        return signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("cxplus=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_normal_start_in_production_warns_of_nothing_and_logs_no_request_or_sql_lines()
    {
        var logs = new CxPlus.Data.Tests.LogCapture();
        await using var fresh = new CxPlus.Data.Tests.PostgresDatabase(); // no key ring yet: the start creates the first key
        await fresh.InitializeAsync();
        await using var production = TestApp.Create(fresh.ConnectionString, configure: b =>
        {
            b.UseEnvironment("Production");
            b.ConfigureLogging(l => l.AddProvider(logs));
        });
        using var client = production.CreateClient();

        (await client.GetAsync("/account/sign-in")).StatusCode.Should().Be(HttpStatusCode.OK); // creates a data-protection key
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);

        logs.Warnings.Should().BeEmpty("no 'keys unencrypted', 'https port' or other warning at a normal start");
        logs.Lines.Should().NotContain(l => l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)
            || l.Category.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal), "no per-request or per-SQL lines");
    }

    [Fact]
    public async Task Ready_is_503_when_the_database_is_unreachable_while_live_stays_up()
    {
        await using var broken = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            b.UseSetting("ConnectionStrings:CxPlus", "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=2"));
        using var client = broken.CreateClient();

        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Unhealthy");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/sectors")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync(path);

        response.Headers.GetValues("Content-Security-Policy").Single().Should().Be(SecurityHeaders.ContentSecurityPolicy).And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
    }
}
