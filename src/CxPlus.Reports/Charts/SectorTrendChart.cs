using CxPlus.Reports.Localization;
using CxPlus.Reports.Drawing;
using CxPlus.Scoring;

namespace CxPlus.Reports.Charts;

/// <summary>
/// Every ranked brand of a sector across waves in one chart: its CX+ score or its index per wave,
/// a line and a colour per brand, the brand's name at its last point (placed so that names do not
/// overlap). Each brand's shapes carry its name as their group, so a reader can highlight one.
/// </summary>
public static class SectorTrendChart
{
    public enum Measure { Score, Index }

    private static readonly string[] Colours =
        ["#1565c0", "#2e7d32", "#ef6c00", "#c62828", "#6a1b9a", "#00838f", "#5d4037", "#ad1457", "#827717", "#455a64", "#283593", "#00695c"];

    public static string ColourOf(int index) => Colours[index % Colours.Length];

    public static Figure Layout(IReadOnlyList<LeagueTable> history, Measure measure, double width, double height, double fontSize = 11)
    {
        var figure = new Figure(width, height);
        var small = fontSize * 0.9;
        double? Value(LeagueRow row) => measure == Measure.Score ? row.Result.Score?.Value : row.Index?.Value;
        var brands = Brands(history);
        // Names at the right, so the plot leaves room for the longest (at most a third of the width).
        var nameRoom = Math.Min(width / 3, brands.Select(b => Fonts.Width(b, small)).DefaultIfEmpty(40).Max() + 24);
        var plot = new Box(fontSize * 3.4, fontSize * 1.2, width - nameRoom, height - fontSize * 2.4);
        var values = history.SelectMany(t => t.Rows.Where(r => r.Eligible)).Select(Value).OfType<double>().ToArray();
        var y = Scale.Nice(values, plot.Bottom, plot.Top, 1, 5);
        double X(int i) => history.Count <= 1 ? plot.CenterX : plot.Left + 14 + i * (plot.Width - 28) / (history.Count - 1);

        // The waves first: the first one's name reaches left under the lowest number of the axis, and
        // of the two the number is the one a reader can do without (the gridline stays).
        for (var i = 0; i < history.Count; i++)
            figure.TextIfFree(history[i].Wave, X(i), plot.Bottom + small * 1.4, small, Palette.Muted, anchor: TextAnchor.Middle);
        foreach (var t in y.Ticks(5))
        {
            figure.Lines.Add(new FigureLine(plot.Left, y.Map(t), plot.Right, y.Map(t), Palette.Grid));
            figure.TextIfFree(Scale.Label(t), plot.Left - 5, y.Map(t) + small * 0.35, small, Palette.Muted, anchor: TextAnchor.End);
        }
        if (measure == Measure.Index && 100 >= y.Min && 100 <= y.Max)
            figure.Lines.Add(new FigureLine(plot.Left, y.Map(100), plot.Right, y.Map(100), Palette.Muted, 1, Dashed: true));

        var ends = new List<(string Brand, double X, double Y, string Colour)>();
        for (var b = 0; b < brands.Count; b++)
        {
            var brand = brands[b];
            var colour = ColourOf(b);
            (double X, double Y)? previous = null;
            for (var i = 0; i < history.Count; i++)
            {
                if (history[i].Find(brand) is not { Eligible: true } row || Value(row) is not { } v) { previous = null; continue; }
                var p = (X: X(i), Y: y.Map(v));
                if (previous is { } q) figure.Lines.Add(new FigureLine(q.X, q.Y, p.X, p.Y, colour, 2, Group: brand));
                figure.Markers.Add(new FigureMarker(p.X, p.Y, 3, colour, colour, Group: brand));
                var number = measure == Measure.Score ? Display.Score(v) : Display.Index(v);
                figure.Points.Add(new FigurePoint($"{brand}|{history[i].Wave}", p.X, p.Y, 3, Texts.Format(measure == Measure.Score ? "Trend.PointScore" : "Trend.PointIndex", brand, history[i].Wave, number, Display.Rank(row)), brand));
                previous = p;
            }
            if (previous is { } last) ends.Add((brand, last.X, last.Y, colour));
        }
        // Names at the lines' ends, moved apart vertically so that none overlaps another.
        var gap = small * 1.25;
        var placed = ends.OrderBy(e => e.Y).Select(e => (e.Brand, e.X, e.Y, e.Colour, LabelY: e.Y)).ToList();
        for (var i = 1; i < placed.Count; i++)
            if (placed[i].LabelY < placed[i - 1].LabelY + gap) placed[i] = placed[i] with { LabelY = placed[i - 1].LabelY + gap };
        var overflow = placed.Count > 0 ? placed[^1].LabelY - (height - small) : 0;
        if (overflow > 0) placed = [.. placed.Select(p => p with { LabelY = Math.Max(small, p.LabelY - overflow) })];
        foreach (var (brand, x, yPoint, colour, labelY) in placed)
        {
            var labelX = plot.Right + 14;
            if (Math.Abs(labelY - yPoint) > 1) figure.Lines.Add(new FigureLine(x + 3, yPoint, labelX - 2, labelY - small * 0.35, colour, 0.6, Group: brand));
            var text = Fonts.Place(TextLayout.Fit(brand, small, width - labelX - 2), labelX, labelY, small, false, TextAnchor.Start, colour) with { Group = brand };
            figure.Texts.Add(text);
        }
        return figure;
    }

    /// <summary>The brands ranked in any wave, in the latest wave's rank order first.</summary>
    public static IReadOnlyList<string> Brands(IReadOnlyList<LeagueTable> history) =>
        [.. history.SelectMany((t, i) => t.Rows.Where(r => r.Eligible).Select(r => (r.Brand, Latest: i, Rank: r.Rank ?? int.MaxValue)))
            .GroupBy(x => x.Brand, Names.Comparer)
            .Select(g => g.OrderByDescending(x => x.Latest).First())
            .OrderByDescending(x => x.Latest).ThenBy(x => x.Rank).ThenBy(x => x.Brand, StringComparer.OrdinalIgnoreCase)
            .Select(x => x.Brand)];
}
