using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using CxPlus.Web.Features.Brands;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Web.Tests;

/// <summary>The brand page against a real PostgreSQL holding the worked example.</summary>
public sealed class BrandPageTests(PostgresDatabase db) : MudContext, IClassFixture<PostgresDatabase>
{
    public override async Task InitializeAsync()
    {
        await using var count = db.DataSource.CreateCommand("SELECT count(*) FROM imports");
        if ((long)(await count.ExecuteScalarAsync())! == 0)
        {
            var result = await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
                .ImportAsync(Samples.Path("worked-example.csv"), new ImportOptions("worked-example.csv", "test"));
            result.Succeeded.Should().BeTrue();
        }
        Services.AddSingleton(new LeagueQueries(db.DataSource, ScoringSettings.Default));
        Services.AddSingleton(new CxPlus.Data.StoreChanges(db.DataSource)); // the page's later parts key their bodies by its generation
    }

    private IRenderedComponent<BrandPage> Render(string brand) => Render<BrandPage>(p => p
        .Add(c => c.Sector, "Retail Banking").Add(c => c.Wave, "2026-Q3").Add(c => c.Brand, brand));

    [Fact]
    public void A_consultant_sees_the_pdf_button_and_a_viewer_does_not()
    {
        var consultant = Render("Bank A");
        consultant.WaitForAssertion(() => consultant.FindAll("[data-testid=download-report]").Should().ContainSingle(), TimeSpan.FromSeconds(10));

        Authorization.SetRoles("Viewer");
        Authorization.SetPolicies("Browse");
        var viewer = Render("Bank A");
        viewer.WaitForAssertion(() => viewer.Find("h1").TextContent.Should().Be("Bank A"), TimeSpan.FromSeconds(10));
        viewer.FindAll("[data-testid=download-report]").Should().BeEmpty();
    }

    [Fact]
    public void Shows_the_headline_numbers_verdict_and_a_reading()
    {
        var cut = Render("bank a");

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().Be("Bank A"), TimeSpan.FromSeconds(10));
        cut.Markup.Should().Contain("66.0").And.Contain("-4.0*").And.Contain("Under-delivers");
        cut.Find("[data-testid=reading]").TextContent.Should()
            .StartWith("Under-delivers: customers rate it 4.0 points below what prospects expect; the largest gap is on ")
            .And.Contain("It ranks 3 of 3 in Retail Banking with a CX+ index of 91.");
    }

    [Fact]
    public void An_unranked_brand_says_it_has_no_index_instead_of_an_empty_card()
    {
        // Minimums no brand of the worked example reaches: every brand is unranked, so none has an index.
        Services.AddSingleton(new LeagueQueries(db.DataSource, new ScoringSettings(minCustomers: 1000)));
        var cut = Render("Bank A");

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().Be("Bank A"), TimeSpan.FromSeconds(10));
        var card = cut.Find("[data-testid=headline][data-label='CX+ index']");
        card.QuerySelector("[data-testid=headline-value]")!.TextContent.Trim().Should().Be("–");
        card.TextContent.Should().Contain("not ranked, so not indexed");
    }

    [Fact]
    public void Shows_the_five_factors_and_a_trend_row_per_wave()
    {
        var cut = Render("Bank C");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=trend-table] tbody tr").Should().ContainSingle(), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=factor-chart]").TextContent.Should().Contain("Clear Brand Promise").And.Contain("Exceptional Delivery");
        cut.Find("[data-testid=back-to-league]").GetAttribute("href").Should().Be("/sectors/Retail%20Banking/waves/2026-Q3");
    }

    [Fact]
    public void An_unknown_brand_gets_a_sentence_not_an_error()
    {
        var cut = Render("Bank Z");

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("Retail Banking has no brand \"Bank Z\" in 2026-Q3."), TimeSpan.FromSeconds(10));
    }
}
