using System.Globalization;
using CxPlus.Scoring.Tests;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace CxPlus.Reports.Tests;

/// <summary>
/// Issue 31: the workbook prints as it is handed over — every sheet landscape, one page wide, its
/// header row on every page, a footer with the sector, the wave and the page — in one sans font.
/// </summary>
public class WorkbookPrintTests
{
    private static SpreadsheetDocument Workbook(string culture)
    {
        // A sector whose name holds "&", which a footer would otherwise read as the start of a code.
        var table = PriorityTests.Table() with { Sector = "Tallis & Co" };
        var bytes = new MemoryStream();
        using (new CultureScope(CultureInfo.GetCultureInfo(culture))) LeagueWorkbook.Write(table, [table], bytes);
        return SpreadsheetDocument.Open(new MemoryStream(bytes.ToArray()), false);
    }

    [Theory]
    [InlineData("en-GB", "page &P of &N")]
    [InlineData("nl-NL", "pagina &P van &N")]
    public void Every_sheet_prints_landscape_one_page_wide_with_its_header_on_each_page_and_a_footer(string culture, string page)
    {
        using var document = Workbook(culture);

        new OpenXmlValidator().Validate(document).Select(e => e.Description).Should().BeEmpty();
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        sheets.Should().HaveCount(4);
        var titles = workbook.Workbook.DefinedNames!.Elements<DefinedName>().Where(d => d.Name == "_xlnm.Print_Titles").ToList();
        titles.Select(t => t.LocalSheetId!.Value).Should().Equal(0u, 1u, 2u, 3u);
        var (league, trend, settings) = (titles[0].Text, titles[2].Text, titles[3].Text);
        // The League sheet's 57 columns print several pages wide, each page with the columns up to the brand.
        league.Should().MatchRegex(@"^'[^']+'!\$A:\$D,'[^']+'!\$1:\$1$");
        settings.Should().MatchRegex(@"^'[^']+'!\$1:\$1$");
        var pagesWide = new List<uint>();
        foreach (var sheet in sheets)
        {
            var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
            worksheet.SheetProperties!.PageSetupProperties!.FitToPage!.Value.Should().BeTrue(sheet.Name);
            var setup = worksheet.Elements<PageSetup>().Single();
            (setup.Orientation!.Value, setup.FitToHeight!.Value, setup.PaperSize!.Value).Should().Be((OrientationValues.Landscape, 0u, 9u));
            pagesWide.Add(setup.FitToWidth!.Value);
            worksheet.Elements<HeaderFooter>().Single().OddFooter!.Text.Should().Be($"&LTallis && Co — W&R{page}");
        }
        pagesWide[0].Should().BeGreaterThan(1, "57 columns on one page would be 4-point type");
        (pagesWide[2], pagesWide[3]).Should().Be((1u, 1u), "the trend and the settings fit one page wide");
        trend.Should().NotContain("$A:", "a sheet one page wide repeats only its header row");
        workbook.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().Should().OnlyContain(f => f.FontName!.Val! == "Arial");
    }
}
