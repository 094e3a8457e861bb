using SkiaSharp;

namespace CxPlus.Reports.Drawing;

/// <summary>Draws a <see cref="Figure"/> on a Skia canvas: a PDF page, or a PNG for the PowerPoint deck.</summary>
public static class SkiaRenderer
{
    public static void Draw(SKCanvas canvas, Figure figure, double dx = 0, double dy = 0)
    {
        canvas.Save();
        canvas.Translate((float)dx, (float)dy);
        foreach (var r in figure.Rects)
        {
            var rect = new SKRect((float)r.Box.Left, (float)r.Box.Top, (float)r.Box.Right, (float)r.Box.Bottom);
            using (var fill = new SKPaint { Color = Color(r.Fill), IsAntialias = true })
                canvas.DrawRoundRect(rect, (float)r.Radius, (float)r.Radius, fill);
            if (r.Stroke is { } stroke)
            {
                using var paint = new SKPaint { Color = Color(stroke), Style = SKPaintStyle.Stroke, StrokeWidth = (float)r.StrokeWidth, IsAntialias = true };
                canvas.DrawRoundRect(rect, (float)r.Radius, (float)r.Radius, paint);
            }
        }
        foreach (var (box, image, svg) in figure.Images) Image(canvas, box, image, svg);
        foreach (var l in figure.Lines)
        {
            using var paint = new SKPaint { Color = Color(l.Color), StrokeWidth = (float)l.Width, IsAntialias = true, Style = SKPaintStyle.Stroke };
            if (l.Dashed) paint.PathEffect = SKPathEffect.CreateDash([4, 3], 0);
            canvas.DrawLine((float)l.X1, (float)l.Y1, (float)l.X2, (float)l.Y2, paint);
        }
        foreach (var m in figure.Markers)
        {
            using var fill = new SKPaint { Color = m.Fill is { } f ? Color(f) : SKColors.White, IsAntialias = true };
            using var stroke = new SKPaint { Color = Color(m.Stroke), Style = SKPaintStyle.Stroke, StrokeWidth = (float)m.StrokeWidth, IsAntialias = true };
            if (m.Diamond)
            {
                // A square turned by 45°, as wide as the circle it stands for.
                var half = (float)(m.Radius * 0.85);
                canvas.Save();
                canvas.Translate((float)m.X, (float)m.Y);
                canvas.RotateDegrees(45);
                canvas.DrawRect(-half, -half, 2 * half, 2 * half, fill);
                canvas.DrawRect(-half, -half, 2 * half, 2 * half, stroke);
                canvas.Restore();
            }
            else
            {
                canvas.DrawCircle((float)m.X, (float)m.Y, (float)m.Radius, fill);
                canvas.DrawCircle((float)m.X, (float)m.Y, (float)m.Radius, stroke);
            }
        }
        foreach (var t in figure.Texts)
        {
            // Right-to-left runs in display order, and a font that has every glyph (VisualText).
            var (text, typeface) = VisualText.For(t.Text, t.Bold ? Fonts.Bold : Fonts.Regular);
            using var font = Fonts.Font(typeface, t.Size);
            using var paint = new SKPaint { Color = Color(t.Color), IsAntialias = true };
            var align = t.Anchor switch { TextAnchor.Middle => SKTextAlign.Center, TextAnchor.End => SKTextAlign.Right, _ => SKTextAlign.Left };
            if (t.Halo is { } halo)
            {
                // Stroked as a path, not as text: a PDF's text layer (search, copy) must hold each word once.
                var width = font.MeasureText(text);
                var left = (float)t.X - align switch { SKTextAlign.Center => width / 2, SKTextAlign.Right => width, _ => 0 };
                using var outline = font.GetTextPath(text, new SKPoint(left, (float)t.Baseline));
                using var haloPaint = new SKPaint { Color = Color(halo), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = (float)FigureText.HaloWidth, StrokeJoin = SKStrokeJoin.Round };
                canvas.DrawPath(outline, haloPaint);
            }
            canvas.DrawText(text, (float)t.X, (float)t.Baseline, align, font, paint);
        }
        canvas.Restore();
    }

    /// <summary>The figure as a PNG, <paramref name="scale"/> pixels per figure unit.</summary>
    public static byte[] Png(Figure figure, double scale = 2)
    {
        var info = new SKImageInfo((int)Math.Ceiling(figure.Width * scale), (int)Math.Ceiling(figure.Height * scale));
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale((float)scale);
        Draw(surface.Canvas, figure);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }

    /// <summary>An SVG (a logo) as a PNG of <paramref name="width"/> × <paramref name="height"/> figure units, <paramref name="scale"/> pixels per unit: for what draws no SVG (PDFsharp, PowerPoint's pictures).</summary>
    public static byte[] SvgAsPng(byte[] svg, double width, double height, double scale)
    {
        var figure = new Figure(width, height);
        figure.Images.Add((Box.At(0, 0, width, height), svg, true));
        return Png(figure, scale);
    }

    private static void Image(SKCanvas canvas, Box box, byte[] bytes, bool svg)
    {
        var target = new SKRect((float)box.Left, (float)box.Top, (float)box.Right, (float)box.Bottom);
        if (svg)
        {
            using var document = new Svg.Skia.SKSvg();
            using var stream = new MemoryStream(bytes);
            if (document.Load(stream) is not { } picture) return;
            var bounds = picture.CullRect;
            var fit = Math.Min(target.Width / bounds.Width, target.Height / bounds.Height);
            canvas.Save();
            canvas.Translate(target.Left, target.Top);
            canvas.Scale(fit);
            canvas.Translate(-bounds.Left, -bounds.Top);
            canvas.DrawPicture(picture);
            canvas.Restore();
            return;
        }
        using var bitmap = SKBitmap.Decode(bytes);
        if (bitmap is null) return;
        var scale = Math.Min(target.Width / bitmap.Width, target.Height / bitmap.Height);
        var drawn = SKRect.Create(target.Left, target.Top, bitmap.Width * scale, bitmap.Height * scale);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, drawn, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    }

    public static SKColor Color(string hex) => SKColor.Parse(hex);
}
