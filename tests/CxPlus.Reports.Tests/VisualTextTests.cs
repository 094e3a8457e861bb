using CxPlus.Reports.Charts;
using CxPlus.Reports.Drawing;
using SkiaSharp;
using UglyToad.PdfPig;

namespace CxPlus.Reports.Tests;

/// <summary>
/// Names in any script render as a reader reads them in the PDF and the deck's images (issue #25:
/// a Hebrew or Arabic name came out reversed in the footer, a fullwidth one as empty boxes).
/// </summary>
public sealed class VisualTextTests
{
    /// <summary>One figure drawn into a one-page PDF, read back letter by letter with each letter's place.</summary>
    private static IReadOnlyList<(string Letter, double X)> Drawn(string text)
    {
        var figure = new Figure(500, 60);
        figure.Text(text, 10, 30, 12, Palette.Ink);
        using var pdf = new MemoryStream();
        using (var document = SKDocument.CreatePdf(pdf))
        {
            var canvas = document.BeginPage(500, 60);
            SkiaRenderer.Draw(canvas, figure);
            document.EndPage();
            document.Close();
        }
        using var read = PdfDocument.Open(pdf.ToArray());
        return [.. read.GetPage(1).Letters.Select(l => (l.Value, l.BoundingBox.Left))];
    }

    [Fact]
    public void A_hebrew_name_reads_right_to_left_inside_an_english_line()
    {
        // "CxPlus · בנק לאומי · W1": the footer's pattern. The name's first letter (בּ) stands at its right end.
        var letters = Drawn("CxPlus \u00B7 \u05D1\u05E0\u05E7 \u05DC\u05D0\u05D5\u05DE\u05D9 \u00B7 W1");

        double X(string letter) => letters.First(l => l.Letter == letter).X;
        X("\u05D1").Should().BeGreaterThan(X("\u05D9"), "bet, the first letter, is drawn right of yod, the last");
        X("\u05D1").Should().BeGreaterThan(X("\u05E7"), "and right of the first word's last letter");
        X("C").Should().BeLessThan(X("\u05D9"), "the English line still runs left to right");
        X("W").Should().BeGreaterThan(X("\u05D1"));
    }

    [Fact]
    public void A_wrapped_line_that_starts_with_a_hebrew_word_still_reads_left_to_right()
    {
        // A report's sentence wrapped after "בנק": its next line began with "לאומי" and came out turned around.
        var letters = Drawn("\u05DC\u05D0\u05D5\u05DE\u05D9: the data cannot separate them.");

        double X(string letter) => letters.First(l => l.Letter == letter).X;
        X("\u05DC").Should().BeLessThan(X("t"), "the Hebrew word stays where the line starts, at the left");
        X("\u05DC").Should().BeGreaterThan(X("\u05D9"), "and reads right to left within itself");
    }

    [Fact]
    public void An_arabic_name_is_drawn_in_joined_forms_right_to_left()
    {
        var (text, _) = VisualText.For("\u0628\u0646\u0643", Fonts.Regular); // "بنك", bank
        text.Should().HaveLength(3);
        text.Should().NotContain("\u0628", "the letters take their joined (presentation) forms");
        text[2].Should().Be('\uFE91', "beh, the first letter, in its initial form, drawn rightmost");
    }

    [Fact]
    public void A_fullwidth_name_is_drawn_with_glyphs_never_empty_boxes()
    {
        var (text, typeface) = VisualText.For("\uFF22\uFF21\uFF2E\uFF2B Plus", Fonts.Regular);

        using var font = new SKFont(typeface);
        font.GetGlyphs(text).Should().NotContain((ushort)0, "every character has a glyph in the font it is drawn with");
        text.Normalize(System.Text.NormalizationForm.FormKC).Should().Be("BANK Plus");
    }

    [Fact]
    public void Left_to_right_text_is_left_as_it_is()
    {
        VisualText.Ordered("Банк Один · Τράπεζα · A/B").Should().Be("Банк Один · Τράπεζα · A/B");
    }
}
