using System.Net;
using System.Text.Json;
using CxPlus.Data.Accounts;
using CxPlus.Data.Releases;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Web.Tests;

/// <summary>
/// The client's read API with its own token: its scope, and a league table with every brand's
/// headline, the sector's factor averages and bests, and its own brand in full; nothing else of the API.
/// </summary>
public sealed class BenchmarkApiTests(AccessFixture access) : IClassFixture<AccessFixture>
{
    private const string League = "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/league";

    private HttpClient Client => access.App.Client(access.Tokens[AccountRoles.Client]);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_client_token_reads_its_scope()
    {
        using var client = Client;
        using var response = await client.GetAsync("/api/v1/benchmark");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await JsonAsync(response);
        json.GetProperty("organisation").GetString().Should().Be(AccessFixture.Organisation);
        json.GetProperty("brands").EnumerateArray().Select(b => (b.GetProperty("sector").GetString(), b.GetProperty("brand").GetString()))
            .Should().Equal(("Retail Banking", "Bank A"));
        json.GetProperty("sectors")[0].GetProperty("waves").EnumerateArray().Select(w => w.GetString()).Should().Equal("2026-Q3");
    }

    [Fact]
    public async Task A_client_token_reads_every_brands_headline_and_its_own_brand_in_full()
    {
        using var client = Client;
        using var response = await client.GetAsync(League);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await JsonAsync(response);
        var rows = json.GetProperty("league").GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("brand").GetString()).Should().BeEquivalentTo("Bank A", "Bank B", "Bank C");
        foreach (var row in rows)
        {
            row.GetProperty("score").GetProperty("value").ValueKind.Should().Be(JsonValueKind.Number, "the CX+ score is published");
            row.GetProperty("factors").EnumerateArray().Should().OnlyContain(f => f.GetProperty("customer").ValueKind == JsonValueKind.Null, "no factor score in the headline");
            row.GetProperty("nps").ValueKind.Should().Be(JsonValueKind.Null);
        }
        json.GetProperty("sectorFactors").GetArrayLength().Should().Be(5);
        var own = json.GetProperty("ownBrands").EnumerateArray().Single();
        own.GetProperty("brand").GetString().Should().Be("Bank A");
        own.GetProperty("factors").EnumerateArray().Should().OnlyContain(f => f.GetProperty("customer").GetProperty("value").ValueKind == JsonValueKind.Number);
        own.GetProperty("rank").GetInt32().Should().Be(rows.Single(r => r.GetProperty("brand").GetString() == "Bank A").GetProperty("rank").GetInt32());
    }

    /// <summary>Everything a member may open of its wave: pages, the API and every download.</summary>
    private static readonly string[] WaveAddresses =
    [
        League, League + ".csv", League + ".xlsx",
        "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A/report.pdf",
        "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A/report.pptx",
        "/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A/comments",
    ];

    [Fact]
    public async Task A_wave_withdrawn_from_members_does_not_exist_for_a_client_until_it_is_released_again()
    {
        var releases = access.App.Factory.Services.GetRequiredService<WaveReleases>();
        using var token = Client;
        using var browser = await access.BrowserAsync(AccessFixture.Email(AccountRoles.Client));
        var pages = new[] { "/benchmark/Retail%20Banking/waves/2026-Q3", "/benchmark/Retail%20Banking/waves/2026-Q3/brands/Bank%20A", "/benchmark/Retail%20Banking/waves/2026-Q3/brands/Bank%20A/comments" };

        (await releases.WithdrawAsync("2026-Q3", null, "dm@example.com")).Changed.Should().Equal("Retail Banking");
        try
        {
            foreach (var address in WaveAddresses)
            {
                using var response = await token.GetAsync(address);
                response.StatusCode.Should().Be(HttpStatusCode.NotFound, address);
                (await response.Content.ReadAsStringAsync()).Should().NotContain("Bank B").And.NotStartWith("%PDF").And.NotStartWith("PK");
            }
            foreach (var page in pages) (await browser.GetAsync(page)).StatusCode.Should().Be(HttpStatusCode.NotFound, page);
            var scope = await JsonAsync(await token.GetAsync("/api/v1/benchmark"));
            scope.GetProperty("sectors")[0].GetProperty("waves").GetArrayLength().Should().Be(0, "no wave of its is released");
            (await (await browser.GetAsync("/benchmark")).Content.ReadAsStringAsync()).Should().Contain("There are no results for your brands yet.");
        }
        finally
        {
            await releases.ReleaseAsync("2026-Q3", null, "dm@example.com");
        }
        foreach (var address in WaveAddresses)
        {
            using var response = await token.GetAsync(address);
            response.StatusCode.Should().Be(HttpStatusCode.OK, address);
        }
        foreach (var page in pages) (await browser.GetAsync(page)).StatusCode.Should().Be(HttpStatusCode.OK, page);
    }

    [Fact]
    public async Task A_client_token_reads_its_own_brands_comments()
    {
        using var client = Client;
        using var response = await client.GetAsync("/api/v1/benchmark/sectors/retail%20banking/waves/2026-q3/brands/bank%20a/comments?tone=promoter");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await JsonAsync(response);
        (json.GetProperty("sector").GetString(), json.GetProperty("wave").GetString()).Should().Be(("Retail Banking", "2026-Q3"));
        // The worked example carries no comment column (the demo's comments are read in the browser tests).
        (json.GetProperty("total").GetInt64(), json.GetProperty("pages").GetInt32()).Should().Be((0, 1));
    }

    [Theory]
    [InlineData("/api/v1/benchmark/sectors/Telecom/waves/2026-Q3/league", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/benchmark/sectors/Retail%20Banking/waves/1999-Q1/league", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20B/report.pdf", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20C/report.pptx", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/benchmark/sectors/Telecom/waves/2026-Q3/league.xlsx", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20B/comments", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/benchmark/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20C/comments?segment=age&category=18-34", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/sectors/Retail%20Banking/waves/2026-Q3/comments", HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A/report.pdf", HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/sectors/Retail%20Banking/waves/2026-Q3/league", HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/sectors", HttpStatusCode.Forbidden)]
    public async Task A_client_token_gets_nothing_outside_its_scope(string path, HttpStatusCode expected)
    {
        using var client = Client;
        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(expected);
        // Nothing of another brand: not even its name, unless the caller wrote it in the address.
        var body = await response.Content.ReadAsStringAsync();
        foreach (var other in new[] { "Bank B", "Bank C" }.Where(b => !Uri.UnescapeDataString(path).Contains(b, StringComparison.Ordinal)))
            body.Should().NotContain(other);
        body.Should().NotStartWith("%PDF").And.NotStartWith("PK");
    }
}
