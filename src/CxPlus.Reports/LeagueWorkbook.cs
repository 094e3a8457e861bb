using System.Globalization;
using CxPlus.Reports.Charts;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CxPlus.Reports;

/// <summary>
/// A sector's league table as the Excel workbook consultants take away (DocumentFormat.OpenXml), in
/// the reader's language: a sheet per table (League, Factors, Trend, Settings), headers in words
/// (the League sheet's from <see cref="LeagueColumns"/>, as the CSV's), numbers stored as numbers,
/// unrounded, shown to one decimal (the index and counts whole), the header row frozen. Text cells are
/// text, never formulas; Excel shows the numbers with the reader's own decimal separator.
/// </summary>
public static class LeagueWorkbook
{
    private enum Format : uint { Text = 0, OneDecimal = 1, Whole = 2, Percent = 3, Header = 4, Probability = 5 }

    private static Format Of(ColumnFormat format) => format switch
    {
        ColumnFormat.OneDecimal => Format.OneDecimal,
        ColumnFormat.Whole => Format.Whole,
        ColumnFormat.Probability => Format.Probability,
        _ => Format.Text,
    };

    private static string T(string key) => Texts.Get(key);

    /// <param name="table">The wave's table.</param>
    /// <param name="history">The sector's table in every wave (oldest first), for the Trend sheet.</param>
    /// <param name="output">Where the .xlsx goes.</param>
    public static void Write(LeagueTable table, IReadOnlyList<LeagueTable> history, Stream output) =>
        Data.CxPlusMetrics.TimeReport("xlsx", () => WriteWorkbook(table, history, output));

