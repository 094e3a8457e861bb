namespace CxPlus.Reports.Drawing;

/// <summary>
/// Places point labels so that none overlaps another label, a point or a text already on the
/// figure, and all stay inside the plot: for each label it tries the eight places around its
/// point, then the same directions ever further out, and draws a leader line from the point when
/// the label had to move away. Deterministic: the same points always get the same places.
/// </summary>
public sealed class LabelPlacer(Figure figure, Box area)
{
    private readonly List<Box> _taken = [.. figure.Texts.Select(t => t.Bounds.Inflate(1))];
    private readonly List<Box> _labels = [.. figure.Texts.Select(t => t.Bounds)];
    private readonly List<Box> _avoided = [];

    /// <summary>Keeps a box free of labels (a point, a legend).</summary>
    public void Reserve(Box box) => _taken.Add(box);

    /// <summary>
    /// Keeps a box free of labels while there is another place (a whisker, a dividing line): a label
    /// that finds no such place crosses as few as it can, which reads better than a label drawn
    /// outside the plot.
    /// </summary>
    public void Avoid(Box box) => _avoided.Add(box);

    /// <summary>Places one label for a point at (x, y) with the given radius; returns the placed text.</summary>
    public FigureText Place(string text, double x, double y, double radius, double size, string color, bool bold = false, string leaderColor = "#888888")
    {
        var width = Fonts.Width(text, size, bold);
        var height = size * 1.0;
        // Directions in order of preference: right, left, above, below, then the diagonals and between.
        (double Dx, double Dy)[] directions =
        [
            (1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1),
            (1, -0.5), (1, 0.5), (-1, -0.5), (-1, 0.5), (0.5, -1), (-0.5, -1), (0.5, 1), (-0.5, 1),
        ];
        // Every free place around the point, nearest first: the sixteen directions, then the same further out.
        var places = new List<(Box Box, double Gap)>();
        for (var gap = 3.0; gap < Math.Max(area.Width, area.Height); gap = gap < 12 ? gap + 4.5 : gap * 1.35)
            foreach (var (dx, dy) in directions)
            {
                var box = Around(x, y, radius + gap, dx, dy, width, height);
                if (box.Inside(area) && !_taken.Any(t => t.Intersects(box))) places.Add((box, gap));
            }
        // First a place clear of what is avoided, whose leader line (when it needs one) crosses no
        // other label; then one clear of what is avoided; last, the one across the fewest avoided
        // boxes (whiskers, dividing lines), the nearest of those.
        var chosen = First(p => Clear(p.Box) && (p.Gap <= 8 || !LeaderCrossesALabel(p.Box)))
            ?? First(p => Clear(p.Box))
            ?? (places.Count > 0 ? places.MinBy(p => (_avoided.Count(a => a.Intersects(p.Box)), p.Gap)) : null);
        var far = chosen is { Gap: > 8 };
        (Box Box, double Gap)? First(Func<(Box Box, double Gap), bool> fits)
        {
            foreach (var place in places) if (fits(place)) return place;
            return null;
        }
        bool Clear(Box box) => !_avoided.Any(a => a.Intersects(box));
        bool LeaderCrossesALabel(Box box)
        {
            var (ex, ey) = box.Nearest(x, y);
            return _labels.Any(l => Crosses(l, x, y, ex, ey));
        }
        // Nowhere free (a plot far too small for its points): the label goes right of the point, moved
        // inside the plot, and the test that reads the figure says what it overlaps.
        var placed = chosen?.Box ?? Within(Around(x, y, radius + 3, 1, 0, width, height), area);
        _taken.Add(placed.Inflate(1.5));
        _labels.Add(placed);
        if (far)
        {
            var (ex, ey) = placed.Nearest(x, y);
            var length = Math.Sqrt((ex - x) * (ex - x) + (ey - y) * (ey - y));
            if (length > radius + 1)
                figure.Lines.Add(new FigureLine(x + (ex - x) * radius / length, y + (ey - y) * radius / length, ex, ey, leaderColor, 0.6));
        }
        // Baseline: the glyph box is 0.76 of the size above it and 0.24 below.
        return figure.Text(text, placed.Left, placed.Top + 0.76 * size, size, color, bold);
    }

    /// <summary>Whether the segment from (x1, y1) to (x2, y2) passes through the box (Liang–Barsky clipping).</summary>
    private static bool Crosses(Box box, double x1, double y1, double x2, double y2)
    {
        double t0 = 0, t1 = 1, dx = x2 - x1, dy = y2 - y1;
        foreach (var (p, q) in new[] { (-dx, x1 - box.Left), (dx, box.Right - x1), (-dy, y1 - box.Top), (dy, box.Bottom - y1) })
        {
            if (p == 0) { if (q < 0) return false; continue; }
            var r = q / p;
            if (p < 0) t0 = Math.Max(t0, r); else t1 = Math.Min(t1, r);
            if (t0 > t1) return false;
        }
        return t1 - t0 > 1e-6;
    }

    /// <summary>The box moved (not resized) as little as it takes to lie inside <paramref name="area"/>, where it fits.</summary>
    private static Box Within(Box box, Box area)
    {
        var dx = box.Right > area.Right ? area.Right - box.Right : 0;
        dx = box.Left + dx < area.Left ? area.Left - box.Left : dx;
        var dy = box.Bottom > area.Bottom ? area.Bottom - box.Bottom : 0;
        dy = box.Top + dy < area.Top ? area.Top - box.Top : dy;
        return Box.At(box.Left + dx, box.Top + dy, box.Width, box.Height);
    }

    /// <summary>A label box next to (x, y) in a direction, its nearest edge <paramref name="distance"/> away.</summary>
    private static Box Around(double x, double y, double distance, double dx, double dy, double width, double height)
    {
        var cx = x + dx * (distance + width / 2);
        var cy = y + dy * (distance + height / 2);
        return Box.At(cx - width / 2, cy - height / 2, width, height);
    }
}
