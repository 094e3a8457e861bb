using CxPlus.Reports.Drawing;
using CxPlus.Scoring;

namespace CxPlus.Reports.Charts;

/// <summary>
/// The factor profile: per success factor, what customers experience and what prospects expect
/// (bars, 0–100), the sector average of the ranked brands' customers (a diamond above), and the factor gap
/// at the right, marked * when significant.
/// </summary>
public static class FactorProfileChart
{
    public static Figure Layout(LeagueRow row, LeagueTable table, double width, double fontSize = 11)
    {
        var small = fontSize * 0.9;
        var rowHeight = fontSize * 3.9;
        // The key takes one line when it fits beside the "Gap" header, else two.
        string[] keys = ["Customers (experience)", "Prospects (expectation)", "Sector average, customers"];
        var keyWidth = keys.Sum(k => 30 + Fonts.Width(k, small)) + Fonts.Width("Gap", small) + 10;
        var keyLines = keyWidth > width ? 2 : 1;
        var legend = fontSize * (0.6 + 1.4 * keyLines);
        var figure = new Figure(width, legend + SuccessFactors.Count * rowHeight + fontSize * 0.6);
        var labelWidth = Math.Min(width * 0.3, Fonts.Width("Exceptional Delivery", fontSize) + 10);
        var gapWidth = Fonts.Width("-00.0*", fontSize, bold: true) + 6;
        var valueWidth = Fonts.Width("100.0", small) + 6;
        var barLeft = labelWidth;
        var barWidth = width - labelWidth - gapWidth - valueWidth;
        var averages = SectorAverages(table);

        double x = 0, baseline = fontSize;
        void Key(string color, string text, bool tick = false)
        {
            if (x > 0 && x + 30 + Fonts.Width(text, small) > width - Fonts.Width("Gap", small) - 10) (x, baseline) = (0, baseline + fontSize * 1.4);
            if (tick) figure.Markers.Add(new FigureMarker(x + 6, baseline - fontSize * 0.35, 3.2, color, color, Diamond: true, StrokeWidth: 1));
            else figure.Rects.Add(new FigureRect(Box.At(x, baseline - fontSize * 0.65, 12, fontSize * 0.65), color));
            x = figure.Text(text, x + 16, baseline, small, Palette.Ink).Bounds.Right + 14;
        }
        Key(Palette.Green, keys[0]);
        Key(Palette.Orange, keys[1]);
        Key(Palette.Ink, keys[2], tick: true);
        figure.Text("Gap", width, fontSize, small, Palette.Muted, anchor: TextAnchor.End);

        for (var i = 0; i < SuccessFactors.Count; i++)
        {
            var factor = SuccessFactors.All[i];
            var gap = row.Result.FactorGaps[i];
            var top = legend + i * rowHeight;
            var barHeight = fontSize * 0.95;
            foreach (var name in TextLayout.Wrap(factor.DisplayName(), fontSize, labelWidth - 8, maxLines: 2).Select((t, k) => (t, k)))
                figure.Text(name.t, 0, top + fontSize * (1.2 + 1.2 * name.k), fontSize, Palette.Ink);
            var barsTop = top + fontSize * 0.75;
            // The sector average sits above the bars as a small diamond, so it never crosses a value.
            if (averages[i] is { } average)
            {
                var ax = barLeft + average / 100 * barWidth;
                figure.Markers.Add(new FigureMarker(ax, top + fontSize * 0.3, 3.2, Palette.Ink, Palette.Ink, Diamond: true, StrokeWidth: 1));
                figure.Points.Add(new FigurePoint($"{factor.Key()}-average", ax, top + fontSize * 0.3, 3, $"{factor.DisplayName()}, sector average of customers: {Display.Score(average)}"));
            }
            Bar(gap.Customer?.Value, barsTop, Palette.Green, "Customers");
            Bar(gap.Prospect?.Value, barsTop + barHeight + 3, Palette.Orange, "Prospects");
            var significant = gap.Gap?.ExcludesZero == true;
            figure.Text(Display.Signed(gap.Gap?.Value) + (significant ? "*" : ""), width, top + fontSize * 1.5, fontSize,
                Display.Sign(gap.Gap?.Value) switch { < 0 when significant => Palette.Red, > 0 when significant => Palette.Green, _ => Palette.Muted }, bold: significant, anchor: TextAnchor.End);

            void Bar(double? value, double y, string color, string who)
            {
                if (value is not { } v) return;
                var w = Math.Max(0, v) / 100 * barWidth;
                figure.Rects.Add(new FigureRect(Box.At(barLeft, y, w, barHeight), color));
                figure.Text(Display.Score(v), barLeft + w + 3, y + barHeight * 0.85, small, Palette.Ink);
                figure.Points.Add(new FigurePoint($"{factor.Key()}-{who}", barLeft + w, y + barHeight / 2, 0, $"{factor.DisplayName()}, {who.ToLowerInvariant()}: {Display.Score(v)}"));
            }
        }
        return figure;
    }

    /// <summary>Per factor, the plain mean of the ranked brands' customer factor scores (null when none has one).</summary>
    public static double?[] SectorAverages(LeagueTable table) =>
        [.. SuccessFactors.All.Select(f => table.Rows.Where(r => r.Eligible).Select(r => r.Result.Customers[f].Score?.Value).OfType<double>()
            .DefaultIfEmpty(double.NaN).Average() is var a && double.IsNaN(a) ? (double?)null : a)];
}
