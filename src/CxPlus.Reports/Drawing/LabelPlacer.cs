namespace CxPlus.Reports.Drawing;

/// <summary>A point's label to place: its text, the point and its radius, the text's size, colour and weight.</summary>
public sealed record PointLabel(string Text, double X, double Y, double Radius, double Size, string Color, bool Bold = false);

/// <summary>
/// Places point labels so that none overlaps another label, a point or a text already on the
/// figure, and all stay inside the plot: for each label it tries the sixteen places around its
/// point, then the same directions ever further out, and draws a leader line from the point when
/// the label had to move away. Deterministic: the same points always get the same places.
/// </summary>
public sealed class LabelPlacer(Figure figure, Box area)
{
    /// <summary>The colour of a leader line.</summary>
    public const string LeaderColor = "#888888";

    /// <summary>A label at most this far from its point's edge sits beside it; further out it gets a leader line.</summary>
    private const double Beside = 8;

    private readonly List<Box> _taken = [.. figure.Texts.Select(t => t.Bounds.Inflate(1))];
    private readonly List<Box> _avoided = [];
    private readonly List<FigureLine> _leaders = [];
    private List<(double X, double Y)> _points = [];

    /// <summary>Keeps a box free of labels (a point, a legend).</summary>
    public void Reserve(Box box) => _taken.Add(box);

    /// <summary>
    /// Keeps a box free of labels while there is another place (a whisker, a dividing line): a label
    /// that finds no such place crosses as few as it can, which reads better than a label drawn
    /// outside the plot.
    /// </summary>
    public void Avoid(Box box) => _avoided.Add(box);

    /// <summary>
    /// Places the labels, the most important first (they get the nearest places), and draws them.
    /// Placing one label at a time can hem a later point in with earlier names, leaving it only
    /// places whose leader runs through another name or point; then the labels are placed once more
    /// with those first, and the arrangement with fewer such crossings is drawn.
    /// </summary>
    public void PlaceAll(IReadOnlyList<PointLabel> labels)
    {
        var (taken, leaders) = (_taken.Count, _leaders.Count);
        _points = [.. labels.Select(l => (l.X, l.Y))];
        List<Placement> Arrange(IEnumerable<PointLabel> order)
        {
            _taken.RemoveRange(taken, _taken.Count - taken);
            _leaders.RemoveRange(leaders, _leaders.Count - leaders);
            return [.. order.Select(Place)];
        }
        var placements = Arrange(labels);
        var misled = placements.Where(p => p.Misleading > 0).Select(p => p.Label).ToList();
        if (misled.Count > 0)
        {
            // Other orders: the misled first, then the rest as given or from the least important up,
            // and all from the least important up (points close together hem in whichever is placed
            // last). The fewest misleading leaders win, then the shortest leaders, then the given order.
            static (int Misleading, double Length) Cost(List<Placement> arrangement) =>
                (arrangement.Sum(p => p.Misleading), arrangement.Sum(p => p.Leader is { } l ? Math.Sqrt((l.X2 - l.X1) * (l.X2 - l.X1) + (l.Y2 - l.Y1) * (l.Y2 - l.Y1)) : 0));
            var best = (Order: labels, Cost: Cost(placements));
            var rest = labels.Except(misled).ToList();
            foreach (var order in new IReadOnlyList<PointLabel>[] { [.. misled, .. rest], [.. misled, .. Enumerable.Reverse(rest)], [.. labels.Reverse()] })
            {
                var cost = Cost(Arrange(order));
                if (cost.CompareTo(best.Cost) < 0) best = (order, cost);
            }
            placements = Arrange(best.Order);
        }
        var given = labels.ToList();
        foreach (var p in placements.OrderBy(p => given.IndexOf(p.Label)))
        {
            if (p.Leader is { } leader) figure.Lines.Add(leader);
            // Baseline: the glyph box is 0.76 of the size above it and 0.24 below.
            figure.Text(p.Label.Text, p.Box.Left, p.Box.Top + 0.76 * p.Label.Size, p.Label.Size, p.Label.Color, p.Label.Bold);
        }
    }

    /// <summary>Where a label goes, its leader line if it has one, and how many names or points a leader crosses there.</summary>
    private sealed record Placement(PointLabel Label, Box Box, FigureLine? Leader, int Misleading);

    /// <summary>Chooses one label's place, given the labels and leaders placed so far, and takes it.</summary>
    private Placement Place(PointLabel label)
    {
        var (text, x, y, radius, size, _, bold) = label;
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
        // A leader through another name or point seems to join them, which misleads more than a name
        // across a whisker. The place chosen: the fewest such crossings (by this label's leader, when
        // it needs one, or through this label by a leader drawn before), then the fewest avoided
        // boxes crossed (whiskers, dividing lines), then the nearest.
        (Box Box, double Gap)? chosen = places.Count == 0 ? null : places.MinBy(p => (Misleading(p) + NearerAnother(p), _avoided.Count(a => a.Intersects(p.Box)), p.Gap));
        var misleading = chosen is { } c ? Misleading(c) + NearerAnother(c) : 0;
        var far = chosen is { Gap: > Beside };
        int Misleading((Box Box, double Gap) place)
        {
            // With the margin every taken box has: a leader that grazes a name reads as running into it.
            var crossings = _leaders.Count(l => Crosses(place.Box.Inflate(1.5), l.X1, l.Y1, l.X2, l.Y2));
            if (place.Gap <= Beside) return crossings;
            var (ex, ey) = place.Box.Nearest(x, y);
            // Every label and point so far, but this label's own point (its leader starts on the edge).
            return crossings + _taken.Count(t => !t.Contains(x, y) && Crosses(t, x, y, ex, ey));
        }
        // A name beside a point that is nearer another point reads as that one's (a chart that then
        // seems to contradict its table): misleading too. A leader line says whose a name is.
        int NearerAnother((Box Box, double Gap) place)
        {
            if (place.Gap > Beside) return 0;
            var own = Distance(place.Box, x, y);
            return _points.Count(p => (p.X != x || p.Y != y) && Distance(place.Box, p.X, p.Y) < own - 0.5);
        }
        // Nowhere free (a plot far too small for its points): the label goes right of the point, moved
        // inside the plot, and the test that reads the figure says what it overlaps.
        var placed = chosen?.Box ?? Within(Around(x, y, radius + 3, 1, 0, width, height), area);
        _taken.Add(placed.Inflate(1.5));
        FigureLine? leader = null;
        if (far)
        {
            var (ex, ey) = placed.Nearest(x, y);
            var length = Math.Sqrt((ex - x) * (ex - x) + (ey - y) * (ey - y));
            if (length > radius + 1)
            {
                leader = new FigureLine(x + (ex - x) * radius / length, y + (ey - y) * radius / length, ex, ey, LeaderColor, 0.6);
                _leaders.Add(leader);
            }
        }
        return new Placement(label, placed, leader, misleading);
    }

    private static double Distance(Box box, double x, double y)
    {
        var (nx, ny) = box.Nearest(x, y);
        return Math.Sqrt((nx - x) * (nx - x) + (ny - y) * (ny - y));
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