    private static void WriteWorkbook(LeagueTable table, IReadOnlyList<LeagueTable> history, Stream output)
    {
        var level = Display.Percent(table.Settings.ConfidenceLevel);
        string Low(string name) => Texts.Format("LeagueColumn.low", name, level);
        string High(string name) => Texts.Format("LeagueColumn.high", name, level);
        var factors = new List<(string Header, Format Format, Func<LeagueRow, object?> Value)>
        {
            (T("LeagueColumn.brand"), Format.Text, r => r.Brand),
            (T("LeagueColumn.eligible"), Format.Text, r => r.Eligible),
        };
        foreach (var f in SuccessFactors.All)
            factors.AddRange([
                (Texts.Format("Workbook.FactorCustomers", f.DisplayName()), Format.OneDecimal, r => r.Result.FactorGaps[(int)f].Customer?.Value),
                (Texts.Format("Workbook.FactorProspects", f.DisplayName()), Format.OneDecimal, r => r.Result.FactorGaps[(int)f].Prospect?.Value),
                (Texts.Format("Workbook.FactorGap", f.DisplayName()), Format.OneDecimal, r => r.Result.FactorGaps[(int)f].Gap?.Value),
                (Texts.Format("Workbook.FactorGapSignificant", f.DisplayName()), Format.Text, r => r.Result.FactorGaps[(int)f].Gap?.ExcludesZero),
            ]);

        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();

        Sheet(workbook, T("Workbook.League"), [.. LeagueColumns.All.Select(c => (c.Header(table.Settings), Of(c.Format)))],
            table.Rows.Select(r => LeagueColumns.All.Select(c => c.Value(table, r)).ToArray()));
        var averages = FactorProfileChart.SectorAverages(table);
        // A member's view (issue 27) holds factor detail of its own brands only: the others' rows would be empty.
        var detailed = table.PublishedFactors is null ? table.Rows : table.Rows.Where(r => r.Result.Customers.Factors.Any(f => f.Score is not null));
        Sheet(workbook, T("Workbook.Factors"), [.. factors.Select(c => (c.Header, c.Format))],
            detailed.Select(r => factors.Select(c => c.Value(r)).ToArray())
                .Append([T("Workbook.SectorAverageCustomers"), null, .. averages.SelectMany(a => new object?[] { a, null, null, null })]));
        var score = T("LeagueColumn.cx_score");
        Sheet(workbook, T("Workbook.Trend"),
            [(T("LeagueColumn.wave"), Format.Text), (T("LeagueColumn.brand"), Format.Text), (T("LeagueColumn.rank"), Format.Whole), (score, Format.OneDecimal),
             (Low(score), Format.OneDecimal), (High(score), Format.OneDecimal), (T("LeagueColumn.performance"), Format.OneDecimal),
             (T("LeagueColumn.expectation"), Format.OneDecimal), (T("LeagueColumn.gap"), Format.OneDecimal),
             (T("LeagueColumn.cx_index"), Format.Whole), (T("Workbook.SectorAverage"), Format.OneDecimal)],
            history.SelectMany(t => t.Rows.Select(r => new object?[] { t.Wave, r.Brand, r.Rank, r.Result.Score?.Value, r.Result.Score?.Low, r.Result.Score?.High,
                r.Result.Performance?.Value, r.Result.Expectation?.Value, r.Result.Gap?.Value, r.Index?.Value, t.Average })));
        var s = table.Settings;
        Sheet(workbook, T("Workbook.Settings"), [(T("Workbook.Setting"), Format.Text), (T("Workbook.Value"), Format.Text)],
        [
            [T("LeagueColumn.sector"), table.Sector], [T("LeagueColumn.wave"), table.Wave], [T("LeagueColumn.previous_wave"), table.PreviousWave ?? ""],
            .. SegmentRows(table),
            [T("Workbook.SectorAverage"), table.Average], [T("Workbook.Scale"), $"{s.ScaleMin}..{s.ScaleMax}"],
            [T("Workbook.FactorWeights"), string.Join("/", s.FactorWeights.Select(w => w.ToString(CultureInfo.CurrentCulture)))], [T("Workbook.Cap"), s.Cap],
            [T("Workbook.MinCustomers"), s.MinCustomers], [T("Workbook.MinProspects"), s.MinProspects], [T("Workbook.MinEffectiveShare"), s.MinEffectiveShare],
            [T("Workbook.ConfidenceLevel"), s.ConfidenceLevel],
            [T("Workbook.WhoCanLead"), LeagueReading.List(table.Leaders)],
            [T("Workbook.WhoCanBeLast"), LeagueReading.List(table.CanBeLast)],
            [T("LeagueColumn.score_change_significant"), LeagueReading.MovementNote(s)],
            [T("Workbook.Rounding"), T("Workbook.RoundingValue")],
            [T("Workbook.Language"), Languages.NativeName(CultureInfo.CurrentUICulture.Name.Length > 0 ? CultureInfo.CurrentUICulture : CultureInfo.GetCultureInfo("en"))],
        ]);
        PrintSetup(workbook, table.Sector, table.Wave);
        workbook.Workbook.Save();
    }

    /// <summary>Step 26: which segment view the workbook holds, and whose expectation is that of all prospects; nothing for the whole brands.</summary>
    private static IEnumerable<object?[]> SegmentRows(LeagueTable table)
    {
        if (table.Segment is not { } cut) yield break;
        yield return [T("Picker.Segment"), $"{cut.Segment}: {cut.Category}"];
        yield return ["", LeagueReading.SegmentNote(table)];
    }

