using System.Collections.Concurrent;
using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;
using SkiaSharp;

namespace CxPlus.Reports.Drawing;

/// <summary>What a PDF says about itself: its title, author and language, for viewers, search and screen readers.</summary>
public sealed record PdfMetadata(string Title, string Author, string Subject, string Keywords, CultureInfo Language, DateTimeOffset Made);

/// <summary>
/// Writes laid-out pages as a tagged PDF (PDF/UA in spirit, issue #31; ADR 0013): a structure tree of headings,
/// paragraphs, lists, tables and charts in the order they were placed, each chart with an alternative text that
/// states its numbers, footers as artifacts, the document's language, title and author. Drawn with PDFsharp,
/// whose structure builder Skia's PDF backend has no counterpart of; the fonts are the DejaVu files every
/// text was measured with (<see cref="Fonts"/>), so each word lands where the layout put it.
/// </summary>
public static class PdfRenderer
{
    static PdfRenderer()
    {
        // One resolver for the process (PDFsharp allows one): our fonts, never the machine's by name.
        if (GlobalFontSettings.FontResolver is not FontFiles) GlobalFontSettings.FontResolver = FontFiles.Instance;
    }

    public static void Write(IReadOnlyList<Figure> pages, PdfMetadata metadata, Stream output)
    {
        using var document = new PdfDocument();
        document.Info.Title = metadata.Title;
        document.Info.Author = metadata.Author;
        document.Info.Subject = metadata.Subject;
        document.Info.Keywords = metadata.Keywords;
        document.Info.Creator = "CxPlus";
        document.Info.CreationDate = metadata.Made.UtcDateTime;
        document.Info.ModificationDate = metadata.Made.UtcDateTime;
        var accessibility = UAManager.ForDocument(document); // Lang, MarkInfo, the structure tree, DisplayDocTitle, XMP
        accessibility.SetDocumentLanguage(metadata.Language.Name.Length > 0 ? metadata.Language.Name : "en");
        foreach (var figure in pages)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(figure.Width);
            page.Height = XUnit.FromPoint(figure.Height);
            using var graphics = XGraphics.FromPdfPage(page);
            new PageWriter(graphics, accessibility.StructureBuilder, figure).Write();
        }
        document.Save(output, closeStream: false);
    }

    /// <summary>One page: its furniture as artifacts, then its tags in reading order.</summary>
    private sealed class PageWriter(XGraphics graphics, StructureBuilder structure, Figure figure)
    {
        // Each tag's children by its index; the page's own tags under -1.
        private readonly ILookup<int, FigureTag> _children = figure.Tags.ToLookup(t => t.Parent);

        public void Write()
        {
            // Shapes outside every chart are decoration (a band, a highlighted row, rules): drawn first, beneath the words.
            var charts = figure.Tags.Where(t => t.Role == FigureRole.Chart).ToList();
            structure.BeginArtifact();
            Shapes((of, i) => !charts.Any(c => of(c.Start) <= i && i < of(c.End)));
            structure.End();
            Content(0, figure.Texts.Count, [.. _children[-1]], PdfBlockLevelElementTag.Paragraph);
        }

        /// <summary>
        /// The shapes whose place in their list <paramref name="drawn"/> takes (given how to read a list's count
        /// from a <see cref="FigureMark"/>), in SkiaRenderer's order: rectangles, images, lines, markers.
        /// </summary>
        private void Shapes(Func<Func<FigureMark, int>, int, bool> drawn)
        {
            for (var i = 0; i < figure.Rects.Count; i++) if (drawn(m => m.Rects, i)) Rect(figure.Rects[i]);
            for (var i = 0; i < figure.Images.Count; i++) if (drawn(m => m.Images, i)) Image(figure.Images[i]);
            for (var i = 0; i < figure.Lines.Count; i++) if (drawn(m => m.Lines, i)) Line(figure.Lines[i]);
            for (var i = 0; i < figure.Markers.Count; i++) if (drawn(m => m.Markers, i)) Marker(figure.Markers[i]);
        }

        /// <summary>
        /// The texts from <paramref name="from"/> to <paramref name="to"/>: each child tag where it starts, and each text
        /// between in an element of its own (<paramref name="each"/>: a paragraph, a cell) or, when null, as part of the open one.
        /// </summary>
        private void Content(int from, int to, IReadOnlyList<FigureTag> children, PdfBlockLevelElementTag? each)
        {
            var at = from;
            foreach (var child in children)
            {
                Loose(at, child.Start.Texts, each);
                Tagged(child);
                at = Math.Max(at, child.End.Texts);
            }
            Loose(at, to, each);
        }

        private void Loose(int from, int to, PdfBlockLevelElementTag? each)
        {
            for (var i = from; i < to; i++)
            {
                if (each is { } element) structure.BeginElement(element);
                // Lines of one element are read as one text: a space where a line was wrapped.
                Text(figure.Texts[i], lineFollows: each is null && i < to - 1);
                if (each is not null) structure.End();
            }
        }

        private void Tagged(FigureTag tag)
        {
            var children = _children[tag.Index].ToList();
            switch (tag.Role)
            {
                case FigureRole.Artifact:
                    structure.BeginArtifact();
                    Loose(tag.Start.Texts, tag.End.Texts, null);
                    structure.End();
                    return;
                case FigureRole.Chart:
                    ChartContent(tag);
                    return;
                case FigureRole.ListItem:
                    // The bullet is its label, the rest its body.
                    structure.BeginElement(PdfBlockLevelElementTag.ListItem);
                    var first = tag.Start.Texts;
                    if (first < tag.End.Texts)
                    {
                        structure.BeginElement(PdfBlockLevelElementTag.Label);
                        Text(figure.Texts[first], lineFollows: false);
                        structure.End();
                        structure.BeginElement(PdfBlockLevelElementTag.ListBody);
                        Content(first + 1, tag.End.Texts, children, null);
                        structure.End();
                    }
                    structure.End();
                    return;
            }
            var header = tag.Parent >= 0 && figure.Tags[tag.Parent].Role == FigureRole.HeaderRow;
            structure.BeginElement(tag.Role switch
            {
                FigureRole.Heading1 => PdfBlockLevelElementTag.Heading1,
                FigureRole.Heading2 => PdfBlockLevelElementTag.Heading2,
                FigureRole.Heading3 => PdfBlockLevelElementTag.Heading3,
                FigureRole.List => PdfBlockLevelElementTag.List,
                FigureRole.Table => PdfBlockLevelElementTag.Table,
                FigureRole.HeaderRow or FigureRole.Row => PdfBlockLevelElementTag.TableRow,
                FigureRole.Cell => header ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell,
                _ => PdfBlockLevelElementTag.Paragraph,
            });
            // In a row each text is a cell; in a table or a list, a text astray is a paragraph; in a heading,
            // a paragraph or a cell, its lines are its text.
            Content(tag.Start.Texts, tag.End.Texts, children, tag.Role switch
            {
                FigureRole.HeaderRow => PdfBlockLevelElementTag.TableHeaderCell,
                FigureRole.Row => PdfBlockLevelElementTag.TableDataCell,
                FigureRole.Table or FigureRole.List => PdfBlockLevelElementTag.Paragraph,
                _ => null,
            });
            structure.End();
        }

        /// <summary>A chart: one figure element with its alternative text, holding all it draws.</summary>
        private void ChartContent(FigureTag tag)
        {
            var bounds = Bounds(tag);
            // PDFsharp writes the box as given, and a structure attribute is in PDF space: y up from the page's foot.
            structure.BeginElement(PdfIllustrationElementTag.Figure, tag.Alt ?? "", new XRect(bounds.Left, figure.Height - bounds.Bottom, bounds.Width, bounds.Height));
            Shapes((of, i) => of(tag.Start) <= i && i < of(tag.End));
            for (var i = tag.Start.Texts; i < tag.End.Texts; i++) Text(figure.Texts[i], lineFollows: false);
            structure.End();
        }

        private Box Bounds(FigureTag tag)
        {
            var boxes = new List<Box>();
            for (var i = tag.Start.Rects; i < tag.End.Rects; i++) boxes.Add(figure.Rects[i].Box);
            for (var i = tag.Start.Texts; i < tag.End.Texts; i++) boxes.Add(figure.Texts[i].Bounds);
            for (var i = tag.Start.Lines; i < tag.End.Lines; i++)
            {
                var l = figure.Lines[i];
                boxes.Add(new Box(Math.Min(l.X1, l.X2), Math.Min(l.Y1, l.Y2), Math.Max(l.X1, l.X2), Math.Max(l.Y1, l.Y2)));
            }
            return boxes.Count == 0 ? new Box(0, 0, 0, 0)
                : new Box(boxes.Min(b => b.Left), boxes.Min(b => b.Top), boxes.Max(b => b.Right), boxes.Max(b => b.Bottom));
        }

        private void Rect(FigureRect r)
        {
            var rect = new XRect(r.Box.Left, r.Box.Top, r.Box.Width, r.Box.Height);
            var pen = r.Stroke is { } stroke ? new XPen(Color(stroke), r.StrokeWidth) : null;
            if (r.Radius > 0) graphics.DrawRoundedRectangle(pen, new XSolidBrush(Color(r.Fill)), rect, new XSize(2 * r.Radius, 2 * r.Radius));
            else graphics.DrawRectangle(pen, new XSolidBrush(Color(r.Fill)), rect);
        }

        private void Line(FigureLine l)
        {
            var pen = new XPen(Color(l.Color), l.Width);
            if (l.Dashed)
            {
                pen.DashStyle = XDashStyle.Custom;
                pen.DashPattern = [4 / l.Width, 3 / l.Width]; // PDFsharp counts dashes in pen widths; Skia's are 4 and 3 units
            }
            graphics.DrawLine(pen, l.X1, l.Y1, l.X2, l.Y2);
        }

        private void Marker(FigureMarker m)
        {
            var fill = new XSolidBrush(m.Fill is { } f ? Color(f) : XColors.White);
            var pen = new XPen(Color(m.Stroke), m.StrokeWidth);
            if (m.Diamond)
            {
                // A square turned by 45°, as wide as the circle it stands for (as SkiaRenderer draws it).
                var half = m.Radius * 0.85 * Math.Sqrt(2);
                graphics.DrawPolygon(pen, fill, [new XPoint(m.X, m.Y - half), new XPoint(m.X + half, m.Y), new XPoint(m.X, m.Y + half), new XPoint(m.X - half, m.Y)], XFillMode.Winding);
            }
            else graphics.DrawEllipse(pen, fill, m.X - m.Radius, m.Y - m.Radius, 2 * m.Radius, 2 * m.Radius);
        }

        private void Image((Box Box, byte[] Bytes, bool Svg) image)
        {
            // PDFsharp draws no SVG: Skia draws it at four times its box (PDFsharp embeds an image used on every page once).
            var png = image.Svg ? SkiaRenderer.SvgAsPng(image.Bytes, image.Box.Width, image.Box.Height, 4) : image.Bytes;
            using var stream = new MemoryStream(png);
            XImage picture;
            try { picture = XImage.FromStream(stream); }
            catch (Exception e) when (e is InvalidOperationException or NotImplementedException or ArgumentException) { return; } // an unreadable logo is left out, as Skia did
            using (picture)
            {
                var scale = Math.Min(image.Box.Width / picture.PointWidth, image.Box.Height / picture.PointHeight);
                graphics.DrawImage(picture, image.Box.Left, image.Box.Top, picture.PointWidth * scale, picture.PointHeight * scale);
            }
        }

        private void Text(FigureText t, bool lineFollows)
        {
            var (text, typeface) = VisualText.For(t.Text, t.Bold ? Fonts.Bold : Fonts.Regular);
            if (lineFollows && t.Anchor == TextAnchor.Start) text += " "; // invisible at a line's end, where nothing is aligned
            var font = FontFiles.Instance.Font(typeface, t.Bold, t.Size);
            var format = new XStringFormat
            {
                Alignment = t.Anchor switch { TextAnchor.Middle => XStringAlignment.Center, TextAnchor.End => XStringAlignment.Far, _ => XStringAlignment.Near },
                LineAlignment = XLineAlignment.BaseLine,
            };
            if (t.Halo is { } halo)
            {
                // Stroked as a path, not as text: the text layer (search, copy, screen readers) holds each word once.
                var outline = new XGraphicsPath();
                outline.AddString(text, font.FontFamily, font.Style, t.Size, new XPoint(t.X, t.Baseline), format);
                graphics.DrawPath(new XPen(Color(halo), FigureText.HaloWidth) { LineJoin = XLineJoin.Round }, outline);
            }
            graphics.DrawString(text, font, new XSolidBrush(Color(t.Color)), t.X, t.Baseline, format);
        }
    }

    private static XColor Color(string hex)
    {
        var c = SKColor.Parse(hex);
        return XColor.FromArgb(c.Alpha, c.Red, c.Green, c.Blue);
    }

    /// <summary>
    /// The font files PDFsharp embeds: DejaVu as measured, and a machine font Skia chose for glyphs DejaVu lacks
    /// (<see cref="VisualText"/>), read from the typeface Skia found.
    /// </summary>
    private sealed class FontFiles : IFontResolver
    {
        public static readonly FontFiles Instance = new();
        private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(string Face, double Size), XFont> _fonts = new();
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode); // embedded as subsets of the glyphs used

        private FontFiles()
        {
            _files[Face(Fonts.Regular, false)] = Fonts.Bytes(bold: false);
            _files[Face(Fonts.Bold, true)] = Fonts.Bytes(bold: true);
        }

        private static string Face(SKTypeface typeface, bool bold) => ReferenceEquals(typeface, Fonts.Regular) ? "CxPlus DejaVu Sans"
            : ReferenceEquals(typeface, Fonts.Bold) ? "CxPlus DejaVu Sans Bold" : $"CxPlus fallback {typeface.FamilyName} {typeface.FontStyle.Weight}";

        public XFont Font(SKTypeface typeface, bool bold, double size)
        {
            var face = Face(typeface, bold);
            if (!_files.ContainsKey(face))
            {
                using var stream = typeface.OpenStream(out var index);
                using var data = stream is null || index != 0 ? null : SKData.Create(stream);
                if (data is not null) _files[face] = data.ToArray();
                else return Font(bold ? Fonts.Bold : Fonts.Regular, bold, size); // a collection PDFsharp cannot read: DejaVu's best
            }
            return _fonts.GetOrAdd((face, size), k => new XFont(k.Face, k.Size, XFontStyleEx.Regular, Unicode));
        }

        // Each face is its own family (the bold file included), so PDFsharp never simulates a style.
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => _files.ContainsKey(familyName) ? new FontResolverInfo(familyName) : null;

        public byte[]? GetFont(string faceName) => _files.TryGetValue(faceName, out var bytes) ? bytes : null;
    }
}
