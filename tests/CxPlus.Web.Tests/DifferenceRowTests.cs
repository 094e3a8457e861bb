using CxPlus.Scoring;
using CxPlus.Web.Features.Compare;

namespace CxPlus.Web.Tests;

public class DifferenceRowTests : MudContext
{
    private static readonly Estimate Higher = Estimate.WithInterval(9.4, 1.5, 999, 6.4, 12.4);

    private AngleSharp.Dom.IElement Cell(string label, bool neutral, bool significant = true) =>
        Render<DifferenceRow>(p => p.Add(r => r.Label, label)
            .Add(r => r.Values, [new Difference(Higher, Higher.PValue, significant ? 0.001 : 0.08, significant)])
            .Add(r => r.Neutral, neutral)).Find("td.numeric");

    [Fact]
    public void A_significant_difference_where_more_is_better_is_green()
    {
        var cell = Cell("Performance", neutral: false);

        cell.TextContent.Should().Contain("+9.4*");
        cell.ClassList.Should().Contain("gap-positive");
    }

    [Fact]
    public void A_higher_expectation_is_marked_significant_but_not_painted_as_better()
    {
        var cell = Cell("Expectation", neutral: true);

        cell.TextContent.Should().Contain("+9.4*");
        cell.GetAttribute("data-significant").Should().Be("true");
        cell.ClassList.Should().NotContain(["gap-positive", "gap-negative"]);
    }

    [Fact]
    public void An_interval_that_excludes_0_is_not_marked_when_the_false_discovery_rate_control_says_not_significant()
    {
        var cell = Cell("Performance", neutral: false, significant: false);

        cell.TextContent.Should().Contain("+9.4").And.NotContain("*").And.Contain("6.4–12.4");
        cell.GetAttribute("data-significant").Should().Be("false");
        cell.ClassList.Should().NotContain(["gap-positive", "gap-negative"]);
        cell.GetAttribute("title").Should().Be("p < 0.001; adjusted for the screen: q = 0.080");
    }
}
