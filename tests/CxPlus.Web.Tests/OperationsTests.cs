using System.Net;
using CxPlus.Web.Features.Operations;
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
