using CxPlus.Data.Demo;
using CxPlus.Data.Importing;
using CxPlus.Data.Tests;

namespace CxPlus.E2E.Tests;

/// <summary>The dashboard on a realistic store: the demo benchmark (4 sectors of 6–9 brands, 4 waves).</summary>
public class DemoDashboardFixture : DashboardFixture
{
    private readonly Files _files = new();

    protected override async Task SeedAsync(ResponseImporter importer)
    {
        var path = _files.Path_("demo.csv");
        await using (var writer = File.CreateText(path)) DemoBenchmark.Write(writer, seed: 1);
        var result = await importer.ImportAsync(path, new ImportOptions("demo.csv", "e2e"));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }
}
