using System.Text.RegularExpressions;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using A = DocumentFormat.OpenXml.Drawing;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace CxPlus.Reports.Tests;

/// <summary>
/// Issue #26: the PDF, the deck, the workbook and the CSV take every word from the resource files. In
/// the pseudo-language (every text wrapped in « » and accented, scripts/pseudo-language.sh) a plain
/// English word in a file is data (a name, a code) or a text that bypassed the resource files.
/// </summary>
public sealed partial class PseudoLanguageReportTests(WorkedExampleDatabase store) : IClassFixture<WorkedExampleDatabase>
{
    private const string Pseudo = "qps-ploc";

    private static readonly HashSet<string> Data =
    [
        .. new[] { "Bank A", "Bank B", "Bank C", "Retail Banking", "worked-example.csv" }.Concat(SuccessFactors.All.Select(f => f.DisplayName()))
            .SelectMany(n => PlainWord().Matches(n).Select(m => m.Value)),
        // Product names, units and codes, not words of a language.
        "CX", "NPS", "CSAT", "CES", "KEI", "CEE", "UTC", "PDF", "CSV", "Excel", "PowerPoint", "Q3", "qps", "ploc", "Qps", "Ploc", "CxPlus",
    ];

    private static IEnumerable<string> Untranslated(IEnumerable<string> texts) =>
        texts.Where(t => PlainWord().Matches(t).Any(m => !Data.Contains(m.Value))).Distinct();

    [Fact]
    public async Task The_pdf_and_the_deck_take_every_word_from_the_resource_files()
    {
        var data = await BrandReportData.LoadAsync(store.Queries, "Retail Banking", "2026-Q3", "Bank A");
        using var pdfBytes = new MemoryStream();
        using var deckBytes = new MemoryStream();
        using (new CultureScope(Pseudo))
        {
            BrandReport.Write(data, pdfBytes, DateTimeOffset.UtcNow);
            BrandDeck.Write(data, deckBytes, DateTimeOffset.UtcNow);
        }

        using var pdf = PdfDocument.Open(pdfBytes.ToArray());
        var pdfText = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).Append(pdf.Information.Title ?? "").ToList();
        pdfText.Should().Contain(w => w.Contains('«'), "the report is in the pseudo-language");
        Untranslated(pdfText).Should().BeEmpty("every word of the PDF comes from the resource files or is data");
        using var deck = PresentationDocument.Open(new MemoryStream(deckBytes.ToArray()), false);
        var deckText = deck.PresentationPart!.SlideParts.SelectMany(s => s.Slide.Descendants<A.Text>()).Select(t => t.Text).ToList();
        deckText.Should().Contain(w => w.Contains('«'));
        Untranslated(deckText).Should().BeEmpty("every word of the deck comes from the resource files or is data");
    }

    [Fact]
    public async Task The_workbook_and_the_csv_take_every_word_from_the_resource_files()
    {
        var table = await store.Queries.LeagueAsync("Retail Banking", "2026-Q3");
        var history = await store.Queries.HistoryAsync("Retail Banking");
        using var workbookBytes = new MemoryStream();
        string csv;
        using (new CultureScope(Pseudo))
        {
            LeagueWorkbook.Write(table, history, workbookBytes);
            csv = LeagueCsv.ToCsv(table);
        }

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(workbookBytes.ToArray()), false);
        var cells = workbook.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<S.Text>()).Select(t => t.Text)
            .Concat(workbook.WorkbookPart.Workbook.Sheets!.Elements<S.Sheet>().Select(s => s.Name!.Value!)).ToList();
        cells.Should().Contain(c => c.Contains('«'));
        Untranslated(cells).Should().BeEmpty("every word of the workbook comes from the resource files or is data");
        Untranslated(csv.Split('\n')).Should().BeEmpty("every word of the CSV comes from the resource files or is data");
    }

    /// <summary>A word of plain ASCII letters, not part of a longer word with accented letters.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{M}])[A-Za-z]{2,}(?![\p{L}\p{M}])")]
    private static partial Regex PlainWord();
}
