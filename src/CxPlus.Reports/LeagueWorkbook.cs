using System.Globalization;
using CxPlus.Reports.Charts;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CxPlus.Reports;

/// <summary>
/// A sector's league table as the Excel workbook consultants take away (DocumentFormat.OpenXml):
/// a sheet per table (League, Factors, Trend, Settings), headers in words ("CX+ score",
/// "95 % low"), numbers stored as numbers with one decimal shown (the index and counts whole),
/// the header row frozen. Text cells are text, never formulas.
/// </summary>
public static class LeagueWorkbook
{
    private enum Format : uint { Text = 0, OneDecimal = 1, Whole = 2, Percent = 3, Header = 4, Probability = 5 }

    private sealed record Column(string Header, Func<LeagueRow, object?> Value, Format Format = Format.OneDecimal);

    /// <param name="table">The wave's table.</param>
    /// <param name="history">The sector's table in every wave (oldest first), for the Trend sheet.</param>
    /// <param name="output">Where the .xlsx goes.</param>
    public static void Write(LeagueTable table, IReadOnlyList<LeagueTable> history, Stream output)
    {
        var level = table.Settings.ConfidenceLevel.ToString("P0", CultureInfo.InvariantCulture);
        static double? D(double? v) => v;
        Column[] league =
        [
            new("Rank", r => r.Rank, Format.Whole),
            new($"Rank, best ({level})", r => r.RankRange?.Low, Format.Whole),
            new($"Rank, worst ({level})", r => r.RankRange?.High, Format.Whole),
            new("Brand", r => r.Brand, Format.Text),
            new("Ranked", r => r.Eligible ? "yes" : "no", Format.Text),
            new("Why not ranked", r => r.Reason, Format.Text),
            new("Customers (n)", r => r.Result.Customers.N, Format.Whole),
            new("Prospects (n)", r => r.Result.Prospects.N, Format.Whole),
            new("CX+ index", r => D(r.Index?.Value), Format.Whole),
            new($"Index {level} low", r => D(r.Index?.Low), Format.Whole),
            new($"Index {level} high", r => D(r.Index?.High), Format.Whole),
            new("CX+ score", r => D(r.Result.Score?.Value)),
            new($"CX+ {level} low", r => D(r.Result.Score?.Low)),
            new($"CX+ {level} high", r => D(r.Result.Score?.High)),
            new("vs sector average (points)", r => D(r.VersusAverage?.Difference.Value)),
            new($"vs average {level} low", r => D(r.VersusAverage?.Difference.Low)),
            new($"vs average {level} high", r => D(r.VersusAverage?.Difference.High)),
            new("Position", r => Display.Position(r.VersusAverage?.Position) is { Length: > 0 } p ? p : null, Format.Text),
            new("Performance", r => D(r.Result.Performance?.Value)),
            new($"Performance {level} low", r => D(r.Result.Performance?.Low)),
            new($"Performance {level} high", r => D(r.Result.Performance?.High)),
            new("Expectation", r => D(r.Result.Expectation?.Value)),
            new($"Expectation {level} low", r => D(r.Result.Expectation?.Low)),
            new($"Expectation {level} high", r => D(r.Result.Expectation?.High)),
            new("Experience Gap", r => D(r.Result.Gap?.Value)),
            new($"Gap {level} low", r => D(r.Result.Gap?.Low)),
            new($"Gap {level} high", r => D(r.Result.Gap?.High)),
            new("Gap significant", r => r.Result.GapSignificant is { } s ? s ? "yes" : "no" : null, Format.Text),
            new("Applied gap", r => D(r.Result.AppliedGap)),
            new("Verdict", r => r.Result.Verdict?.DisplayName(), Format.Text),
            new("Gap above the cap, not significantly", r => r.Result.GapAboveCapNotSignificantly ? "yes" : null, Format.Text),
            new("NPS", r => D(r.Result.Customers.Nps?.Value)),
            new($"NPS {level} low", r => D(r.Result.Customers.Nps?.Low)),
            new($"NPS {level} high", r => D(r.Result.Customers.Nps?.High)),
            new("CSAT (% satisfied)", r => D(r.Result.Customers.Csat?.Value)),
            new($"CSAT {level} low", r => D(r.Result.Customers.Csat?.Low)),
            new($"CSAT {level} high", r => D(r.Result.Customers.Csat?.High)),
            new("CES (1–7)", r => D(r.Result.Customers.Ces?.Value)),
            new("Previous wave", r => r.Movement?.PreviousWave, Format.Text),
            new("CX+ change", r => D(r.Movement?.Change.Value)),
            new($"Change {level} low", r => D(r.Movement?.Change.Low)),
            new($"Change {level} high", r => D(r.Movement?.Change.High)),
            new("Change p-value", r => r.Movement?.PValue, Format.Probability),
            new("Change q-value (false discovery rate)", r => r.Movement?.QValue, Format.Probability),
            new("Change significant (after the false discovery rate control)", r => r.Movement?.Significant is { } s ? s ? "yes" : "no" : null, Format.Text),
            new("Rank change (places up)", r => r.Movement?.RankChange, Format.Whole),
        ];
        Column[] factors =
        [
            new("Brand", r => r.Brand, Format.Text),
            new("Ranked", r => r.Eligible ? "yes" : "no", Format.Text),
            .. SuccessFactors.All.SelectMany(f => new Column[]
            {
                new($"{f.DisplayName()}: customers", r => D(r.Result.FactorGaps[(int)f].Customer?.Value)),
                new($"{f.DisplayName()}: prospects", r => D(r.Result.FactorGaps[(int)f].Prospect?.Value)),
                new($"{f.DisplayName()}: gap", r => D(r.Result.FactorGaps[(int)f].Gap?.Value)),
                new($"{f.DisplayName()}: gap significant", r => r.Result.FactorGaps[(int)f].Gap?.ExcludesZero is { } s ? s ? "yes" : "no" : null, Format.Text),
            }),
        ];

        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();

        Sheet(workbook, "League", [.. league.Select(c => (c.Header, c.Format))],
            table.Rows.Select(r => league.Select(c => c.Value(r)).ToArray()));
        var averages = FactorProfileChart.SectorAverages(table);
        Sheet(workbook, "Factors", [.. factors.Select(c => (c.Header, c.Format))],
            table.Rows.Select(r => factors.Select(c => c.Value(r)).ToArray())
                .Append([$"Sector average (ranked brands' customers)", null, .. averages.SelectMany(a => new object?[] { a, null, null, null })]));
        Sheet(workbook, "Trend",
            [("Wave", Format.Text), ("Brand", Format.Text), ("Rank", Format.Whole), ("CX+ score", Format.OneDecimal), ($"CX+ {level} low", Format.OneDecimal),
             ($"CX+ {level} high", Format.OneDecimal), ("Performance", Format.OneDecimal), ("Expectation", Format.OneDecimal), ("Experience Gap", Format.OneDecimal),
             ("CX+ index", Format.Whole), ("Sector average CX+", Format.OneDecimal)],
            history.SelectMany(t => t.Rows.Select(r => new object?[] { t.Wave, r.Brand, r.Rank, r.Result.Score?.Value, r.Result.Score?.Low, r.Result.Score?.High,
                r.Result.Performance?.Value, r.Result.Expectation?.Value, r.Result.Gap?.Value, r.Index?.Value, t.Average })));
        var s = table.Settings;
        Sheet(workbook, "Settings", [("Setting", Format.Text), ("Value", Format.Text)],
        [
            ["Sector", table.Sector], ["Wave", table.Wave], ["Previous wave", table.PreviousWave ?? ""],
            ["Sector average CX+ score", table.Average], ["Rating scale", $"{s.ScaleMin}..{s.ScaleMax}"],
            ["Factor weights", string.Join("/", s.FactorWeights)], ["Cap (points)", s.Cap], ["Minimum customers", s.MinCustomers],
            ["Minimum prospects", s.MinProspects], ["Minimum effective base (share of each minimum)", s.MinEffectiveShare],
            ["Confidence level", s.ConfidenceLevel],
            ["Who can lead (rank range starts at 1)", LeagueReading.List(table.Leaders)],
            ["Who can be last", LeagueReading.List(table.CanBeLast)],
            ["Change significant", LeagueReading.MovementNote(s)],
            ["Rounding", "shown to one decimal (index whole), half away from zero; stored unrounded"],
        ]);
        workbook.Workbook.Save();
    }

