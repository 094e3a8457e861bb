using CxPlus.Reports.Localization;
using CxPlus.Reports.Drawing;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;

namespace CxPlus.Reports.Charts;

/// <summary>
/// Step 23's priority matrix: each factor's score against the sector average (x, points) and its
/// importance for recommendation (y, %), the four quadrants shaded and named (fix first top left,
/// strength top right, maintain bottom right, lower priority bottom left), the mean importance of
/// 20 % and the sector average as the dividing lines, each factor with its intervals as whiskers
/// and its name placed so that none overlaps another.
/// </summary>
public static class PriorityMatrixChart
{
    private const string FixFirstBand = "#fdeded", StrengthBand = "#edf7ed", MaintainBand = "#f5f5f5", LowerBand = "#fafafa";

    public static Figure Layout(PriorityMatrix matrix, double width, double height, string accent = Palette.Blue, double fontSize = 11)
    {
        var figure = new Figure(width, height);
        var small = fontSize * 0.9;
        var line = fontSize * 1.4;
        // Room at the right for half of the last tick's label, which is centred on the plot's edge.
        var plot = new Box(fontSize * 3.6, line * 1.6, width - Fonts.Width("+00", small) / 2 - 2, height - line * 2.6);
        var factors = matrix.Factors;
        var xs = factors.SelectMany(f => new[] { f.VersusAverage.Value, f.VersusAverage.Low ?? f.VersusAverage.Value, f.VersusAverage.High ?? f.VersusAverage.Value }).Append(0).ToList();
        var reach = Math.Max(2, xs.Max(Math.Abs));
        var x = Scale.Nice([-reach, reach], plot.Left, plot.Right, 0.5, 6);
        var ys = factors.SelectMany(f => new[] { f.Importance.Value, f.Importance.High ?? f.Importance.Value }).Append(PriorityMatrix.MeanImportance * 1.5).Append(0);
        var y = Scale.Nice(ys, plot.Bottom, plot.Top, 2, 5);
        var y0 = Math.Max(0, y.Min);
        y = y with { Min = y0, From = plot.Bottom };

        figure.Text(Texts.Get("Priority.AxisImportance"), plot.Left, line * 0.8, small, Palette.Muted);
        var midX = Math.Clamp(x.Map(0), plot.Left, plot.Right);
        var midY = Math.Clamp(y.Map(PriorityMatrix.MeanImportance), plot.Top, plot.Bottom);
        figure.Rects.Add(new FigureRect(new Box(plot.Left, plot.Top, midX, midY), FixFirstBand));
        figure.Rects.Add(new FigureRect(new Box(midX, plot.Top, plot.Right, midY), StrengthBand));
        figure.Rects.Add(new FigureRect(new Box(midX, midY, plot.Right, plot.Bottom), MaintainBand));
        figure.Rects.Add(new FigureRect(new Box(plot.Left, midY, midX, plot.Bottom), LowerBand));
        figure.Text(Name(PriorityQuadrant.FixFirst), plot.Left + 5, plot.Top + small * 1.2, small, Palette.Red, bold: true);
        figure.Text(Name(PriorityQuadrant.Strength), plot.Right - 5, plot.Top + small * 1.2, small, Palette.Green, bold: true, anchor: TextAnchor.End);
        figure.Text(Name(PriorityQuadrant.Maintain), plot.Right - 5, plot.Bottom - small * 0.5, small, Palette.Muted, anchor: TextAnchor.End);
        figure.Text(Name(PriorityQuadrant.LowerPriority), plot.Left + 5, plot.Bottom - small * 0.5, small, Palette.Muted);

        foreach (var t in x.Ticks())
            figure.TextIfFree((t > 0 ? "+" : "") + Scale.Label(t), x.Map(t), plot.Bottom + small * 1.3, small, Palette.Muted, anchor: TextAnchor.Middle);
        foreach (var t in y.Ticks(5))
            figure.TextIfFree(Scale.Label(t), plot.Left - 5, y.Map(t) + small * 0.35, small, Palette.Muted, anchor: TextAnchor.End);
        figure.Text(Texts.Get("Priority.AxisVersusAverage"), plot.CenterX, plot.Bottom + small * 1.3 + line, small, Palette.Muted, anchor: TextAnchor.Middle);
        figure.Lines.Add(new FigureLine(midX, plot.Top, midX, plot.Bottom, Palette.Ink, 1));
        figure.Lines.Add(new FigureLine(plot.Left, midY, plot.Right, midY, Palette.Ink, 0.8, Dashed: true));

        var placer = new LabelPlacer(figure, plot);
        // A name across a dividing line is struck through by it: names keep off them while there is room.
        placer.Avoid(new Box(midX - 1.5, plot.Top, midX + 1.5, plot.Bottom));
        placer.Avoid(new Box(plot.Left, midY - 1.5, plot.Right, midY + 1.5));
        var points = factors.Select(f => (Factor: f, Px: x.Map(f.VersusAverage.Value), Py: y.Map(f.Importance.Value))).ToList();
        var first = matrix.FirstToFix?.Factor;
        foreach (var (f, px, py) in points)
        {
            var colour = f.Factor == first ? Palette.Red : accent;
            // Whiskers: the importance's bootstrap interval and the difference's interval. Names keep
            // off them while there is room; with long intervals on a phone a name may cross one
            // rather than leave the figure.
            if (f.Importance is { Low: { } il, High: { } ih })
            {
                var (top, bottom) = (y.Map(Math.Min(ih, y.Max)), y.Map(Math.Max(il, y.Min)));
                figure.Lines.Add(new FigureLine(px, bottom, px, top, colour, 0.8, Group: f.Factor.Key()));
                placer.Avoid(new Box(px - 1.5, top, px + 1.5, bottom));
            }
            if (f.VersusAverage is { Low: { } vl, High: { } vh })
            {
                var (left, right) = (x.Map(Math.Max(vl, x.Min)), x.Map(Math.Min(vh, x.Max)));
                figure.Lines.Add(new FigureLine(left, py, right, py, colour, 0.8, Group: f.Factor.Key()));
                placer.Avoid(new Box(left, py - 1.5, right, py + 1.5));
            }
            figure.Markers.Add(new FigureMarker(px, py, 5, colour, colour, Group: f.Factor.Key()));
            figure.Points.Add(new FigurePoint(f.Factor.Key(), px, py, 5, Summary(f), f.Factor.Key()));
            placer.Reserve(new Box(px - 6, py - 6, px + 6, py + 6));
        }
        placer.PlaceAll([.. points.OrderByDescending(p => p.Factor.Factor == first).ThenByDescending(p => p.Factor.Importance.Value).Select(p => new PointLabel(
            TextLayout.Fit(p.Factor.Factor.DisplayName(), small, plot.Width * 0.45, p.Factor.Factor == first),
            p.Px, p.Py, 5, small, p.Factor.Factor == first ? Palette.Red : Palette.Ink, p.Factor.Factor == first))]);
        // A name that had to cross a whisker or a dividing line: the line passes under it.
        figure.HaloTexts(plot);
        return figure;
    }

    /// <summary>A quadrant's name for people.</summary>
    public static string Name(PriorityQuadrant quadrant) => Texts.Get($"Priority.{quadrant}");

    private static string Summary(FactorPriority f) => Texts.Format("Priority.Summary", f.Factor.DisplayName(), Display.ImportanceWithInterval(f.Importance),
        Display.Signed(f.VersusAverage.Value), Display.Score(f.Score.Value), Name(f.Quadrant));
}
