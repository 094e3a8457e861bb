using CxPlus.Reports.Localization;
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
        // The key, wrapped where an item would reach the "Gap" header: one line on a wide figure,
        // three on a phone's. Its places are worked out first, so the rows start below its last line.
        string[] keys = [Texts.Get("Profile.Customers"), Texts.Get("Profile.Prospects"), Texts.Get("Profile.Average")];
        var room = width - Fonts.Width(Texts.Get("Profile.Gap"), small) - 10;
        var keyPlaces = new List<(double X, int Line)>();
        var (kx, keyLine) = (0.0, 0);
        foreach (var key in keys)
        {
            if (kx > 0 && kx + 30 + Fonts.Width(key, small) > room) (kx, keyLine) = (0, keyLine + 1);
            keyPlaces.Add((kx, keyLine));
            kx += 16 + Fonts.Width(key, small) + 14;
        }
        var legend = fontSize * (0.6 + 1.4 * (keyLine + 1));
        var figure = new Figure(width, legend + SuccessFactors.Count * rowHeight + fontSize * 0.6);
        var labelWidth = Math.Min(width * 0.3, Fonts.Width("Exceptional Delivery", fontSize) + 10);
        var gapWidth = Fonts.Width("-00.0*", fontSize, bold: true) + 6;
        var valueWidth = Fonts.Width("100.0", small) + 6;
        var barLeft = labelWidth;
        var barWidth = width - labelWidth - gapWidth - valueWidth;
        var averages = SectorAverages(table);

        void Key(int k, string color, bool tick = false)
        {
            var (x, baseline) = (keyPlaces[k].X, fontSize * (1 + 1.4 * keyPlaces[k].Line));
            if (tick) figure.Markers.Add(new FigureMarker(x + 6, baseline - fontSize * 0.35, 3.2, color, color, Diamond: true, StrokeWidth: 1));
            else figure.Rects.Add(new FigureRect(Box.At(x, baseline - fontSize * 0.65, 12, fontSize * 0.65), color));
            figure.Text(keys[k], x + 16, baseline, small, Palette.Ink);
        }
        Key(0, Palette.Green);
        Key(1, Palette.Orange);
        Key(2, Palette.Ink, tick: true);
        figure.Text(Texts.Get("Profile.Gap"), width, fontSize, small, Palette.Muted, anchor: TextAnchor.End);

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
                figure.Points.Add(new FigurePoint($"{factor.Key()}-average", ax, top + fontSize * 0.3, 3, Texts.Format("Profile.AveragePoint", factor.DisplayName(), Display.Score(average))));
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
                figure.Points.Add(new FigurePoint($"{factor.Key()}-{who}", barLeft + w, y + barHeight / 2, 0,
                    $"{factor.DisplayName()}, {Texts.Get(who == "Customers" ? "Profile.Customer" : "Profile.Prospect")}: {Display.Score(v)}"));
            }
        }
        return figure;
    }

    /// <summary>Per factor, the plain mean of the ranked brands' customer factor scores (null when none has one).</summary>
    public static double?[] SectorAverages(LeagueTable table) => [.. SectorFactor.Of(table).Select(f => f.MeanOfScored)];
}
