using Microsoft.Extensions.DependencyInjection;
using CxPlus.Data.Importing;
using CxPlus.Data.Tests;
using CxPlus.Web.Components;
using Microsoft.Playwright;

namespace CxPlus.E2E.Tests;

/// <summary>Issue #15 break 4 in the browser: the dashboard's own links reach brands whose names hold '/', '&amp;', '#', '?', …</summary>
public sealed class AwkwardNameTests(DashboardFixture app) : IClassFixture<DashboardFixture>, IAsyncLifetime
{
    private readonly Files _files = new();

    public async Task InitializeAsync()
    {
        // Through the app's own importer, as the import page does: the app's cached tables follow at once.
        var result = await app.Services.GetRequiredService<ResponseImporter>()
            .ImportAsync(_files.Write(AwkwardNames.Csv()), new ImportOptions("awkward.csv", "e2e"));
        if (!result.Succeeded && !result.Problems.Any(p => p.Message.Contains("already imported", StringComparison.Ordinal)))
            throw new InvalidOperationException(string.Join("\n", result.Problems.Take(3)));
    }

    public Task DisposeAsync()
    {
        _files.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("Tryg A/S")]
    [InlineData("Q#1?")]
    [InlineData("100% Bank")]
    [InlineData("A+B")]
    [InlineData("Банк Один")]
    public async Task A_click_on_a_brand_in_the_league_table_opens_that_brand_and_its_pdf_link_answers(string brand)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + Links.League(AwkwardNames.Sector, AwkwardNames.Wave));
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");

        await page.Locator("[data-testid=league-table]").GetByRole(AriaRole.Link, new() { Name = brand, Exact = true }).ClickAsync();
        await page.Locator("h1", new() { HasText = brand }).WaitForAsync();

        (await page.Locator("[data-testid=reading]").InnerTextAsync()).Should().Contain($"in {AwkwardNames.Sector}");
        var pdf = await page.Locator("[data-testid=download-report]").GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(app.BaseUrl + pdf);
        response.Status.Should().Be(200, pdf);
        response.Headers["content-type"].Should().Be("application/pdf");
    }
}
