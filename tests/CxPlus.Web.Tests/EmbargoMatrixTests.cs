using System.Net;
using CxPlus.Data.Accounts;
using CxPlus.Data.Releases;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Web.Tests;

/// <summary>
/// Issue 30's embargo matrix, over every route the app has rather than a list that a new page could
/// miss: each GET route is asked for the worked example's sector, wave and brand by a member, with its
/// sign-in cookie (pages) and with its token (the API), while the wave is released, after it is
/// withdrawn, and after it is released again. What a member may open while the wave is released is a
/// 404 once it is withdrawn, with nothing of it in the answer; a route without a wave in it no longer
/// names the wave; a release brings everything back.
/// </summary>
public sealed class EmbargoMatrixTests(AccessFixture access) : IClassFixture<AccessFixture>
{
    private const string Wave = "2026-Q3";

    private static readonly Dictionary<string, string> Values = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sector"] = "Retail%20Banking", ["wave"] = Wave, ["brand"] = "Bank%20A",
    };

    /// <summary>Every GET route of the app whose parameters are a sector, a wave or a brand, filled in for the member's brand.</summary>
    private List<string> Addresses()
    {
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in access.App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET")) continue;
            var pattern = endpoint.RoutePattern;
            if (pattern.Parameters.Any(p => !Values.ContainsKey(p.Name)) || pattern.RawText is null || pattern.RawText.Contains("_framework", StringComparison.Ordinal)) continue;
            var address = "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => Values[parameter.Name],
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                _ => "",
            }))));
            addresses.Add(address);
        }
        return [.. addresses];
    }

    private sealed record Answer(string Address, HttpStatusCode Status, string Body);

    /// <summary>Each address as the member asks it: pages with its cookie, the API with its token.</summary>
    private async Task<List<Answer>> AskAsync(IEnumerable<string> addresses)
    {
        using var browser = await access.BrowserAsync(AccessFixture.Email(AccountRoles.Client));
        using var token = access.App.Client(access.Tokens[AccountRoles.Client]);
        var answers = new List<Answer>();
        foreach (var address in addresses)
        {
            using var response = await (address.StartsWith("/api/", StringComparison.Ordinal) ? token : browser).GetAsync(address);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            answers.Add(new Answer(address, response.StatusCode, System.Text.Encoding.UTF8.GetString(bytes)));
        }
        return answers;
    }

    [Fact]
    public async Task Every_route_a_member_opens_for_a_released_wave_is_gone_when_it_is_withdrawn_and_back_when_it_is_released()
    {
        var releases = access.App.Factory.Services.GetRequiredService<WaveReleases>();
        var addresses = Addresses();
        var released = await AskAsync(addresses);
        var open = released.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Address).ToList();
        var withWave = open.Where(a => a.Contains(Wave, StringComparison.Ordinal)).ToList();
        // The matrix is only as good as what it reaches: the member's pages, data, files and reports of the wave.
        withWave.Should().Contain([
            "/benchmark/Retail%20Banking/waves/2026-Q3", "/benchmark/Retail%20Banking/waves/2026-Q3/brands/Bank%20A",
            "/benchmark/Retail%20Banking/waves/2026-Q3/brands/Bank%20A/comments",
            "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/league", "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/league.csv",
            "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/league.xlsx", "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/alerts",
            "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A/report.pdf",
            "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A/report.pptx",
            "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A/comments",
        ]);
        // What names the wave while it is released, without the wave in its address (the member's overview, its scope).
        var naming = released.Where(a => a.Status == HttpStatusCode.OK && !a.Address.Contains(Wave, StringComparison.Ordinal) && a.Body.Contains(Wave, StringComparison.Ordinal))
            .Select(a => a.Address).ToList();
        naming.Should().Contain(["/benchmark", "/api/v1/benchmark"]);

        (await releases.WithdrawAsync(Wave, null, "dm@example.com")).Changed.Should().Equal("Retail Banking");
        List<Answer> withdrawn;
        try
        {
            withdrawn = await AskAsync(addresses);
        }
        finally
        {
            await releases.ReleaseAsync(Wave, null, "dm@example.com");
        }
        var again = await AskAsync(addresses);

        foreach (var answer in withdrawn.Where(a => withWave.Contains(a.Address)))
        {
            answer.Status.Should().Be(HttpStatusCode.NotFound, $"{answer.Address} is a withdrawn wave's");
            answer.Body.Should().NotContain("Bank B", answer.Address).And.NotStartWith("%PDF", answer.Address).And.NotStartWith("PK", answer.Address);
        }
        foreach (var answer in withdrawn.Where(a => naming.Contains(a.Address)))
        {
            answer.Status.Should().Be(HttpStatusCode.OK, answer.Address);
            answer.Body.Should().NotContain(Wave, $"{answer.Address} names no withdrawn wave");
        }
        // Nothing that was closed to the member opened because of the withdrawal.
        foreach (var (before, after) in released.Zip(withdrawn).Where(p => p.First.Status != HttpStatusCode.OK))
            after.Status.Should().NotBe(HttpStatusCode.OK, before.Address);
        again.Select(a => (a.Address, a.Status)).Should().Equal(released.Select(a => (a.Address, a.Status)), "a release brings back exactly what the member saw");
    }
}
