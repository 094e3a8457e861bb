using CxPlus.Reports.Localization;
using CxPlus.Reports.Drawing;
using CxPlus.Scoring;

namespace CxPlus.Reports.Charts;

/// <summary>
/// The gap map: each brand's CX Performance Score (x) against its Experience Gap (y), the verdict
/// regions, lines of equal CX+ score (a diagonal up to the cap, then vertical: X = P + min(G, cap))
/// with the sector average's line marked, ranked brands as circles (hollow when the gap is not
/// significant), unranked brands as grey diamonds named as unranked, and labels placed so that
/// none overlaps another.
/// </summary>
public static class GapMapChart
{
    public static Figure Layout(LeagueTable table, double width, double height, string? highlight = null, string accent = Palette.Blue, double fontSize = 11)
    {
        var figure = new Figure(width, height);
        var cap = table.Settings.Cap;
        var rows = Plotted(table);
        var small = fontSize * 0.9;
        var line = fontSize * 1.4;

        // Frame: a title line above, tick labels left and below, the legend at the bottom; a legend
        // that needs more than two lines (longer words, a narrow figure) takes its room from the plot.
        var legendSize = small * 0.95;
        var extraLegend = Math.Max(0, LegendLines(LegendItems(table.Average), width, legendSize) - 2) * legendSize * 1.5;
        var plot = new Box(fontSize * 3.6, line * 1.6, width - fontSize * 0.8, height - line * 4.6 - extraLegend);
        var x = Scale.Nice(rows.Select(r => r.Result.Performance!.Value), plot.Left, plot.Right, 2, 6);
        var y = Scale.Nice(rows.Select(r => r.Result.Gap!.Value).Append(0).Append(cap), plot.Bottom, plot.Top, 1.5, 6);
        double Y(double v) => y.Map(v);
        double X(double v) => x.Map(v);

        figure.Text(Texts.Get("GapMap.AxisGap"), plot.Left, line * 0.8, small, Palette.Muted);
        // Verdict regions and their names (a name only where its band is tall enough to hold it).
        var capY = Math.Clamp(Y(cap), plot.Top, plot.Bottom);
        var zeroY = Math.Clamp(Y(0), plot.Top, plot.Bottom);
        figure.Rects.Add(new FigureRect(new Box(plot.Left, plot.Top, plot.Right, capY), Palette.UnderPromisesBand));
        figure.Rects.Add(new FigureRect(new Box(plot.Left, capY, plot.Right, zeroY), Palette.OverDeliversBand));
        figure.Rects.Add(new FigureRect(new Box(plot.Left, zeroY, plot.Right, plot.Bottom), Palette.UnderDeliversBand));
        var capText = Scale.Label(cap);
        if (capY - plot.Top > small * 1.6) figure.Text(Texts.Format("GapMap.AboveCap", capText), plot.Left + 4, plot.Top + small * 1.1, small, Palette.UnderPromisesText);
        if (zeroY - capY > small * 1.6) figure.Text(Texts.Format("GapMap.OverDelivers", capText), plot.Left + 4, capY + small * 1.1, small, Palette.OverDeliversText);
        if (plot.Bottom - zeroY > small * 1.6) figure.Text(Texts.Get("GapMap.UnderDelivers"), plot.Left + 4, plot.Bottom - small * 0.45, small, Palette.UnderDeliversText);

        foreach (var t in x.Ticks())
            figure.TextIfFree(Scale.Label(t), X(t), plot.Bottom + small * 1.3, small, Palette.Muted, anchor: TextAnchor.Middle);
        foreach (var t in y.Ticks())
            figure.TextIfFree(Scale.Label(t), plot.Left - 5, Y(t) + small * 0.35, small, Palette.Muted, anchor: TextAnchor.End);
        figure.Text(Texts.Get("GapMap.AxisPerformance"), plot.CenterX, plot.Bottom + small * 1.3 + line, small, Palette.Muted, anchor: TextAnchor.Middle);

        figure.Lines.Add(new FigureLine(plot.Left, zeroY, plot.Right, zeroY, Palette.Ink, 1.1));
        figure.Lines.Add(new FigureLine(plot.Left, capY, plot.Right, capY, Palette.Ink, 0.8, Dashed: true));
        IsoScoreLines(figure, table, x, y, plot, cap, small);

        // Points first, so that labels avoid every point.
        var placer = new LabelPlacer(figure, plot);
        // Most gaps lie near zero: a name on the zero line (or the cap's) reads as struck through.
        placer.Avoid(new Box(plot.Left, zeroY - 1.5, plot.Right, zeroY + 1.5));
        placer.Avoid(new Box(plot.Left, capY - 1.5, plot.Right, capY + 1.5));
        var points = rows.Select(r => (Row: r, Px: X(r.Result.Performance!.Value), Py: Y(r.Result.Gap!.Value),
            Mine: highlight is not null && Names.Same(r.Brand, highlight))).ToList();
        foreach (var (row, px, py, mine) in points)
        {
            var radius = mine ? 6.5 : 5;
            var color = mine ? accent : row.Eligible ? Palette.Blue : Palette.Unranked;
            var significant = row.Result.GapSignificant == true;
            figure.Markers.Add(new FigureMarker(px, py, radius, color, row.Eligible && significant ? color : null, Diamond: !row.Eligible));
            figure.Points.Add(new FigurePoint(row.Brand, px, py, radius, Summary(row, table)));
            placer.Reserve(new Box(px - radius - 1, py - radius - 1, px + radius + 1, py + radius + 1));
        }
        // The report's own brand first, then ranked brands in rank order: the important labels get the near places.
        // In a large sector only what matters is named (a 200-brand map was a heap of names): the brand,
        // the leaders, the last and the largest gaps either way; every point still has its summary on hover.
        var named = Named(points.Select(p => p.Row).ToList(), highlight);
        placer.PlaceAll([.. points.Where(p => named.Contains(p.Row.Brand)).OrderByDescending(p => p.Mine).ThenBy(p => p.Row.Rank ?? int.MaxValue).Select(p => new PointLabel(
            TextLayout.Fit(p.Row.Eligible ? p.Row.Brand : Texts.Format("GapMap.Unranked", p.Row.Brand), small, plot.Width * 0.45, p.Mine),
            p.Px, p.Py, p.Mine ? 6.5 : 5, small, p.Row.Eligible ? Palette.Ink : Palette.Muted, p.Mine))]);

        // Lines of equal score cross the whole plot: they pass under the names, not through them.
        figure.HaloTexts(plot);

        Legend(figure, height - line * 1.55 - extraLegend, legendSize, table.Average);
        return figure;
    }

