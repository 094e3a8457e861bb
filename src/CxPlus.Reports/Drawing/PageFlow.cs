namespace CxPlus.Reports.Drawing;

/// <summary>
/// A4 pages filled from top to bottom: headings, wrapped paragraphs, tables and figures are
/// measured before they are placed, and a block that does not fit starts a new page. Every page
/// gets the same footer, numbered "page X of N" once all pages are known.
/// </summary>
public sealed class PageFlow
{
    public const double PageWidth = 595, PageHeight = 842, Margin = 48;
    public const double ContentWidth = PageWidth - 2 * Margin;
    private const double Top = 52, Bottom = PageHeight - 54;
    private readonly List<Figure> _pages = [];

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
        _pages.Add(new Figure(PageWidth, PageHeight));
        Y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom && Y > Top) NewPage();
    }

    public double Space(double height) => Y += height;

    public void Heading(string text, double size = 14, string color = Charts.Palette.Ink, double keepWith = 60)
    {
        var lines = TextLayout.Wrap(text, size, ContentWidth, bold: true, maxLines: 2);
        Need(lines.Count * size * 1.3 + keepWith);
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
        for (var i = 0; i < lines.Count; i++)
        {
            if (i == 0 && bullet is not null) Page.Text(bullet, Margin + indent - size * 1.1, Y + size, size, color, bold);
            Page.Text(lines[i], Margin + indent, Y + size, size, color, bold);
            Y += step;
        }
        Y += size * 0.4;
    }

    /// <summary>A figure at the content's left edge, on a new page when it does not fit here.</summary>
    public void Place(Figure figure, double indent = 0)
    {
        Need(figure.Height);
        Page.Embed(figure, Margin + indent, Y);
        Y += figure.Height;
    }

    /// <summary>
    /// Writes each page's footer: <paramref name="footer"/> on the left, shortened to fit, the logo
    /// (if any) and "page X of N" on the right.
    /// </summary>
    public void Footers(string footer, Branding branding)
    {
        for (var i = 0; i < _pages.Count; i++)
        {
            var page = _pages[i];
            var number = page.Text(Localization.Texts.Format("Report.PageOf", i + 1, _pages.Count), PageWidth - Margin, PageHeight - 26, 7.5, Charts.Palette.Muted, anchor: TextAnchor.End);
            var logoWidth = branding.Logo is null ? 0 : 48.0;
            if (branding.Logo is { } logo) page.Images.Add((Box.At(number.Bounds.Left - 8 - logoWidth, PageHeight - 36, logoWidth, 14), logo, branding.LogoIsSvg));
            page.Lines.Add(new FigureLine(Margin, PageHeight - 40, PageWidth - Margin, PageHeight - 40, Charts.Palette.Faint, 0.5));
            page.Text(TextLayout.Fit(footer, 7.5, number.Bounds.Left - Margin - logoWidth - 20), Margin, PageHeight - 26, 7.5, Charts.Palette.Muted);
        }
    }
}
