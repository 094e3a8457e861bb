using System.Globalization;
using CxPlus.Reports.Drawing;
using CxPlus.Web.Components.Charts;

namespace CxPlus.Web.Tests;

/// <summary>Issue #26: a figure shared between readers is shared within one language only (its words and numbers are written in it).</summary>
public sealed class SharedFiguresTests
{
    [Fact]
    public void A_shared_figure_is_laid_out_once_per_language()
    {
        var source = new object();
        var layouts = 0;
        Figure Layout() { layouts++; return new Figure(1, 1); }
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (CultureInfo.GetCultureInfo("nl"), CultureInfo.GetCultureInfo("nl"));
            var dutch = SharedFigures.Of(source, "gap-map", Layout);
            SharedFigures.Of(source, "gap-map", Layout).Should().BeSameAs(dutch);
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("en"));
            SharedFigures.Of(source, "gap-map", Layout).Should().NotBeSameAs(dutch);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }

        layouts.Should().Be(2);
    }
}
