using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Web.Features.League;

namespace CxPlus.Web.Tests;

/// <summary>Step 22 (v3): importances with their interval from 400 complete customers, indicative below.</summary>
public class DriversViewTests : MudContext
{
    private static DriverResult Drivers(long n, bool withIntervals) => new(n, 0.4, null, [.. KeyDrivers.Factors.Select((p, k) =>
        new DriverImportance(p.Key, p.Name, 0.08, withIntervals ? Estimate.WithInterval(20, 2, 999, 16, 24) : Estimate.Create(20, null, null, 0.95)))],
        Bootstrapped: withIntervals, IndicativeBelow: withIntervals ? null : 400);

    [Fact]
    public void Below_the_interval_base_the_importances_are_indicative_with_no_interval_and_the_note_says_why()
    {
        var cut = Render<DriversView>(p => p.Add(c => c.Drivers, Drivers(274, withIntervals: false)));

        cut.Find("[data-testid=drivers]").GetAttribute("data-indicative").Should().Be("true");
        cut.FindAll(".whisker").Should().BeEmpty();
        cut.FindAll("td.numeric").Should().OnlyContain(td => td.TextContent.Trim() == "20 %");
        cut.Find("[data-testid=drivers-note]").TextContent.Should().Contain("274 customers").And.Contain("Indicative: an interval is shown from 400");
    }

    [Fact]
    public void From_the_interval_base_each_importance_carries_its_bootstrap_interval()
    {
        var cut = Render<DriversView>(p => p.Add(c => c.Drivers, Drivers(420, withIntervals: true)));

        cut.Find("[data-testid=drivers]").GetAttribute("data-indicative").Should().Be("false");
        cut.FindAll(".whisker").Should().HaveCount(5);
        cut.Find("[data-testid=drivers-note]").TextContent.Should().Contain("with its 95 % bootstrap interval");
    }
}
