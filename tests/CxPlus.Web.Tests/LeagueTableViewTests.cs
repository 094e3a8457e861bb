using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using CxPlus.Web.Features.League;

namespace CxPlus.Web.Tests;

public class LeagueTableViewTests : MudContext
{
    private static readonly ScoringSettings Settings = Build.Percent(minCustomers: 2, minProspects: 2);

    private static BrandWave Brand(string name, double[] customers, double[] prospects) => Build.Brand(name, Settings, customers, prospects);

    /// <summary>Delta and Alpha tie at 80.0 after rounding; Low has one customer; Up moved up since W1.</summary>
    private static LeagueTable Table() => LeagueTable.Build("Retail", "W2",
    [
        Brand("Up", [84, 86, 85], [74, 76, 75]),            // X = 85 + 5 (cap) = 90 -> rank 1
        Brand("Delta", [80.2, 80, 80, 80, 80], [80.2, 80, 80, 80, 80]),  // 80.04
        Brand("Alpha", [79.8, 80, 80, 80, 80], [79.8, 80, 80, 80, 80]),  // 79.96
        Brand("Down", [60, 62, 61], [75, 77, 76]),          // under-delivers
        Brand("Low", [70], [70, 71]),
    ], Settings, ("W1", [Brand("Up", [70, 72], [70, 72]), Brand("Down", [80, 82], [80, 82])]));

    private IRenderedComponent<LeagueTableView> Render() => Render<LeagueTableView>(p => p.Add(c => c.Table, Table()));

    private static string[] Cells(AngleSharp.Dom.IElement row) => [.. row.QuerySelectorAll("td").Select(td => td.TextContent.Trim())];

    [Fact]
    public void Ranked_brands_show_in_rank_order_with_ties_sharing_a_rank()
    {
        var rows = Render().FindAll("[data-testid=league-table] tbody tr");

        // Alpha and Delta (79.96 and 80.04) share rank 2 and cannot be told apart: each may truly be 2nd or 3rd.
        rows.Select(r => (Cells(r)[0], Cells(r)[1])).Should().Equal(("1", "Up"), ("2 (2–3)", "Alpha"), ("2 (2–3)", "Delta"), ("4", "Down"));
    }

    [Fact]
    public void Each_row_shows_index_score_interval_and_a_verdict_chip()
    {
        var cut = Render();
        var up = cut.FindAll("[data-testid=league-table] tbody tr")[0];

        Cells(up)[3].Should().Be("▲ above average");
        Cells(up)[4].Should().StartWith("90.0 (");
        Cells(up)[7].Should().Be("+10.0*");
        up.QuerySelector("[data-verdict]")!.TextContent.Trim().Should().Be("Under-promises");
        cut.FindAll("[data-verdict]").Select(c => c.GetAttribute("data-verdict")).Should().Contain(["Under-delivers", "Meets expectations"]);
    }

    [Fact]
    public void Unranked_brands_are_listed_below_with_their_reason()
    {
        var unranked = Render().FindAll("[data-testid=unranked-table] tr");

        unranked.Should().ContainSingle();
        Cells(unranked[0])[0].Should().Be("Low");
        Cells(unranked[0])[1].Should().Be("low base: 1 customers < 2");
    }

    [Fact]
    public void Movement_shows_direction_change_and_rank_change()
    {
        var cut = Render();
        var movements = cut.FindAll("[data-testid=movement]");

        movements.Should().HaveCount(2);
        movements[0].TextContent.Should().Contain("▲").And.Contain("+19.0*").And.Contain("(+1)");
        movements[1].TextContent.Should().Contain("▼").And.Contain("(-3)"); // rank 1 in W1, 4 in W2
    }

    [Fact]
    public void The_sector_average_row_is_index_100()
    {
        var footer = Render().Find("[data-testid=league-table] tfoot tr");

        Cells(footer).Should().StartWith(["Sector average", "100"]);
    }

    [Fact]
    public void Brands_link_to_their_deep_link()
    {
        Render().Find("[data-testid=league-table] tbody tr a").GetAttribute("href").Should().Be("/sectors/Retail/waves/W2/brands/Up");
    }
}