    /// <summary>A Six Pillars or KEI table as a workbook: the lens's sheet (headers in words), its drivers when it has them, and the settings.</summary>
    public static void WriteLens(LensTable table, DriverResult? drivers, Stream output)
    {
        var level = table.Settings.ConfidenceLevel.ToString("P0", CultureInfo.InvariantCulture);
        var score = table.Lens.ScoreName();
        (string Header, Format Format)[] headers =
        [
            ("Rank", Format.Whole), ($"Rank, best ({level})", Format.Whole), ($"Rank, worst ({level})", Format.Whole), ("Brand", Format.Text),
            ("Ranked", Format.Text), ("Why not ranked", Format.Text), ("Customers (n)", Format.Whole),
            (score, Format.OneDecimal), ($"{score} {level} low", Format.OneDecimal), ($"{score} {level} high", Format.OneDecimal),
            .. table.Lens == Lens.Cee ? new[] { ("CEE index", Format.Whole), ($"Index {level} low", Format.Whole), ($"Index {level} high", Format.Whole) } : [],
            ("vs sector average (points)", Format.OneDecimal), ("Position", Format.Text),
            .. table.Items.Select(i => (table.Lens == Lens.Kei ? $"{i.Name} (net)" : i.Name, Format.OneDecimal)),
        ];
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();
        object?[] Values(LensRow r) =>
        [
            r.Rank, r.RankRange?.Low, r.RankRange?.High, r.Brand, r.Eligible ? "yes" : "no", r.Reason, r.N,
            r.Score?.Value, r.Score?.Low, r.Score?.High,
            .. table.Lens == Lens.Cee ? new object?[] { r.Index?.Value, r.Index?.Low, r.Index?.High } : [],
            r.VersusAverage?.Difference.Value, Display.Position(r.VersusAverage?.Position) is { Length: > 0 } p ? p : null,
            .. r.Items.Select(i => (object?)i?.Value),
        ];
        Sheet(workbook, table.Lens == Lens.Cee ? "Six Pillars" : "KEI", headers, table.Rows.Select(Values));
        if (drivers is { Estimable: true })
            Sheet(workbook, "Pillar importance", [("Pillar", Format.Text), ("Importance (%)", Format.OneDecimal), ($"{level} low", Format.OneDecimal), ($"{level} high", Format.OneDecimal)],
                drivers.Predictors.Select(d => new object?[] { d.Name, d.Importance.Value, d.Importance.Low, d.Importance.High })
                    .Append([$"R² {drivers.RSquared:0.000}, n = {drivers.N} customers who rated all six pillars and answered NPS", null, null, null]));
        var s = table.Settings;
        Sheet(workbook, "Settings", [("Setting", Format.Text), ("Value", Format.Text)],
        [
            ["Sector", table.Sector], ["Wave", table.Wave], ["Lens", table.Lens.DisplayName()], [$"Sector average {score}", table.Average],
            ["Rating scale", $"{s.ScaleMin}..{s.ScaleMax}"], ["Pillar weights", string.Join("/", s.PillarWeights)], ["Minimum customers", s.MinCustomers],
            ["Confidence level", s.ConfidenceLevel], ["Rounding", "shown to one decimal (index whole), half away from zero; stored unrounded"],
        ]);
        workbook.Workbook.Save();
    }

