using System.Globalization;
using CxPlus.Data;
using CxPlus.Data.Importing;
using CxPlus.Data.Releases;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using CxPlus.Web.Features.Releases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxPlus.Web.Tests;

/// <summary>The Waves page (issue 30) against a real store, on an installation that had waves before releases existed.</summary>
public sealed class WavesPageTests(PostgresDatabase db) : MudContext, IClassFixture<PostgresDatabase>
{
    public override async Task InitializeAsync()
    {
        var result = await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(Samples.Path("worked-example.csv"), new ImportOptions("worked-example.csv", "test"));
        result.Succeeded.Should().BeTrue();
        Services.AddCxPlusStore(db.ConnectionString, ScoringSettings.Default);
        Services.AddCxPlusAccounts();
        Services.AddLogging();
        Services.AddSingleton(Options.Create(new SmtpSettings()));
    }

    [Fact]
    public async Task A_wave_released_by_the_update_that_introduced_releases_says_so_in_the_readers_language()
    {
        // The update released every wave an installation had and recorded it so (migration WaveReleases):
        // the page showed that marker as if an English-speaking person of that name had released it.
        await using (var upgraded = db.DataSource.CreateCommand(
            "INSERT INTO wave_releases (sector_id, wave_id, released_at, released_by) SELECT s.id, w.id, now(), $1 FROM sectors s, waves w"))
        {
            upgraded.Parameters.Add(new() { Value = WaveRelease.ByTheUpdate });
            await upgraded.ExecuteNonQueryAsync();
        }
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (CultureInfo.GetCultureInfo("nl"), CultureInfo.GetCultureInfo("nl"));
            var page = Render<WavesPage>();

            page.WaitForAssertion(() => page.Find("[data-testid=wave-state]").TextContent.Should()
                .StartWith("vrijgegeven").And.Contain("door de update die het vrijgeven invoerde, ").And.NotContain(WaveRelease.ByTheUpdate), TimeSpan.FromSeconds(10));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}
