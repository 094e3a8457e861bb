using CxPlus.Data.Importing;
using Microsoft.AspNetCore.Hosting;

namespace CxPlus.E2E.Tests;

/// <summary>The worked example imported three years ago, and a retention period of 24 months.</summary>
public sealed class RetentionFixture : DashboardFixture
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Respondents:RetentionMonths", "24");

    protected override async Task SeedAsync(ResponseImporter importer)
    {
        await base.SeedAsync(importer);
        await using var backdate = Database.DataSource.CreateCommand("UPDATE imports SET imported_at = imported_at - interval '3 years'");
        await backdate.ExecuteNonQueryAsync();
    }
}

/// <summary>Issue #25: a data manager sees what retention keeps, what it removed and that a retained import cannot be undone.</summary>
public sealed class RetentionTests(RetentionFixture app) : IClassFixture<RetentionFixture>
{
    [Fact]
    public async Task The_imports_page_says_what_retention_removed_and_the_league_table_is_unchanged()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/data/imports");
        await page.Locator("[data-testid=retained-waves]").WaitForAsync();

        (await page.Locator("[data-testid=retention]").InnerTextAsync()).Should()
            .Contain("Respondent rows are kept for 24 months after a wave's last import, then removed (checked daily).")
            .And.Contain("Removing them changes no published number");
        (await page.Locator("[data-testid=retained-waves]").InnerTextAsync()).Should().Be($"Respondent rows removed: 2026-Q3 on {DateTime.UtcNow:yyyy-MM-dd}.");
        (await page.Locator("[data-testid=import-1]").InnerTextAsync()).Should().Contain("in use; respondent rows removed by retention");
        (await page.Locator("[data-testid=import-1] [data-testid=undo]").CountAsync()).Should().Be(0, "a retained import cannot be undone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "imports-retention.png"), FullPage = true });

        await page.GotoAsync(app.BaseUrl + "/sectors/Retail%20Banking/waves/2026-Q3");
        (await page.Locator("[data-testid=league-table] tr[data-brand]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.brand)"))
            .Should().Equal(["Bank C", "Bank B", "Bank A"], "the league table is read from the rollups, which stay");
    }
}
