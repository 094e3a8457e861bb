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
        Cells(up)[4].Should().MatchRegex(@"^90\.0 \d+\.\d–\d+\.\d$", "the score is followed by its interval");
        Cells(up)[7].Should().Be("+10.0*");
        up.QuerySelector("[data-verdict]")!.TextContent.Trim().Should().Be("Under-promises");
        cut.FindAll("[data-verdict]").Select(c => c.GetAttribute("data-verdict")).Should().Contain(["Under-delivers", "Meets expectations"]);
    }

    [Fact]
    public void A_gap_that_rounds_to_zero_is_shown_as_zero_and_coloured_as_zero()
    {
        // Customers 0.04 below prospects: the gap is written 0.0, so it must not be painted as a shortfall.
        var table = LeagueTable.Build("Retail", "W1",
            [Brand("Even", [80, 80, 80, 80, 80], [80.2, 80, 80, 80, 80]), Brand("Other", [70, 72, 71], [66, 68, 67])], Settings);

        var even = Render<LeagueTableView>(p => p.Add(c => c.Table, table))
            .FindAll("[data-testid=league-table] tbody tr").Single(r => Cells(r)[1] == "Even");

        table.Find("Even")!.Result.Gap!.Value.Should().BeNegative("the case: a shortfall too small to show");
        var gap = even.QuerySelectorAll("td")[7];
        gap.TextContent.Trim().Should().Be("0.0");
        gap.ClassList.Should().NotContain(["gap-negative", "gap-positive"]);
    }

    [Fact]
    public void Unranked_brands_are_listed_below_with_their_reason()
    {
        var unranked = Render().FindAll("[data-testid=unranked-table] li");

        unranked.Should().ContainSingle();
        unranked[0].TextContent.Should().StartWith("Low: low base: 1 customers < 2.").And.Contain("base 1 customers / 2 prospects");
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
    public void A_change_is_marked_only_when_significant_after_the_false_discovery_rate_control_and_the_note_says_so()
    {
        var cut = Render();
        var up = cut.Find("[data-brand=Up] [data-testid=movement]");

        up.GetAttribute("data-significant").Should().Be("true");
        up.GetAttribute("title").Should().Contain("significant after controlling the false discovery rate").And.Contain("q ");
        cut.Find("[data-testid=movement-note]").TextContent.Should()
            .Contain("significant after controlling the false discovery rate at 5 % over the sector's brands (Benjamini–Hochberg)");
    }

    [Fact]
    public void A_movement_whose_q_value_is_too_high_shows_no_arrow_star_or_colour()
    {
        var change = Estimate.WithInterval(2.4, 1.1, 200, 0.2, 4.6); // its own interval excludes 0
        var cell = Render<MovementCell>(p => p.Add(c => c.Movement, new Movement("W1", change, 3, 1, 0.03, 0.21, false))).Find("[data-testid=movement]");

        cell.TextContent.Should().Contain("+2.4").And.NotContain("*").And.NotContain("▲");
        cell.ClassList.Should().NotContain(["gap-positive", "gap-negative"]);
        cell.GetAttribute("title").Should().Contain("not significant after controlling the false discovery rate").And.Contain("p = 0.030, q = 0.210");
    }

    [Fact]
    public void A_gap_estimated_above_the_cap_but_not_significantly_is_over_delivers_with_a_dagger_and_a_note()
    {
        // Customers 80 (±3), prospects 73.9: G = +6.1 whose interval reaches below the cap.
        var table = LeagueTable.Build("Retail", "W1",
            [Brand("Near", [77, 83, 77, 83, 77, 83, 77, 83], [73.8, 74, 73.8, 74, 73.8, 74, 73.8, 74]), Brand("Other", [70, 72, 71], [66, 68, 67])], Settings);
        var cut = Render<LeagueTableView>(p => p.Add(c => c.Table, table));

        var chip = cut.Find("[data-brand=Near] [data-verdict]");
        chip.TextContent.Trim().Should().Be("Over-delivers †");
        chip.GetAttribute("title").Should().Contain("estimated above the cap (+5), but not significantly");
        cut.Find("[data-testid=cap-note]").TextContent.Should().StartWith("† The gap is estimated above the cap");
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

    private IRenderedComponent<LeagueTableView> Render(string? sort, bool descending = false, string? show = null) =>
        Render<LeagueTableView>(p => p.Add(c => c.Table, Table()).Add(c => c.Sort, sort).Add(c => c.Descending, descending).Add(c => c.Show, show));

    private static string[] Brands(IRenderedComponent<LeagueTableView> cut) =>
        [.. cut.FindAll("[data-testid=league-table] tbody tr").Select(r => r.GetAttribute("data-brand")!)];

    [Fact]
    public void Sorting_by_a_column_orders_the_rows_and_marks_the_header()
    {
        var byGap = Render("gap", descending: false);

        Brands(byGap).Should().Equal("Down", "Alpha", "Delta", "Up"); // -15, 0, 0 (rank order breaks the tie), +10
        byGap.Find("th[data-column=gap]").GetAttribute("aria-sort").Should().Be("ascending");
        byGap.Find("[data-testid=sort-gap]").GetAttribute("href").Should().Be("?sort=gap&dir=desc", "a second click reverses");
        byGap.Find("[data-testid=sort-brand]").GetAttribute("href").Should().Be("?sort=brand&dir=asc", "names start A to Z");
        byGap.Find("[data-testid=sort-score]").GetAttribute("href").Should().Be("?sort=score&dir=desc", "numbers start highest first");

        Brands(Render("brand", descending: true)).Should().Equal("Up", "Down", "Delta", "Alpha");
    }

    [Fact]
    public void Rows_without_a_value_sort_last_in_either_direction()
    {
        // Only Up and Down have a movement; the tied pair has none and stays in rank order after them.
        Brands(Render("movement", descending: true)).Should().Equal("Up", "Down", "Alpha", "Delta");
        Brands(Render("movement", descending: false)).Should().Equal("Down", "Up", "Alpha", "Delta");
    }

    [Fact]
    public void The_verdict_filter_shows_only_matching_brands_and_says_when_none_match()
    {
        var cut = Render(null, show: "under-delivers");
        Brands(cut).Should().Equal("Down");
        cut.FindAll("[data-testid=unranked-table] li").Should().BeEmpty("Low has no verdict of that kind");

        var none = Render(null, show: "over-delivers");
        Brands(none).Should().BeEmpty();
        none.Find("[data-testid=no-rows]").TextContent.Should().Contain("choose another filter");

        Render(null, show: "ranked").FindAll("[data-testid=unranked-table] li").Should().BeEmpty();
    }
}
