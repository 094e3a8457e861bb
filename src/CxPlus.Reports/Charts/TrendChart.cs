using CxPlus.Reports.Localization;
using CxPlus.Reports.Drawing;
using CxPlus.Scoring;

namespace CxPlus.Reports.Charts;

/// <summary>A brand's CX+ score, Performance and Expectation across waves, each with its confidence interval.</summary>
public static class TrendChart
{
    /// <summary>A line of the trend: its key (ids, texts <c>Trend.{Key}</c>), colour and value.</summary>
    public sealed record Series(string Key, string Color, Func<LeagueRow, Estimate?> Pick)
    {
        /// <summary>Its name in the reader's language.</summary>
        public string Name => Texts.Get($"Trend.{Key}");
    }

    public static readonly Series[] Default =
    [
        new("Score", Palette.Blue, r => r.Result.Score),
        new("Performance", Palette.Green, r => r.Result.Performance),
        new("Expectation", Palette.Orange, r => r.Result.Expectation),
    ];

    public static Figure Layout(IReadOnlyList<(LeagueTable Table, LeagueRow Row)> history, double width, double height, double fontSize = 11)
    {
        var figure = new Figure(width, height);
        var small = fontSize * 0.9;
        var line = fontSize * 1.4;
        // The key, and the note on the interval bars at its right; on a narrow figure the note takes a line of its own.
        var legendX = 0.0;
        foreach (var s in Default)
        {
            figure.Rects.Add(new FigureRect(Box.At(legendX, fontSize * 0.4, 14, 3), s.Color));
            legendX = figure.Text(s.Name, legendX + 18, fontSize * 0.75, small, Palette.Ink).Bounds.Right + 16;
        }
        var level = history.Count > 0 ? history[^1].Table.Settings.ConfidenceLevel : 0.95;
        var note = Texts.Format("Trend.Bars", Display.Percent(level));
        var noteLine = legendX + Fonts.Width(note, small) + 8 > width ? 1 : 0;
        figure.Text(note, width, fontSize * 0.75 + line * noteLine, small, Palette.Muted, anchor: TextAnchor.End);
        var plot = new Box(fontSize * 3.2, line * (1.8 + noteLine), width - fontSize * 2, height - line * 1.5);
        var values = history.SelectMany(h => Default.Select(s => s.Pick(h.Row))).OfType<Estimate>()
            .SelectMany(e => new[] { e.Low ?? e.Value, e.High ?? e.Value }).ToArray();
        var y = Scale.Nice(values, plot.Bottom, plot.Top, 1, 5);
        double X(int i) => history.Count <= 1 ? plot.CenterX : plot.Left + 16 + i * (plot.Width - 32) / (history.Count - 1);

        foreach (var t in y.Ticks(5))
        {
            figure.Lines.Add(new FigureLine(plot.Left, y.Map(t), plot.Right, y.Map(t), Palette.Grid));
            figure.TextIfFree(Scale.Label(t), plot.Left - 5, y.Map(t) + small * 0.35, small, Palette.Muted, anchor: TextAnchor.End);
        }
        // Wave names below; every k-th when they would touch.
        var every = 1;
        while (every < history.Count && Enumerable.Range(0, history.Count).Where(i => i % every == 0).Any(i =>
                   i + every < history.Count && X(i) + Fonts.Width(history[i].Table.Wave, small) / 2 + 6 > X(i + every) - Fonts.Width(history[i + every].Table.Wave, small) / 2))
            every++;
        for (var i = 0; i < history.Count; i += every)
            figure.Text(history[i].Table.Wave, X(i), plot.Bottom + small * 1.4, small, Palette.Muted, anchor: TextAnchor.Middle);

        foreach (var s in Default)
        {
            (double X, double Y)? previous = null;
            for (var i = 0; i < history.Count; i++)
            {
                if (s.Pick(history[i].Row) is not { } e) { previous = null; continue; }
                var p = (X: X(i), Y: y.Map(e.Value));
                if (previous is { } q) figure.Lines.Add(new FigureLine(q.X, q.Y, p.X, p.Y, s.Color, 1.8));
                if (e.Low is { } lo && e.High is { } hi)
                {
                    figure.Lines.Add(new FigureLine(p.X, y.Map(lo), p.X, y.Map(hi), s.Color, 0.9));
                    figure.Lines.Add(new FigureLine(p.X - 3, y.Map(lo), p.X + 3, y.Map(lo), s.Color, 0.9));
                    figure.Lines.Add(new FigureLine(p.X - 3, y.Map(hi), p.X + 3, y.Map(hi), s.Color, 0.9));
                }
                figure.Markers.Add(new FigureMarker(p.X, p.Y, 3, s.Color, s.Color));
                figure.Points.Add(new FigurePoint($"{s.Key}-{history[i].Table.Wave}", p.X, p.Y, 3,
                    $"{s.Name} {history[i].Table.Wave}: {Display.Score(e.Value)}{(e.Low is null ? "" : $" ({Display.Interval(e)})")}"));
                previous = p;
            }
        }
        return figure;
    }
}
