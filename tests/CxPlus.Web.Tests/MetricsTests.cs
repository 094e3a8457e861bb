using System.Net;
using CxPlus.Data.Accounts;
using CxPlus.Data.Importing;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;

namespace CxPlus.Web.Tests;

/// <summary>
/// Issue 31's telemetry: the Prometheus scrape endpoint shows the framework's metrics and the product's
/// own (imports, the result cache per kind, report times) after they happened, to administrators only.
/// </summary>
public sealed class MetricsTests(AccessFixture access) : IClassFixture<AccessFixture>
{
    private const string League = "/api/v1/sectors/Retail%20Banking/waves/2026-Q3/league";

    [Fact]
    public async Task The_metrics_endpoint_shows_imports_cache_lookups_and_report_times_to_administrators_only()
    {
        using var consultant = access.App.Client(access.Tokens[AccountRoles.Consultant]);
        using var admin = access.App.Client(access.Tokens[AccountRoles.Admin]);
        using var anonymous = await access.BrowserAsync();
        // An import the store refuses (nothing changes), a league table asked twice, a brand report.
        (await new ResponseImporter(access.App.Database.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(Samples.Path("invalid.csv"), new ImportOptions("invalid.csv", "test"))).Succeeded.Should().BeFalse();
        (await consultant.GetAsync(League)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await consultant.GetAsync(League)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await consultant.GetAsync("/api/v1/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A/report.pdf")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var scrape = await admin.GetAsync("/metrics");

        scrape.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await scrape.Content.ReadAsStringAsync();
        text.Should().Contain("cxplus_imports_total{").And.Contain("outcome=\"refused\"");
        text.Should().MatchRegex("cxplus_cache_lookups_total\\{[^}]*kind=\"league\"[^}]*result=\"hit\"");
        text.Should().MatchRegex("cxplus_report_duration_seconds_count\\{[^}]*format=\"pdf\"");
        text.Should().Contain("http_server_request_duration_seconds", "ASP.NET Core's own metrics");
        text.Should().NotContain("Bank A", "the metrics name kinds and outcomes, never a brand");
        (await consultant.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