    private static void Sheet(WorkbookPart workbook, string name, IReadOnlyList<(string Header, Format Format)> columns, IEnumerable<object?[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        data.Append(new Row(columns.Select(c => Cell(c.Header, Format.Header))) { RowIndex = 1 });
        uint index = 2;
        foreach (var values in rows)
            data.Append(new Row(values.Select((v, i) => Cell(v, v is string ? Format.Text : i < columns.Count ? columns[i].Format : Format.Text))) { RowIndex = index++ });
        part.Worksheet = new Worksheet(
            // The header row stays in view while scrolling.
            new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft }) { WorkbookViewId = 0 }),
            new Columns(columns.Select((c, i) => new DocumentFormat.OpenXml.Spreadsheet.Column
            {
                Min = (uint)(i + 1), Max = (uint)(i + 1), CustomWidth = true, Width = Math.Clamp(c.Header.Length + 2, 9, 40),
            })),
            data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(sheets.Count() + 1), Name = name });
    }

    private static Cell Cell(object? value, Format format) => value switch
    {
        null => new Cell(),
        string text => new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = (uint)(format == Format.Header ? Format.Header : Format.Text) },
        bool b => new Cell(new InlineString(new Text(b ? "yes" : "no"))) { DataType = CellValues.InlineString },
        IConvertible number => new Cell(new CellValue(Convert.ToDouble(number, CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = (uint)format },
        _ => new Cell(new InlineString(new Text(value.ToString() ?? ""))) { DataType = CellValues.InlineString },
    };

    /// <summary>Cell formats by <see cref="Format"/>: general, 0.0, 0, 0%, bold header, 0.0000.</summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0000" }) { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
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