    /// <summary>Above this many brands on the map, only those that matter are named (<see cref="Named"/>).</summary>
    public const int NameAllUpTo = 25;

    /// <summary>The brands the map has a point for: those with a performance score and a gap.</summary>
    public static List<LeagueRow> Plotted(LeagueTable table) =>
        [.. table.Rows.Where(r => r.Result.Performance is not null && r.Result.Gap is not null)];

    /// <summary>Whether the map names every brand it plots (else only those <see cref="Named"/> picks); a report's caption says which.</summary>
    public static bool NamesEveryBrand(LeagueTable table) => Plotted(table).Count <= NameAllUpTo;

    /// <summary>
    /// The brands whose names the map shows: all of them up to <see cref="NameAllUpTo"/>; beyond, the
    /// highlighted brand, the three leaders and the last three ranked, and the two largest gaps either way.
    /// </summary>
    public static IReadOnlySet<string> Named(IReadOnlyList<LeagueRow> rows, string? highlight)
    {
        if (rows.Count <= NameAllUpTo) return rows.Select(r => r.Brand).ToHashSet(Names.Comparer);
        var ranked = rows.Where(r => r.Eligible && r.Rank is not null).OrderBy(r => r.Rank).ToList();
        var byGap = ranked.Where(r => r.Result.Gap is not null).OrderBy(r => r.Result.Gap!.Value).ToList();
        var named = ranked.Take(3).Concat(ranked.TakeLast(3)).Concat(byGap.Take(2)).Concat(byGap.TakeLast(2)).Select(r => r.Brand).ToHashSet(Names.Comparer);
        if (highlight is not null) named.Add(rows.FirstOrDefault(r => Names.Same(r.Brand, highlight))?.Brand ?? highlight);
        return named;
    }

    /// <summary>Lines of equal CX+ score at round values, and the sector average's, labelled above the plot.</summary>
    private static void IsoScoreLines(Figure figure, LeagueTable table, Scale x, Scale y, Box plot, double cap, double size)
    {
        // X = P + G below the cap (slope -1), X = P + cap above it (vertical at P = X - cap).
        double low = x.Min + Math.Min(y.Min, cap), high = x.Max + cap;
        var step = Math.Max(5, x.TickStep() * 2);
        var values = new List<(double Value, bool Average)>();
        for (var v = Math.Ceiling(low / step) * step; v <= high; v += step) values.Add((v, false));
        if (table.Average is { } average) values.Add((average, true));
        var labels = new List<Box>();
        foreach (var (value, isAverage) in values)
        {
            var color = isAverage ? Palette.Blue : Palette.Faint;
            var segments = new List<(double X1, double Y1, double X2, double Y2)>();
            // Diagonal part, from the bottom of the plot (or its left edge) to the cap.
            var gLow = Math.Max(y.Min, value - x.Max);
            var gHigh = Math.Min(cap, value - x.Min);
            if (gLow < gHigh) segments.Add((x.Map(value - gLow), y.Map(gLow), x.Map(value - gHigh), y.Map(gHigh)));
            var vertical = value - cap;
            if (vertical >= x.Min && vertical <= x.Max && cap < y.Max) segments.Add((x.Map(vertical), y.Map(Math.Max(cap, y.Min)), x.Map(vertical), y.Map(y.Max)));
            if (segments.Count == 0) continue;
            foreach (var (x1, y1, x2, y2) in segments) figure.Lines.Add(new FigureLine(x1, y1, x2, y2, color, isAverage ? 1.2 : 0.7, Dashed: !isAverage));
            // The sector average is named in the legend; a round value above the plot where its line leaves it, when that place is free.
            if (isAverage) continue;
            // Only a line that reaches the top of the plot (its vertical part) is named there.
            var (lx, _, lxEnd, _) = segments[^1];
            if (lx != lxEnd || lx < plot.Left || lx > plot.Right) continue;
            var placed = Fonts.Place(Texts.Format("GapMap.IsoScore", Scale.Label(value)), lx, plot.Top - size * 0.45, size, false, TextAnchor.Middle, Palette.Muted);
            if (placed.Bounds.Left < 0 || placed.Bounds.Right > figure.Width) continue;
            if (labels.Any(l => l.Intersects(placed.Bounds.Inflate(3))) || figure.Texts.Any(t => t.Bounds.Intersects(placed.Bounds.Inflate(1)))) continue;
            labels.Add(placed.Bounds);
            figure.Texts.Add(placed);
        }
    }