    /// <summary>A Six Pillars or KEI table as a workbook: the lens's sheet (headers in words), its drivers when it has them, and the settings.</summary>
    public static void WriteLens(LensTable table, DriverResult? drivers, Stream output)
    {
        var level = Display.Percent(table.Settings.ConfidenceLevel);
        string H(string key) => Texts.Format($"LeagueColumn.{key}", level);
        var score = Texts.ScoreName(table.Lens);
        (string Header, Format Format)[] headers =
        [
            (H("rank"), Format.Whole), (H("rank_low"), Format.Whole), (H("rank_high"), Format.Whole), (H("brand"), Format.Text),
            (H("eligible"), Format.Text), (H("reason"), Format.Text), (H("n_customers"), Format.Whole),
            (score, Format.OneDecimal), (Texts.Format("LeagueColumn.low", score, level), Format.OneDecimal), (Texts.Format("LeagueColumn.high", score, level), Format.OneDecimal),
            .. table.Lens == Lens.Cee ? new[] { (T("Workbook.CeeIndex"), Format.Whole), (H("cx_index_low"), Format.Whole), (H("cx_index_high"), Format.Whole) } : [],
            (H("vs_average"), Format.OneDecimal), (H("vs_average_position"), Format.Text),
            .. table.Items.Select(i => (table.Lens == Lens.Kei ? Texts.Format("Workbook.Net", Texts.Item(i.Key, i.Name)) : Texts.Item(i.Key, i.Name), Format.OneDecimal)),
        ];
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();
        object?[] Values(LensRow r) =>
        [
            r.Rank, r.RankRange?.Low, r.RankRange?.High, r.Brand, r.Eligible, Texts.Reason(r, table.Lens), r.N,
            r.Score?.Value, r.Score?.Low, r.Score?.High,
            .. table.Lens == Lens.Cee ? new object?[] { r.Index?.Value, r.Index?.Low, r.Index?.High } : [],
            r.VersusAverage?.Difference.Value, Display.Position(r.VersusAverage?.Position) is { Length: > 0 } p ? p : null,
            .. r.Items.Select(i => (object?)i?.Value),
        ];
        Sheet(workbook, Texts.Lens(table.Lens), headers, table.Rows.Select(Values));
        if (drivers is { Estimable: true })
            Sheet(workbook, T("Workbook.PillarImportance"),
                [(T("Workbook.Pillar"), Format.Text), (T("Workbook.Importance"), Format.OneDecimal), (Texts.Format("LeagueColumn.low", "", level).Trim(), Format.OneDecimal), (Texts.Format("LeagueColumn.high", "", level).Trim(), Format.OneDecimal)],
                drivers.Predictors.Select(d => new object?[] { Texts.Item(d.Key, d.Name), d.Importance.Value, d.Importance.Low, d.Importance.High })
                    .Append([Texts.Format("Workbook.PillarFit", drivers.RSquared!.Value.ToString("0.000", CultureInfo.CurrentCulture), drivers.N), null, null, null]));
        var s = table.Settings;
        Sheet(workbook, T("Workbook.Settings"), [(T("Workbook.Setting"), Format.Text), (T("Workbook.Value"), Format.Text)],
        [
            [T("LeagueColumn.sector"), table.Sector], [T("LeagueColumn.wave"), table.Wave], [T("LeagueColumn.lens"), Texts.Lens(table.Lens)],
            .. table.Segment is { } cut ? [[T("Picker.Segment"), $"{cut.Segment}: {cut.Category}"]] : Array.Empty<object?[]>(),
            [Texts.Format("Workbook.SectorAverageOf", score), table.Average],
            [T("Workbook.Scale"), $"{s.ScaleMin}..{s.ScaleMax}"], [T("Workbook.PillarWeights"), string.Join("/", s.PillarWeights.Select(w => w.ToString(CultureInfo.CurrentCulture)))],
            [T("Workbook.MinCustomers"), s.MinCustomers],
            [T("Workbook.ConfidenceLevel"), s.ConfidenceLevel], [T("Workbook.Rounding"), T("Workbook.RoundingValue")],
        ]);
        PrintSetup(workbook, table.Sector, table.Wave);
        workbook.Workbook.Save();
    }

