namespace CxPlus.Reports.Drawing;

/// <summary>
/// A4 pages filled from top to bottom: headings, wrapped paragraphs, tables and figures are
/// measured before they are placed, and a block that does not fit starts a new page. Every page
/// gets the same footer, numbered "page X of N" once all pages are known. Each block is tagged for the
/// tagged PDF as it is placed (a heading, a paragraph, a bulleted list, a chart with its alternative text);
/// <see cref="Tag"/> tags what a report draws by hand (a table), and a tag open when the flow moves to a new
/// page is closed there and opened again on the new one (a table continued, with its header row repeated).
/// </summary>
public sealed class PageFlow
{
    public const double PageWidth = 595, PageHeight = 842, Margin = 48;
    public const double ContentWidth = PageWidth - 2 * Margin;
    private const double Top = 52, Bottom = PageHeight - 54;
    private readonly List<Figure> _pages = [];
    private readonly List<(FigureRole Role, string? Alt)> _open = [];
    private bool _inList;

    public PageFlow() => NewPage();

    public Figure Page => _pages[^1];
    public IReadOnlyList<Figure> Pages => _pages;
    /// <summary>Where the next block goes on the current page.</summary>
    public double Y { get; set; }

    /// <summary>The height left on this page above the footer.</summary>
    public double Remaining => Bottom - Y;
    public double Left => Margin;

    public void NewPage()
    {
        if (_pages.Count > 0)
            for (var i = 0; i < _open.Count; i++) Page.CloseTag();
        _pages.Add(new Figure(PageWidth, PageHeight));
        foreach (var (role, alt) in _open) Page.OpenTag(role, alt);
        Y = Top;
    }

    /// <summary>Tags what is drawn until the scope ends, over as many pages as it takes.</summary>
    public TagScope Tag(FigureRole role, string? alt = null)
    {
        if (role != FigureRole.ListItem) EndList();
        Page.OpenTag(role, alt);
        _open.Add((role, alt));
        return new TagScope(this);
    }

    public readonly struct TagScope(PageFlow flow) : IDisposable
    {
        public void Dispose()
        {
            flow.Page.CloseTag();
            flow._open.RemoveAt(flow._open.Count - 1);
        }
    }

    /// <summary>Bullets follow each other in one list; anything else ends it.</summary>
    private void EndList()
    {
        if (!_inList) return;
        _inList = false;
        Page.CloseTag();
        _open.RemoveAt(_open.Count - 1);
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom && Y > Top) NewPage();
    }

    public double Space(double height)
    {
        EndList();
        return Y += height;
    }

    /// <summary>A heading: a section's (13 points and more) or one within a section, kept with what follows it.</summary>
    public void Heading(string text, double size = 14, string color = Charts.Palette.Ink, double keepWith = 60)
    {
        var lines = TextLayout.Wrap(text, size, ContentWidth, bold: true, maxLines: 2);
        Need(lines.Count * size * 1.3 + keepWith);
        using var tag = Tag(size >= 13 ? FigureRole.Heading2 : FigureRole.Heading3);
        foreach (var line in lines)
        {
            Page.Text(line, Margin, Y + size, size, color, bold: true);
            Y += size * 1.3;
        }
        Y += size * 0.35;
    }

    /// <summary>A paragraph wrapped to the content width (or <paramref name="width"/>), moved whole to the next page when it does not fit.</summary>
    public void Paragraph(string text, double size = 10, string color = Charts.Palette.Ink, bool bold = false, double indent = 0, double? width = null, string? bullet = null)
    {
        var lines = TextLayout.Wrap(text, size, (width ?? ContentWidth) - indent, bold);
        var step = size * 1.42;
        Need(lines.Count * step);
        if (bullet is null) EndList();
        else if (!_inList)
        {
            Tag(FigureRole.List);
            _inList = true;
        }
        using var tag = Tag(bullet is null ? FigureRole.Paragraph : FigureRole.ListItem);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i == 0 && bullet is not null) Page.Text(bullet, Margin + indent - size * 1.1, Y + size, size, color, bold);
            Page.Text(lines[i], Margin + indent, Y + size, size, color, bold);
            Y += step;
        }
        Y += size * 0.4;
    }

    /// <summary>A figure at the content's left edge, on a new page when it does not fit here; <paramref name="alt"/> says what it shows.</summary>
    public void Place(Figure figure, string alt, double indent = 0)
    {
        Need(figure.Height);
        using var tag = Tag(FigureRole.Chart, alt);
        Page.Embed(figure, Margin + indent, Y);
        Y += figure.Height;
    }

    /// <summary>
    /// Writes each page's footer: <paramref name="footer"/> on the left, shortened to fit, the logo
    /// (if any) and "page X of N" on the right.
    /// </summary>
    public void Footers(string footer, Branding branding)
    {
        EndList();
        if (_open.Count > 0) throw new InvalidOperationException($"A {_open[^1].Role} tag was left open.");
        for (var i = 0; i < _pages.Count; i++)
        {
            var page = _pages[i];
            page.OpenTag(FigureRole.Artifact);
            var number = page.Text(Localization.Texts.Format("Report.PageOf", i + 1, _pages.Count), PageWidth - Margin, PageHeight - 26, 7.5, Charts.Palette.Muted, anchor: TextAnchor.End);
            var logoWidth = branding.Logo is null ? 0 : 48.0;
            if (branding.Logo is { } logo) page.Images.Add((Box.At(number.Bounds.Left - 8 - logoWidth, PageHeight - 36, logoWidth, 14), logo, branding.LogoIsSvg));
            page.Lines.Add(new FigureLine(Margin, PageHeight - 40, PageWidth - Margin, PageHeight - 40, Charts.Palette.Faint, 0.5));
            page.Text(TextLayout.Fit(footer, 7.5, number.Bounds.Left - Margin - logoWidth - 20), Margin, PageHeight - 26, 7.5, Charts.Palette.Muted);
            page.CloseTag();
        }
    }
}