    /// <summary>The legend under the plot, wrapped onto a second line when the figure is narrow.</summary>
    private enum Sample { Significant, NotSignificant, Unranked, EqualScore, Average }

    /// <summary>The legend's items: what each sample is, and its words.</summary>
    private static List<(Sample Sample, string Text)> LegendItems(double? average)
    {
        var items = new List<(Sample, string)>
        {
            (Sample.Significant, Texts.Get("GapMap.LegendSignificant")),
            (Sample.NotSignificant, Texts.Get("GapMap.LegendNotSignificant")),
            (Sample.Unranked, Texts.Get("GapMap.LegendUnranked")),
            (Sample.EqualScore, Texts.Get("GapMap.LegendEqualScore")),
        };
        if (average is { } a) items.Add((Sample.Average, Texts.Format("GapMap.LegendAverage", Display.Score(a))));
        return items;
    }

    /// <summary>Where each item goes: its x and its line, wrapping where an item would pass the figure's edge.</summary>
    private static List<(double X, int Line)> LegendPlaces(IEnumerable<(Sample Sample, string Text)> items, double width, double size)
    {
        var places = new List<(double, int)>();
        var (x, line) = (4.0, 0);
        foreach (var (_, text) in items)
        {
            var itemWidth = 16 + Fonts.Width(text, size);
            if (x > 4 && x + itemWidth > width) (x, line) = (4, line + 1);
            places.Add((x, line));
            x += itemWidth + 12;
        }
        return places;
    }

    private static int LegendLines(IEnumerable<(Sample Sample, string Text)> items, double width, double size) =>
        LegendPlaces(items, width, size).Select(p => p.Line).DefaultIfEmpty().Max() + 1;

    /// <summary>The legend under the plot, wrapped onto further lines when the figure is narrow.</summary>
    private static void Legend(Figure figure, double baseline, double size, double? average)
    {
        var items = LegendItems(average);
        var places = LegendPlaces(items, figure.Width, size);
        for (var i = 0; i < items.Count; i++)
        {
            var (sample, text) = items[i];
            var (x, line) = places[i];
            var y = baseline + line * size * 1.5;
            var (sx, sy) = (x, y - size * 0.3);
            switch (sample)
            {
                case Sample.Significant: figure.Markers.Add(new FigureMarker(sx + 5, sy, 4, Palette.Blue, Palette.Blue)); break;
                case Sample.NotSignificant: figure.Markers.Add(new FigureMarker(sx + 5, sy, 4, Palette.Blue, null)); break;
                case Sample.Unranked: figure.Markers.Add(new FigureMarker(sx + 5, sy, 4, Palette.Unranked, null, Diamond: true)); break;
                case Sample.EqualScore: figure.Lines.Add(new FigureLine(sx - 2, sy, sx + 12, sy, Palette.Faint, 0.7, Dashed: true)); break;
                case Sample.Average: figure.Lines.Add(new FigureLine(sx - 2, sy, sx + 12, sy, Palette.Blue, 1.2)); break;
            }
            figure.Text(text, x + 16, y, size, sample == Sample.Average ? Palette.Blue : Palette.Muted);
        }
    }

    private static string Summary(LeagueRow row, LeagueTable table)
    {
        var r = row.Result;
        var rank = row.Rank is null ? Texts.Format("GapMap.NotRanked", Texts.Reason(row)) : Texts.Format("GapMap.Rank", Display.Rank(row));
        return Texts.Format("GapMap.Summary", row.Brand, Display.Score(r.Performance?.Value), Display.Signed(r.Gap?.Value),
            Texts.Get(r.GapSignificant == true ? "GapMap.Significant" : "GapMap.NotSignificant"), Display.Score(r.Score?.Value), rank);
    }
}
