namespace CxPlus.Reports.Drawing;

/// <summary>An axis-aligned box in figure units (points for the PDF, pixels for the browser).</summary>
public readonly record struct Box(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;
    public double Height => Bottom - Top;
    public double CenterX => (Left + Right) / 2;
    public double CenterY => (Top + Bottom) / 2;

    public static Box At(double left, double top, double width, double height) => new(left, top, left + width, top + height);

    /// <summary>Whether the two boxes share area (touching edges do not count).</summary>
    public bool Intersects(Box other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    /// <summary>Whether (x, y) lies in the box, edges included.</summary>
    public bool Contains(double x, double y) => Left <= x && x <= Right && Top <= y && y <= Bottom;

    public bool Inside(Box outer) => Left >= outer.Left && Right <= outer.Right && Top >= outer.Top && Bottom <= outer.Bottom;

    public Box Inflate(double by) => new(Left - by, Top - by, Right + by, Bottom + by);

    /// <summary>The point of this box's edge nearest to (x, y): where a leader line ends.</summary>
    public (double X, double Y) Nearest(double x, double y) => (Math.Clamp(x, Left, Right), Math.Clamp(y, Top, Bottom));
}

public enum TextAnchor { Start, Middle, End }

/// <summary>
/// One line of text, measured: <see cref="X"/> is where <see cref="Anchor"/> sits, <see cref="Baseline"/>
/// its baseline, and <see cref="Bounds"/> the box the glyphs fill, so nothing else may be drawn there.
/// </summary>
public sealed record FigureText(string Text, double X, double Baseline, double Size, bool Bold, TextAnchor Anchor, string Color, Box Bounds)
{
    /// <summary>The series it belongs to (a brand in a trend chart), for highlighting; null for the frame.</summary>
    public string? Group { get; init; }

    /// <summary>A colour drawn round the glyphs first, so that lines under the text stop short of it; null for none.</summary>
    public string? Halo { get; init; }

    /// <summary>The stroke of a halo, in figure units, in every renderer.</summary>
    public const double HaloWidth = 4.5;
}

public sealed record FigureLine(double X1, double Y1, double X2, double Y2, string Color, double Width = 1, bool Dashed = false, string? Group = null);

public sealed record FigureRect(Box Box, string Fill, string? Stroke = null, double StrokeWidth = 1, double Radius = 0);

/// <summary>A marker: a circle, or a diamond for points that are not ranked. Hollow when <see cref="Fill"/> is null.</summary>
public sealed record FigureMarker(double X, double Y, double Radius, string Stroke, string? Fill, bool Diamond = false, double StrokeWidth = 1.5, string? Group = null);

/// <summary>A data point a reader can follow: what it is, its numbers in words, and where it links (the browser only).</summary>
public sealed record FigurePoint(string Key, double X, double Y, double Radius, string Summary, string? Group = null);

/// <summary>What a stretch of a page is to a reader who cannot see it: the tags of a tagged PDF (issue #31).</summary>
public enum FigureRole
{
    /// <summary>The report's title (the brand on the cover).</summary>
    Heading1,
    /// <summary>A section's heading.</summary>
    Heading2,
    /// <summary>A heading within a section.</summary>
    Heading3,
    Paragraph,
    /// <summary>Bulleted items; each a <see cref="ListItem"/>, whose first text is its bullet.</summary>
    List,
    ListItem,
    Table,
    /// <summary>A table's header row: each text (or <see cref="Cell"/>) a header cell.</summary>
    HeaderRow,
    /// <summary>A table's row: each text (or <see cref="Cell"/>) a data cell.</summary>
    Row,
    /// <summary>A cell of several texts (a wrapped name).</summary>
    Cell,
    /// <summary>A chart: its shapes and texts, read as its alternative text.</summary>
    Chart,
    /// <summary>Not content: the page furniture (footers, page numbers) a reader skips.</summary>
    Artifact,
}

/// <summary>How many of each kind of thing a figure held at a moment: where a tagged stretch starts or ends.</summary>
public readonly record struct FigureMark(int Rects, int Lines, int Markers, int Texts, int Images);

/// <summary>A tagged stretch of a figure: a role over the things drawn from <see cref="Start"/> to <see cref="End"/>, inside its parent's.</summary>
public sealed class FigureTag(int index, FigureRole role, string? alt, int parent, FigureMark start)
{
    /// <summary>Its place in <see cref="Figure.Tags"/>, which its children name as their <see cref="Parent"/>.</summary>
    public int Index { get; } = index;
    public FigureRole Role { get; } = role;
    /// <summary>A chart's alternative text: what it shows, with its numbers.</summary>
    public string? Alt { get; } = alt;
    /// <summary>The index of the enclosing tag in <see cref="Figure.Tags"/>; -1 at the top.</summary>
    public int Parent { get; } = parent;
    public FigureMark Start { get; } = start;
    public FigureMark End { get; internal set; } = start;
}

/// <summary>
/// A chart or a page laid out once (design.md "Charts laid out once"): every shape and every
/// measured text at its final place. The browser's SVG, the PDF and the PowerPoint image draw the
/// same figure, so a fix to the layout fixes all three.
/// </summary>
public sealed class Figure(double width, double height)
{
    public double Width { get; } = width;
    public double Height { get; } = height;
    public List<FigureRect> Rects { get; } = [];
    public List<FigureLine> Lines { get; } = [];
    public List<FigureMarker> Markers { get; } = [];
    public List<FigureText> Texts { get; } = [];
    public List<FigurePoint> Points { get; } = [];
    /// <summary>Images (a logo) as PNG or SVG bytes in a box.</summary>
    public List<(Box Box, byte[] Image, bool Svg)> Images { get; } = [];

    /// <summary>
    /// The page's tags in the order they were opened (a tag before the tags inside it); texts outside every tag
    /// are paragraphs. Only the PDF reads them: the browser's SVG has its own accessible names.
    /// </summary>
    public List<FigureTag> Tags { get; } = [];
    private readonly Stack<int> _open = [];

    public FigureMark Mark => new(Rects.Count, Lines.Count, Markers.Count, Texts.Count, Images.Count);

    /// <summary>Opens a tag: what is drawn until <see cref="CloseTag"/> has this role.</summary>
    public void OpenTag(FigureRole role, string? alt = null)
    {
        Tags.Add(new FigureTag(Tags.Count, role, alt, _open.Count == 0 ? -1 : _open.Peek(), Mark));
        _open.Push(Tags.Count - 1);
    }

    /// <summary>Closes the innermost open tag.</summary>
    public void CloseTag() => Tags[_open.Pop()].End = Mark;

    /// <summary>Places a measured line of text.</summary>
    public FigureText Text(string text, double x, double baseline, double size, string color, bool bold = false, TextAnchor anchor = TextAnchor.Start)
    {
        var placed = Fonts.Place(text, x, baseline, size, bold, anchor, color);
        Texts.Add(placed);
        return placed;
    }

    /// <summary>Places a text only where it touches no other (an axis tick that would meet another axis's); null when left out.</summary>
    public FigureText? TextIfFree(string text, double x, double baseline, double size, string color, bool bold = false, TextAnchor anchor = TextAnchor.Start)
    {
        var placed = Fonts.Place(text, x, baseline, size, bold, anchor, color);
        if (Texts.Any(t => t.Bounds.Intersects(placed.Bounds.Inflate(1)))) return null;
        Texts.Add(placed);
        return placed;
    }

    /// <summary>
    /// Gives every text over <paramref name="area"/> a halo the colour of the shape beneath its centre
    /// (white where there is none): lines drawn across the area then pass under names, not through them.
    /// </summary>
    public void HaloTexts(Box area)
    {
        for (var i = 0; i < Texts.Count; i++)
        {
            var bounds = Texts[i].Bounds;
            if (!bounds.Intersects(area)) continue;
            var under = Rects.LastOrDefault(r => r.Box.Contains(bounds.CenterX, bounds.CenterY));
            Texts[i] = Texts[i] with { Halo = under?.Fill ?? "#ffffff" };
        }
    }

    /// <summary>Copies another figure's shapes and texts into this one, its top-left corner at (dx, dy).</summary>
    public void Embed(Figure other, double dx, double dy)
    {
        Box Move(Box b) => new(b.Left + dx, b.Top + dy, b.Right + dx, b.Bottom + dy);
        Rects.AddRange(other.Rects.Select(r => r with { Box = Move(r.Box) }));
        Lines.AddRange(other.Lines.Select(l => l with { X1 = l.X1 + dx, Y1 = l.Y1 + dy, X2 = l.X2 + dx, Y2 = l.Y2 + dy }));
        Markers.AddRange(other.Markers.Select(m => m with { X = m.X + dx, Y = m.Y + dy }));
        Texts.AddRange(other.Texts.Select(t => t with { X = t.X + dx, Baseline = t.Baseline + dy, Bounds = Move(t.Bounds) }));
        Points.AddRange(other.Points.Select(p => p with { X = p.X + dx, Y = p.Y + dy }));
        Images.AddRange(other.Images.Select(i => (Move(i.Box), i.Image, i.Svg)));
    }

    /// <summary>Pairs of texts whose boxes overlap: none in a figure that reads.</summary>
    public IEnumerable<(FigureText, FigureText)> Collisions() =>
        from i in Enumerable.Range(0, Texts.Count)
        from j in Enumerable.Range(i + 1, Texts.Count - i - 1)
        where Texts[i].Bounds.Intersects(Texts[j].Bounds)
        select (Texts[i], Texts[j]);
}
