using SkiaSharp;

namespace CxPlus.Reports.Drawing;

/// <summary>
/// DejaVu Sans (regular and bold), embedded in the PDF, served to the browser and used for every
/// measurement, so a text laid out here is the width it is drawn at everywhere. It covers Latin,
/// Greek and Cyrillic.
/// </summary>
public static class Fonts
{
    public static readonly SKTypeface Regular = Load("DejaVuSans.ttf");
    public static readonly SKTypeface Bold = Load("DejaVuSans-Bold.ttf");

    /// <summary>The family name the browser's @font-face declares for the same files.</summary>
    public const string Family = "DejaVu Sans";

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(Fonts).Assembly.GetManifestResourceStream($"CxPlus.Reports.Fonts.{file}")
            ?? throw new InvalidOperationException($"Font resource {file} is missing.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"Font {file} could not be read.");
    }

    /// <summary>The font's raw bytes (for the browser and the PowerPoint images).</summary>
    public static byte[] Bytes(bool bold)
    {
        using var stream = typeof(Fonts).Assembly.GetManifestResourceStream($"CxPlus.Reports.Fonts.{(bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf")}")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// A font at a size, measured and drawn with its outlines' own advances (no hinting, subpixel
    /// positions): what the browser and the PDF draw. Skia's default hints advances to whole pixels,
    /// which made a 30-letter legend 146 units wide where Chromium drew it 152.
    /// </summary>
    public static SKFont Font(SKTypeface typeface, double size) =>
        new(typeface, (float)size) { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true };

    public static double Width(string text, double size, bool bold = false)
    {
        using var font = Font(bold ? Bold : Regular, size);
        return font.MeasureText(text);
    }

    /// <summary>Ascent above and descent below the baseline, as positive numbers.</summary>
    public static (double Ascent, double Descent) Extent(double size, bool bold = false)
    {
        using var font = Font(bold ? Bold : Regular, size);
        var m = font.Metrics;
        return (-m.Ascent, m.Descent);
    }

    /// <summary>A measured text: its box from its anchor point and baseline.</summary>
    public static FigureText Place(string text, double x, double baseline, double size, bool bold, TextAnchor anchor, string color)
    {
        var width = Width(text, size, bold);
        // The box a reader sees: cap height above the baseline, descenders below (DejaVu: 0.73 and 0.24 em).
        var left = anchor switch { TextAnchor.Middle => x - width / 2, TextAnchor.End => x - width, _ => x };
        return new FigureText(text, x, baseline, size, bold, anchor, color, new Box(left, baseline - 0.76 * size, left + width, baseline + 0.24 * size));
    }
}