    private static void Sheet(WorkbookPart workbook, string name, IReadOnlyList<(string Header, Format Format)> columns, IEnumerable<object?[]> values)
    {
        var rows = values.ToList();
        // Each column as wide as its header or its longest text (a brand's name is not cut), within reason.
        int Width(int i) => Math.Clamp(rows.Select(r => i < r.Length && r[i] is string text ? text.Length : 0).Append(columns[i].Header.Length).Max() + 2, 9, 40);
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        data.Append(new Row(columns.Select(c => Cell(c.Header, Format.Header))) { RowIndex = 1 });
        uint index = 2;
        foreach (var row in rows)
            data.Append(new Row(row.Select((v, i) => Cell(v, v is string ? Format.Text : i < columns.Count ? columns[i].Format : Format.Text))) { RowIndex = index++ });
        part.Worksheet = new Worksheet(
            // The header row stays in view while scrolling.
            new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft }) { WorkbookViewId = 0 }),
            new Columns(columns.Select((c, i) => new DocumentFormat.OpenXml.Spreadsheet.Column
            {
                Min = (uint)(i + 1), Max = (uint)(i + 1), CustomWidth = true, Width = Width(i),
            })),
            data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(sheets.Count() + 1), Name = name });
    }

    private static Cell Cell(object? value, Format format) => value switch
    {
        null => new Cell(),
        string text => new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = (uint)(format == Format.Header ? Format.Header : Format.Text) },
        bool b => new Cell(new InlineString(new Text(Display.YesNo(b)))) { DataType = CellValues.InlineString },
        IConvertible number => new Cell(new CellValue(Convert.ToDouble(number, CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = (uint)format },
        _ => new Cell(new InlineString(new Text(value.ToString() ?? ""))) { DataType = CellValues.InlineString },
    };

    /// <summary>
    /// Every sheet prints as a consultant hands it over: landscape A4, the header row repeated on
    /// every page, and a footer with the sector, the wave and the page (Excel and LibreOffice both
    /// honour these). A sheet up to <see cref="PrintableWidth"/> characters wide prints one page
    /// wide; a wider one (the League sheet's 57 columns would shrink to unreadable 4-point type on
    /// one page) prints as few pages wide as keep it readable, the columns up to the brand repeated
    /// on each, so every page says whose numbers it shows.
    /// </summary>
    private static void PrintSetup(WorkbookPart workbook, string sector, string wave)
    {
        // In a header or footer "&" starts a code: a name's own is written "&&".
        static string Literal(string text) => text.Replace("&", "&&", StringComparison.Ordinal);
        var brand = T("LeagueColumn.brand");
        var names = new DefinedNames();
        uint index = 0;
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
            var width = worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Column>().Sum(c => c.Width?.Value ?? 9);
            var pages = (uint)Math.Max(1, Math.Ceiling(width / PrintableWidth));
            worksheet.InsertAt(new SheetProperties(new PageSetupProperties { FitToPage = true }), 0);
            worksheet.Append(
                new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = pages, FitToHeight = 0 },
                new HeaderFooter(new OddFooter($"&L{Literal($"{sector} — {wave}")}&R{Texts.Format("Workbook.Page", "&P", "&N")}")));
            var quoted = $"'{sheet.Name!.Value!.Replace("'", "''", StringComparison.Ordinal)}'";
            var headers = worksheet.Descendants<Row>().First().Elements<Cell>().Select(c => c.InnerText).ToList();
            var repeat = headers.IndexOf(brand);
            var columns = pages > 1 && repeat is >= 0 and < 5 ? $"{quoted}!$A:${(char)('A' + repeat)}," : "";
            names.Append(new DefinedName($"{columns}{quoted}!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = index++ });
        }
        workbook.Workbook.Append(names);
    }

    /// <summary>The column widths (in characters) that one landscape A4 page shows at a readable size (about 7-point type).</summary>
    private const double PrintableWidth = 220;

    /// <summary>Cell formats by <see cref="Format"/>: general, 0.0, 0, 0%, bold header, 0.0000.</summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0000" }) { Count = 2 },
        // One sans font, named: without a name LibreOffice falls back to a serif (Arial is Liberation Sans there, metric for metric).
        new Fonts(new Font(new FontSize { Val = 10 }, new FontName { Val = "Arial" }, new FontFamilyNumbering { Val = 2 }),
            new Font(new Bold(), new FontSize { Val = 10 }, new FontName { Val = "Arial" }, new FontFamilyNumbering { Val = 2 })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 1, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 9, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }) { Count = 6 });
}
