using CxPlus.Reports.Drawing;
using CxPlus.Web.Components.Charts;

namespace CxPlus.Web.Tests;

/// <summary>
/// A figure's box carries a key that changes exactly when what it draws changes: Blazor's enhanced
/// navigation keeps a box whose key is unchanged and replaces one whose key changed.
/// </summary>
public class FigureSvgTests : MudContext
{
    private static Figure Figure(double x)
    {
        var figure = new Figure(200, 100);
        figure.Lines.Add(new FigureLine(0, 0, 10, 10, "#000", Group: "A"));
        figure.Markers.Add(new FigureMarker(x, 20, 4, "#000", null, Group: "A"));
        figure.Texts.Add(figure.Text("A", x + 6, 24, 10, "#333") with { Group = "A" });
        figure.Texts.RemoveAt(0); // Text placed it without its series
        figure.Points.Add(new FigurePoint("A", x, 20, 4, "A: 70.0", "A"));
        return figure;
    }

    private string Key(Figure figure, Func<string, string?>? link = null) =>
        Render<FigureSvg>(p => p.Add(c => c.Figure, figure).Add(c => c.Label, "chart").Add(c => c.Link, link))
            .Find(".figure-box").GetAttribute("data-permanent")!;

    [Fact]
    public void The_same_drawing_has_the_same_key_and_any_change_a_new_one()
    {
        var key = Key(Figure(50));

        Key(Figure(50)).Should().Be(key, "another layout of the same numbers draws the same");
        Key(Figure(51)).Should().NotBe(key, "a point moved");
        Key(Figure(50), brand => $"/brands/{brand}").Should().NotBe(key, "its points link elsewhere");
    }

    [Fact]
    public void Every_part_of_a_series_names_it_so_the_browser_can_pick_it_out()
    {
        var box = Render<FigureSvg>(p => p.Add(c => c.Figure, Figure(50)).Add(c => c.Label, "chart").Add(c => c.Hint, "Point at a brand"));

        box.FindAll("line[data-group=A], circle[data-group=A], text[data-group=A], .figure-point[data-group=A]").Should().HaveCount(4);
        box.Find(".figure-detail").GetAttribute("data-hint").Should().Be("Point at a brand");
    }
}
