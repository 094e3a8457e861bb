using CxPlus.Reports.Localization;
using System.Globalization;
using CxPlus.Data.League;
using CxPlus.Reports.Charts;
using CxPlus.Reports.Drawing;
using CxPlus.Scoring;
using CxPlus.Scoring.Comments;
using CxPlus.Scoring.Drivers;

namespace CxPlus.Reports;

/// <summary>
/// What a brand report shows: the brand's row, its sector's table, its history across waves, its
/// priorities, and for the whole brand its segments (step 27) and what its customers say (steps 29-30;
/// null when none of them commented).
/// </summary>
public sealed record BrandReportData(LeagueTable Table, LeagueRow Row, IReadOnlyList<(LeagueTable Table, LeagueRow Row)> History, PriorityMatrix? Priorities = null,
    IReadOnlyList<SegmentContrast>? Segments = null, BrandThemes? Themes = null)
{
    /// <summary>Loads what the brand page and the report show; the wave's table comes out of the trend, not a second query.</summary>
    /// <exception cref="NotFoundException">Sector, wave or brand unknown.</exception>
    public static async Task<BrandReportData> LoadAsync(LeagueQueries queries, string sector, string wave, string brand, CancellationToken ct = default)
    {
        var history = await queries.TrendAsync(sector, brand, ct);
        var current = history.FirstOrDefault(h => Names.Same(h.Table.Wave, wave));
        if (current.Table is not null)
            return await new BrandReportData(current.Table, current.Row, history, (await queries.PrioritiesAsync(current.Table, current.Row.Brand, ct))[current.Row.Brand])
                .WithSegmentsAndThemesAsync(queries, ct);
        // The wave does not exist (LeagueAsync says so, listing the waves) or the brand has no data in it.
        var table = await queries.LeagueAsync(sector, wave, ct);
        throw new NotFoundException(new("NotFound.BrandInWave", table.Sector, Names.Printable(brand), table.Wave));
    }

    /// <summary>
    /// What the brand page shows in a segment view (step 26): the brand's row in the category's table,
    /// its trend in that category, and its priorities from the drivers within it. The segment's
    /// comparison with the brand's other customers (step 27) belongs to the whole brand's page.
    /// </summary>
    /// <exception cref="NotFoundException">Sector, wave, segment or category unknown, or the brand has no respondents in the category.</exception>
    public static async Task<BrandReportData> LoadAsync(LeagueQueries queries, string sector, string wave, string brand, string segment, string category,
        CancellationToken ct = default)
    {
        var table = await queries.SegmentLeagueAsync(sector, wave, segment, category, ct);
        var cut = table.Segment!;
        var row = table.Find(brand) ?? throw new NotFoundException(new("NotFound.BrandInCategory", Names.Printable(brand), cut.Segment, cut.Category, table.Sector, table.Wave));
        var history = await queries.SegmentTrendAsync(table.Sector, row.Brand, cut.Segment, cut.Category, ct);
        return new BrandReportData(table, row, history, (await queries.PrioritiesAsync(table, row.Brand, ct))[row.Brand]);
    }

    /// <summary>A brand's report data out of its sector's history (<see cref="LeagueQueries.HistoryAsync"/>): no query per brand.</summary>
    public static BrandReportData From(IReadOnlyList<LeagueTable> history, LeagueTable table, LeagueRow row, PriorityMatrix? priorities = null) =>
        new(table, row, [.. history.Select(t => (Table: t, Row: t.Find(row.Brand))).Where(h => h.Row is not null).Select(h => (h.Table, h.Row!))], priorities);

    /// <summary>The brand's segments (step 27) and themes (steps 29-30) added: every report of the brand, alone or in a bundle, shows them.</summary>
    public async Task<BrandReportData> WithSegmentsAndThemesAsync(LeagueQueries queries, CancellationToken ct = default) =>
        this with
        {
            Segments = await queries.SegmentContrastsAsync(Table.Sector, Table.Wave, Row.Brand, ct),
            Themes = (await queries.ThemesAsync(Table.Sector, Table.Wave, ct)).Of(Row.Brand),
        };

    public string Level => Display.Percent(Table.Settings.ConfidenceLevel);
}

/// <summary>
/// The consultant's A4 brand report as a tagged PDF (PdfRenderer, ADR 0013): an executive summary with
/// the headline numbers, the reading and three findings; the sector's league table with the brand
/// highlighted; the gap map; the factor profile; the trend; the standard indicators; and an
/// appendix with the methodology, bases and settings. Every text is measured and placed before it
/// is drawn (<see cref="PageFlow"/>, <see cref="TextLayout"/>), charts place their own labels, and
/// the same layout serves the tests that read the words back. Fonts (DejaVu) are embedded.
/// </summary>
public static class BrandReport
{
    private const double Width = PageFlow.ContentWidth;

    /// <summary>Writes the brand's PDF report, timed for the metrics (<see cref="Data.CxPlusMetrics"/>).</summary>
    public static void Write(BrandReportData data, Stream output, DateTimeOffset made, Branding? branding = null) =>
        Data.CxPlusMetrics.TimeReport("pdf", () => WriteReport(data, output, made, branding));

    private static void WriteReport(BrandReportData data, Stream output, DateTimeOffset made, Branding? branding)
    {
        branding ??= Branding.Default;
        var pages = Layout(data, made, branding);
        PdfRenderer.Write(pages, new PdfMetadata(Texts.Format("Report.Title", data.Row.Brand, data.Table.Sector, data.Table.Wave), branding.FirmName,
            Texts.Format("Report.SectorWave", data.Table.Sector, data.Table.Wave),
            // The language in words too, for people and tools that read keywords rather than /Lang.
            $"CX+; language: {CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}", CultureInfo.CurrentUICulture, made), output);
    }

    /// <summary>The report's pages, laid out: every text measured and placed.</summary>
    public static IReadOnlyList<Figure> Layout(BrandReportData data, DateTimeOffset made, Branding branding)
    {
        var flow = new PageFlow();
        Cover(flow, data, branding);
        flow.NewPage();
        League(flow, data, branding);
        flow.Heading(Texts.Get("GapMap.Title"), 13, keepWith: 340);
        flow.Paragraph(Texts.Get("Report.GapMapIntro")
            + (!GapMapChart.NamesEveryBrand(data.Table) ? Texts.Format("Report.GapMapNamed", GapMapChart.Plotted(data.Table).Count, data.Row.Brand) : ""),
            8.5, Palette.Muted);
        var map = GapMapChart.Layout(data.Table, Width, 330, data.Row.Brand, branding.Accent, 9.5);
        flow.Place(map, Alt(Texts.Get("GapMap.Title"), map));
        flow.Space(14);
        flow.Heading(Texts.Get("Report.FactorsTitle"), 13, keepWith: 240);
        var profile = FactorProfileChart.Layout(data.Row, data.Table, Width, 9.5);
        flow.Place(profile, Alt(Texts.Get("Report.FactorsTitle"), profile));
        flow.Paragraph(Texts.Format("Report.FactorsNote", data.Level), 8, Palette.Muted);
        flow.Space(10);
        Priorities(flow, data, branding);
        Trend(flow, data);
        Indicators(flow, data);
        Segments(flow, data);
        Themes(flow, data);
        Appendix(flow, data, made);
        // Issue 30: a wave not yet released says so on every page, wherever the report travels.
        flow.Footers((data.Table.Draft ? Texts.Get("Release.DraftMark") + " · " : "") + Texts.Format("Report.Footer", branding.FirmName, data.Row.Brand, data.Table.Sector, data.Table.Wave,
            made.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), branding);
        return flow.Pages;
    }

    private static void Cover(PageFlow flow, BrandReportData d, Branding branding)
    {
        var page = flow.Page;
        var r = d.Row.Result;
        page.Rects.Add(new FigureRect(Box.At(0, 0, PageFlow.PageWidth, 8), branding.Accent));
        page.Text(TextLayout.Fit(branding.FirmName, 11, Width - 160, bold: true), flow.Left, 36, 11, branding.Accent, bold: true);
        page.Text(Texts.Get("Report.Cover"), PageFlow.PageWidth - PageFlow.Margin - (branding.Logo is null ? 0 : 100), 36, 9, Palette.Muted, bold: true, anchor: TextAnchor.End);
        if (branding.Logo is { } logo) page.Images.Add((Box.At(PageFlow.PageWidth - PageFlow.Margin - 90, 18, 90, 28), logo, branding.LogoIsSvg));
        flow.Y = 64;

        var title = TextLayout.Wrap(d.Row.Brand, 24, Width, bold: true, maxLines: 3);
        using (flow.Tag(FigureRole.Heading1))
            foreach (var line in title)
            {
                page.Text(line, flow.Left, flow.Y + 24, 24, Palette.Ink, bold: true);
                flow.Y += 30;
            }
        if (title[^1].EndsWith(TextLayout.Ellipsis, StringComparison.Ordinal))
            flow.Paragraph(Texts.Format("Report.FullName", d.Row.Brand), 8.5, Palette.Muted);
        flow.Paragraph(Texts.Format("Report.SectorWave", d.Table.Sector, d.Table.Wave), 13, Palette.Muted);
        if (d.Table.Draft) flow.Paragraph(Texts.Get("Release.DraftMark"), 13, Palette.Red, bold: true);
        flow.Space(8);

        var ranked = d.Table.Rows.Count(x => x.Eligible);
        var boxes = new (string Label, string Value, string Detail)[]
        {
            (Texts.Get("Brand.Score"), Display.Score(r.Score?.Value), Ci(r.Score, d)),
            (Texts.Get("Brand.Index"), d.Row.Index is null ? "–" : Display.Index(d.Row.Index),
                d.Row.Rank is null ? Texts.Get("Brand.IndexNotRanked") : d.Row.Index?.Low is null ? Texts.Get("Brand.IndexAverage")
                    : Texts.Format("Brand.IndexInterval", Texts.Format("Interval.Labelled", d.Level, Display.IndexInterval(d.Row.Index)))),
            (Texts.Get("Brand.Rank"), d.Row.Rank is null ? Texts.Get("Brand.NotRanked") : Display.Rank(d.Row),
                d.Row.Rank is null ? Texts.Reason(d.Row) ?? "" : Texts.Format("Brand.RankDetail", ranked, Display.RankRange(d.Row.RankRange!.Value), d.Level)),
            (Texts.Get("Brand.Performance"), Display.Score(r.Performance?.Value), Ci(r.Performance, d)),
            (Texts.Get("Brand.Expectation"), Display.Score(r.Expectation?.Value), Ci(r.Expectation, d)),
            (Texts.Get("Brand.Gap"), Display.Signed(r.Gap?.Value) + (r.GapSignificant == true ? "*" : ""), Texts.Format("Brand.GapDetail", Display.Signed(r.AppliedGap), Ci(r.Gap, d))),
        };
        const double gutter = 10, height = 80;
        var w = (Width - 2 * gutter) / 3;
        for (var i = 0; i < boxes.Length; i++)
        {
            var (label, value, detail) = boxes[i];
            var x = flow.Left + i % 3 * (w + gutter);
            var y = flow.Y + i / 3 * (height + gutter);
            page.Rects.Add(new FigureRect(Box.At(x, y, w, height), "#ffffff", "#dddddd", 1, 4));
            using var tile = flow.Tag(FigureRole.Paragraph); // read as "CX+ score 83.3 95% CI 81.4–84.5"
            page.Text(TextLayout.Fit(label, 8.5, w - 20), x + 10, y + 16, 8.5, Palette.Muted);
            page.Text(TextLayout.Fit(value, 19, w - 20, bold: true), x + 10, y + 42, 19, Palette.Ink, bold: true);
            var lines = TextLayout.Wrap(detail, 7.5, w - 20, maxLines: 2);
            for (var k = 0; k < lines.Count; k++) page.Text(lines[k], x + 10, y + 58 + k * 10, 7.5, Palette.Muted);
        }
        flow.Y += 2 * height + gutter + 18;

        flow.Paragraph(Texts.Format("Report.Verdict", r.Verdict is { } verdict ? Texts.Verdict(verdict) : Texts.Get("Verdict.NotEstimable")) + (r.GapAboveCapNotSignificantly ? " †" : ""), 13, VerdictColor(r.Verdict), bold: true);
        flow.Paragraph(BrandReading.Describe(d.Row, d.Table), 10.5);
        flow.Space(4);
        flow.Heading(Texts.Get("Report.Findings"), 12, keepWith: 50);
        foreach (var finding in BrandReading.Findings(d.Row, d.Table)) flow.Paragraph(finding, 10, indent: 14, bullet: "•");
        foreach (var warning in LowBaseWarnings(d)) flow.Paragraph(Texts.Format("Report.LowBase", warning), 9.5, Palette.Red);
        flow.Space(4);
        AtAGlance(flow, d);
        flow.Space(6);
        var notes = new List<string> { Texts.Format("Report.Significant", d.Level) };
        if (BrandReading.CapNote(r, d.Table.Settings) is { } capNote) notes.Add("† " + capNote);
        if (d.Row.Movement is not null) notes.Add(LeagueReading.MovementNote(d.Table.Settings));
        notes.Add(Texts.Format("Report.ComputedWith", Texts.Settings(d.Table.Settings)));
        flow.Paragraph(string.Join(" ", notes), 8, Palette.Muted);
    }

    /// <summary>The five factors and the standard indicators in a few lines, so the first page answers "on what?".</summary>
    private static void AtAGlance(PageFlow flow, BrandReportData d)
    {
        flow.Heading(Texts.Get("Report.AtAGlance"), 12, keepWith: 90);
        const double size = 9, step = 13;
        (string Header, double X, TextAnchor Align)[] columns = [(Texts.Get("Report.Factor"), 0, TextAnchor.Start), (Texts.Get("Report.Customers"), 250, TextAnchor.End),
            (Texts.Get("Report.Prospects"), 330, TextAnchor.End), (Texts.Get("Column.gap"), 400, TextAnchor.End), (Texts.Get("Report.SectorAvg"), Width, TextAnchor.End)];
        using (flow.Tag(FigureRole.Table))
        {
            using (flow.Tag(FigureRole.HeaderRow))
                foreach (var (header, x, align) in columns) flow.Page.Text(header, flow.Left + x, flow.Y + size, size - 0.5, Palette.Muted, true, align);
            flow.Y += step;
            var averages = FactorProfileChart.SectorAverages(d.Table);
            foreach (var g in d.Row.Result.FactorGaps)
            {
                using var row = flow.Tag(FigureRole.Row);
            var significant = g.Gap?.ExcludesZero == true;
            string[] cells = [g.Factor.DisplayName(), Display.Score(g.Customer?.Value), Display.Score(g.Prospect?.Value),
                Display.Signed(g.Gap?.Value) + (significant ? "*" : ""), Display.Score(averages[(int)g.Factor])];
            for (var i = 0; i < cells.Length; i++)
                flow.Page.Text(cells[i], flow.Left + columns[i].X, flow.Y + size, size, i == 3 && significant ? GapColor(g.Gap?.Value) : Palette.Ink, i == 3 && significant, columns[i].Align);
            flow.Y += step;
            }
        }
        flow.Space(4);
        var c = d.Row.Result.Customers;
        flow.Paragraph(string.Join(" · ", new[] { c.Nps is null ? null : $"NPS {Display.Signed(c.Nps.Value)}", c.Csat is null ? null : Texts.Format("Report.CsatValue", Display.Score(c.Csat.Value)),
            c.Ces is null ? null : Texts.Format("Report.CesValue", Display.Score(c.Ces.Value)) }.OfType<string>()) is { Length: > 0 } indicators ? Texts.Format("Report.CustomersIndicators", indicators) : "", 9);
    }

    private sealed record Column(string Header, double Width, TextAnchor Align, Func<LeagueRow, string> Cell, Func<LeagueRow, string>? Color = null, int MaxLines = 1);

    private static void League(PageFlow flow, BrandReportData d, Branding branding)
    {
        flow.Heading(Texts.Format("Report.LeagueTitle", d.Table.Sector, d.Table.Wave), 15);
        const double size = 8.5, line = 11;
        // The catalogue's narrow table: text (and the rank with its range) from the left, numbers from the right; brand and verdict may wrap.
        Column[] columns = [.. LeagueColumns.Narrow.Select(c => new Column(c.ShortHeader, 0,
            c.Format == ColumnFormat.Text || c.Key == "rank" ? TextAnchor.Start : TextAnchor.End,
            r => c.Cell(d.Table, r),
            c.Key switch { "gap" => r => GapColor(r.Result.Gap?.Value), "verdict" => r => VerdictHex(r.Result.Verdict), _ => null },
            c.Key is "brand" or "verdict" ? 2 : 1))];
        const double pad = 7;
        // Every column but the brand's as wide as its widest cell (the verdict as its widest word: it may wrap); the brand takes the rest.
        var ranked = d.Table.Rows.Where(r => r.Eligible).ToList();
        for (var i = 0; i < columns.Length; i++)
        {
            if (i == 1) continue;
            var c = columns[i];
            var cells = ranked.Select(c.Cell).SelectMany(text => c.MaxLines > 1 ? text.Split(' ') : [text]);
            columns[i] = c with { Width = cells.Append(c.Header).Max(text => Fonts.Width(text, size, bold: true)) + 1 };
        }
        columns[1] = columns[1] with { Width = Width - columns.Where((_, i) => i != 1).Sum(c => c.Width) - pad * (columns.Length - 1) };
        var shortened = new List<LeagueRow>();

        void Header()
        {
            var x = flow.Left;
            using (flow.Tag(FigureRole.HeaderRow))
                foreach (var c in columns)
                {
                    flow.Page.Text(c.Header, c.Align == TextAnchor.End ? x + c.Width : x, flow.Y + size, size, Palette.Muted, bold: true, anchor: c.Align);
                    x += c.Width + pad;
                }
            flow.Y += line + 2;
            flow.Page.Lines.Add(new FigureLine(flow.Left, flow.Y, flow.Left + Width, flow.Y, Palette.Faint, 0.6));
            flow.Y += 4;
        }

        var table = flow.Tag(FigureRole.Table); // over pages, its header row repeated on each
        Header();
        foreach (var (row, skipped) in Excerpt(ranked, d.Row))
        {
            if (row is null)
            {
                // The brands left out between two shown: one quiet line that says how many.
                if (flow.Y + line + 3 > PageFlow.PageHeight - 60) { flow.NewPage(); Header(); }
                using var between = flow.Tag(FigureRole.Row);
                flow.Page.Text(Skipped(skipped), flow.Left + columns[0].Width + pad, flow.Y + size, size, Palette.Muted, false, TextAnchor.Start);
                flow.Y += line + 3;
                continue;
            }
            var mine = Names.Same(row.Brand, d.Row.Brand);
            var cells = columns.Select(c =>
            {
                var lines = TextLayout.Wrap(c.Cell(row), size, c.Width, mine, c.MaxLines);
                return lines.Count == 0 ? [""] : lines;
            }).ToArray();
            if (cells[1][^1].EndsWith(TextLayout.Ellipsis, StringComparison.Ordinal)) shortened.Add(row);
            var height = cells.Max(c => c.Count) * line + 3;
            if (flow.Y + height > PageFlow.PageHeight - 60) { flow.NewPage(); Header(); }
            if (mine) flow.Page.Rects.Add(new FigureRect(Box.At(flow.Left - 4, flow.Y - 2, Width + 8, height + 1), Palette.Highlight));
            var x = flow.Left;
            using var tagged = flow.Tag(FigureRole.Row);
            for (var i = 0; i < columns.Length; i++)
            {
                var c = columns[i];
                using var cell = flow.Tag(FigureRole.Cell); // a wrapped name is one cell
                for (var k = 0; k < cells[i].Count; k++)
                    flow.Page.Text(cells[i][k], c.Align == TextAnchor.End ? x + c.Width : x, flow.Y + size + k * line, size, c.Color?.Invoke(row) ?? Palette.Ink, mine, c.Align);
                x += c.Width + pad;
            }
            flow.Y += height;
        }
        table.Dispose();
        flow.Page.Lines.Add(new FigureLine(flow.Left, flow.Y, flow.Left + Width, flow.Y, Palette.Faint, 0.6));
        flow.Y += 4;
        if (ranked.Count > ExcerptAbove)
            flow.Paragraph(Texts.Format("Report.ExcerptNote", ranked.Count, ExcerptTop, ExcerptAround, d.Row.Brand), 7.5, Palette.Muted);
        flow.Paragraph(Texts.Format("Report.LeagueNote", Display.Score(d.Table.Average), d.Level, LeagueReading.Lead(d.Table)), 7.5, Palette.Muted);

        var unranked = d.Table.Rows.Where(r => !r.Eligible).ToList();
        if (unranked.Count > 0)
        {
            flow.Heading(Texts.Get("League.NotRanked"), 10.5, keepWith: 30);
            // In a large sector the list would fill pages: the brand itself and a few, then how many more.
            var own = unranked.Where(r => Names.Same(r.Brand, d.Row.Brand)).ToList();
            var listed = unranked.Count <= UnrankedListed ? unranked
                : [.. own.Concat(unranked.Where(r => !Names.Same(r.Brand, d.Row.Brand)).Take(UnrankedListed - own.Count))];
            foreach (var row in listed)
            {
                var mine = Names.Same(row.Brand, d.Row.Brand);
                var r = row.Result;
                var numbers = string.Join(" · ", new[] {
                    r.Score is null ? null : Texts.Format("Unranked.Score", Display.Score(r.Score.Value)),
                    r.Performance is null ? null : Texts.Format("Unranked.Performance", Display.Score(r.Performance.Value)),
                    r.Gap is null ? null : Texts.Format("Unranked.Gap", Display.Signed(r.Gap.Value)) }.OfType<string>());
                if (mine) flow.Page.Rects.Add(new FigureRect(Box.At(flow.Left - 4, flow.Y - 2, Width + 8, 2 * 12.5 + 4), Palette.Highlight));
                flow.Paragraph(row.Brand + (numbers.Length > 0 ? " — " + numbers : ""), size, Palette.Ink, bold: mine);
                flow.Y -= 3;
                flow.Paragraph(Texts.Reason(row) ?? "", size - 0.5, Palette.Muted, indent: 12);
            }
            if (unranked.Count > listed.Count)
                flow.Paragraph(Texts.Format("Report.UnrankedMore", unranked.Count - listed.Count), 7.5, Palette.Muted);
        }
        if (shortened.Count > 0)
            flow.Paragraph(Texts.Format("Report.FullNames", string.Join("; ", shortened.Select(r => $"{Display.Rank(r)}. {r.Brand}"))), 7.5, Palette.Muted);
        flow.Space(10);
    }

    /// <summary>The line that stands for the brands an excerpt of the table leaves out: "… 12 brands …".</summary>
    internal static string Skipped(int brands) => brands == 1 ? Texts.Get("Report.SkippedOne") : Texts.Format("Report.Skipped", brands);

    /// <summary>Above this many ranked brands, the report shows an excerpt of the league table, not all of it (a 200-brand table filled 12 pages).</summary>
    public const int ExcerptAbove = 25;
    private const int ExcerptTop = 5, ExcerptAround = 5, UnrankedListed = 8;

    /// <summary>
    /// The rows of the league table the report shows: all of them in a sector of up to
    /// <see cref="ExcerptAbove"/> ranked brands; else the leaders and the brand's neighbourhood, with
    /// (null, count) where brands are left out. An unranked brand gets the leaders alone.
    /// </summary>
    public static IReadOnlyList<(LeagueRow? Row, int Skipped)> Excerpt(IReadOnlyList<LeagueRow> ranked, LeagueRow brand)
    {
        if (ranked.Count <= ExcerptAbove) return [.. ranked.Select(r => ((LeagueRow?)r, 0))];
        var at = ranked.ToList().FindIndex(r => Names.Same(r.Brand, brand.Brand));
        var shown = new SortedSet<int>(Enumerable.Range(0, ExcerptTop));
        if (at >= 0)
            for (var i = Math.Max(0, at - ExcerptAround); i <= Math.Min(ranked.Count - 1, at + ExcerptAround); i++) shown.Add(i);
        var excerpt = new List<(LeagueRow?, int)>();
        var next = 0;
        foreach (var i in shown)
        {
            if (i > next) excerpt.Add((null, i - next));
            excerpt.Add((ranked[i], 0));
            next = i + 1;
        }
        if (next < ranked.Count) excerpt.Add((null, ranked.Count - next));
        return excerpt;
    }

    /// <summary>Step 23: what to fix first, the priority matrix and the key drivers behind it.</summary>
    private static void Priorities(PageFlow flow, BrandReportData d, Branding branding)
    {
        if (d.Priorities is not { } matrix) return;
        const double fullChart = 270, shortestChart = 210, size = 8.5, noteSize = 7.5, heading = 13 * 1.65;
        var bold = matrix.FirstToFix is not null;
        var drivers = matrix.Drivers;
        var interval = drivers is { Indicative: true }
            ? Texts.Format("Report.DriversIndicative", drivers.IndicativeBelow!.Value.ToString("#,0", CultureInfo.CurrentCulture))
            : Texts.Format("Report.DriversInterval", d.Level);
        var note = drivers is null ? "" : Texts.Format("Report.DriversNote", drivers.RSquared!.Value.ToString("0.00", CultureInfo.CurrentCulture), drivers.N.ToString("#,0", CultureInfo.CurrentCulture),
            matrix.SectorDrivers ? Texts.Format("Report.DriversPooled", d.Table.Sector) : "", interval, Display.Percent(PriorityMatrix.MeanImportance / 100));
        // The sentence, the chart, the table and its note stay together, measured as they will be
        // drawn: a rough allowance sent the section to the next page when it fitted (issue #25).
        static double Lines(string text, double size, bool bold = false) => TextLayout.Wrap(text, size, Width, bold).Count * size * 1.42 + size * 0.4;
        var sentence = BrandReading.Priority(matrix);
        var rest = Lines(sentence, 10.5, bold) + (matrix.Factors.Count == 0 ? 0 : 4 + 13 + matrix.Factors.Count * 12 + 4 + Lines(note, noteSize));
        // Issue 29: what the customers wrote about each factor to fix first, after the table. Not kept
        // with it: a section sent whole to the next page for their sake left a page a third full.
        var themes = ThemeReading.BesideFixFirst(matrix, d.Themes).Select(x => ThemeReading.BesideFixFirstLine(d.Row.Brand, x.Factor, x.Themes)).ToList();
        // Where the page has nearly room enough, a somewhat shorter chart keeps the section here.
        var room = flow.Remaining - heading - rest;
        var chartHeight = room is >= shortestChart and < fullChart ? Math.Floor(room) : fullChart;
        flow.Heading(Texts.Get("Brand.FixFirst"), 13, keepWith: rest + (matrix.Factors.Count == 0 ? 0 : chartHeight));
        flow.Paragraph(sentence, 10.5, bold: bold);
        if (matrix.Factors.Count == 0) { flow.Space(10); return; }
        var chart = PriorityMatrixChart.Layout(matrix, Width, chartHeight, branding.Accent, 9.5);
        flow.Place(chart, Alt(Texts.Get("Brand.FixFirst"), chart));
        flow.Space(4);
        (string Header, double X, TextAnchor Align)[] columns = [(Texts.Get("Priorities.Factor"), 0, TextAnchor.Start), (Texts.Get("Priorities.Importance"), 210, TextAnchor.End),
            (Texts.Get("Priorities.Score"), 260, TextAnchor.End), (Texts.Get("Report.VsSectorAvg"), 370, TextAnchor.End), (Texts.Get("Priorities.Priority"), 385, TextAnchor.Start)];
        flow.Need((matrix.Factors.Count + 1) * 12 + 40);
        var table = flow.Tag(FigureRole.Table);
        using (flow.Tag(FigureRole.HeaderRow))
            foreach (var (header, x, align) in columns) flow.Page.Text(header, flow.Left + x, flow.Y + size, size, Palette.Muted, true, align);
        flow.Y += 13;
        foreach (var f in matrix.Factors.OrderByDescending(f => f.Importance.Value))
        {
            using var row = flow.Tag(FigureRole.Row);
            var significant = f.VersusAverage.ExcludesZero == true;
            string[] cells = [f.Factor.DisplayName(),
                Display.ImportanceWithInterval(f.Importance),
                Display.Score(f.Score.Value), Display.Signed(f.VersusAverage.Value) + (significant ? "*" : ""), PriorityMatrixChart.Name(f.Quadrant)];
            var fix = f.Quadrant == PriorityQuadrant.FixFirst;
            for (var i = 0; i < cells.Length; i++)
                flow.Page.Text(cells[i], flow.Left + columns[i].X, flow.Y + size, size, i == 4 && fix ? Palette.Red : Palette.Ink, i == 4 && fix, columns[i].Align);
            flow.Y += 12;
        }
        table.Dispose();
        flow.Space(4);
        flow.Paragraph(note, noteSize, Palette.Muted);
        foreach (var line in themes) flow.Paragraph(line, 9, indent: 14, bullet: "•");
        flow.Space(10);
    }

    private static void Trend(PageFlow flow, BrandReportData d)
    {
        flow.Heading(Texts.Get("Report.TrendTitle"), 13, keepWith: 230);
        if (d.History.Count > 1 && TrendChart.Layout(d.History, Width, 200, 9.5) is var chart) flow.Place(chart, Alt(Texts.Get("Report.TrendTitle"), chart));
        else flow.Paragraph(Texts.Format("Report.OnlyWave", d.Table.Wave, d.Row.Brand), 9.5, Palette.Muted);
        flow.Space(6);
        const double size = 8.5;
        (string Header, double X, TextAnchor Align)[] columns = [(Texts.Get("Brand.Wave"), 0, TextAnchor.Start), (Texts.Get("Trend.Score"), 190, TextAnchor.End), (Texts.Get("Trend.Performance"), 270, TextAnchor.End),
            (Texts.Get("Trend.Expectation"), 350, TextAnchor.End), (Texts.Get("Column.gap"), 410, TextAnchor.End), (Texts.Get("Column.rank"), Width, TextAnchor.End)];
        flow.Need((d.History.Count + 1) * 12 + 6);
        var tagged = flow.Tag(FigureRole.Table);
        using (flow.Tag(FigureRole.HeaderRow))
            foreach (var (header, x, align) in columns) flow.Page.Text(header, flow.Left + x, flow.Y + size, size, Palette.Muted, true, align);
        flow.Y += 13;
        foreach (var (table, row) in d.History)
        {
            using var cellsOfRow = flow.Tag(FigureRole.Row);
            var r = row.Result;
            string[] cells = [table.Wave, $"{Display.Score(r.Score?.Value)} ({Display.Interval(r.Score)})", Display.Score(r.Performance?.Value),
                Display.Score(r.Expectation?.Value), Display.Signed(r.Gap?.Value) + (r.GapSignificant == true ? "*" : ""), row.Rank is null ? "–" : Display.Rank(row)];
            for (var i = 0; i < cells.Length; i++) flow.Page.Text(cells[i], flow.Left + columns[i].X, flow.Y + size, size, Palette.Ink, anchor: columns[i].Align);
            flow.Y += 12;
        }
        tagged.Dispose();
        flow.Space(12);
    }

    private static void Indicators(PageFlow flow, BrandReportData d)
    {
        var c = d.Row.Result.Customers;
        flow.Heading(Texts.Get("Brand.Indicators"), 13, keepWith: 50);
        (string Name, string Value, Estimate? Estimate, string Note)[] items =
        [
            ("NPS", Display.Signed(c.Nps?.Value), c.Nps, Texts.Get("Report.NpsNote")),
            ("CSAT", c.Csat is null ? "" : Display.Percent(c.Csat.Value / 100), c.Csat, Texts.Get("Report.CsatNote")),
            ("CES", Display.Score(c.Ces?.Value), c.Ces, Texts.Get("Report.CesNote")),
        ];
        foreach (var (name, value, estimate, note) in items)
            flow.Paragraph(estimate is null ? Texts.Format("Report.NotAsked", name) : Texts.Format("Report.Indicator", name, value, Ci(estimate, d), note), 9.5);
        flow.Space(8);
    }

    /// <summary>
    /// Steps 29-30, when the brand's customers commented: the significant differences in words, every
    /// theme's share against the rest of the sector and its impact on NPS, and up to three short quotes
    /// (redacted at import, chosen reproducibly: the newest of each tone) for each leading theme.
    /// </summary>
    private static void Themes(PageFlow flow, BrandReportData d)
    {
        if (d.Themes is not { } themes) return;
        flow.Heading(Texts.Get("Brand.WhatCustomersSay"), 13, keepWith: 160);
        flow.Paragraph(ThemeReading.Intro(themes, d.Table.Settings), 8.5, Palette.Muted);
        if (themes.Commenters < ThemeShares.MinBase) { flow.Space(8); return; }
        var findings = ThemeReading.Findings(themes);
        if (findings.Count == 0) flow.Paragraph(Texts.Get("Themes.NoSignificant"), 9.5);
        foreach (var finding in findings) flow.Paragraph(finding, 9.5, indent: 14, bullet: "•");
        flow.Space(4);
        const double size = 8.5, step = 12, pad = 14;
        var ordered = ThemeReading.Ordered(themes);
        var numbers = ordered.Select(ThemeReading.Cells).Select(c => (Share: $"{c.Share} ({c.ShareInterval})".Replace(" ()", ""),
            c.Versus, Impact: $"{c.Impact} ({c.ImpactInterval})".Replace(" ()", ""))).ToList();
        // The numbers' columns are set from the right by their widest text, header included: a fixed place let
        // the Dutch headers run into each other ("Aandeel" over "t.o.v. sector").
        double Widest(string header, IEnumerable<string> cells) => cells.Select(c => Fonts.Width(c, size, bold: true)).Append(Fonts.Width(header, size, bold: true)).Max();
        var versusEnd = Width - Widest(Texts.Get("Themes.Impact"), numbers.Select(n => n.Impact)) - pad;
        var shareEnd = versusEnd - Widest(Texts.Get("Themes.VersusSector"), numbers.Select(n => n.Versus)) - pad;
        var factorWidth = shareEnd - Widest(Texts.Get("Themes.Share"), numbers.Select(n => n.Share)) - pad - 135;
        (string Header, double X, TextAnchor Align)[] columns = [(Texts.Get("Themes.Theme"), 0, TextAnchor.Start), (Texts.Get("Themes.Factor"), 135, TextAnchor.Start),
            (Texts.Get("Themes.Share"), shareEnd, TextAnchor.End), (Texts.Get("Themes.VersusSector"), versusEnd, TextAnchor.End), (Texts.Get("Themes.Impact"), Width, TextAnchor.End)];
        flow.Need((ordered.Count + 1) * step + 6);
        var table = flow.Tag(FigureRole.Table);
        using (flow.Tag(FigureRole.HeaderRow))
            foreach (var (header, x, align) in columns) flow.Page.Text(header, flow.Left + x, flow.Y + size, size, Palette.Muted, true, align);
        flow.Y += 13;
        foreach (var (t, n) in ordered.Zip(numbers))
        {
            using var tagged = flow.Tag(FigureRole.Row);
            string[] row = [TextLayout.Fit(ThemeReading.Name(t.Theme), size, 130), TextLayout.Fit(t.Theme.Factor?.DisplayName() ?? "–", size, Math.Min(112, factorWidth)),
                n.Share, n.Versus, n.Impact];
            for (var i = 0; i < row.Length; i++)
                flow.Page.Text(row[i], flow.Left + columns[i].X, flow.Y + size, size, i == 3 && t.Significant == true ? GapColor(t.VersusRest!.Value) : Palette.Ink,
                    i == 3 && t.Significant == true, columns[i].Align);
            flow.Y += step;
        }
        table.Dispose();
        flow.Space(8);
        foreach (var t in ThemeReading.Leading(themes))
        {
            flow.Heading(ThemeReading.Name(t.Theme), 10.5, keepWith: 40);
            foreach (var quote in t.Quotes!)
                flow.Paragraph($"“{quote.Comment}”" + (ThemeReading.Tone(quote) is { } tone ? $" — {tone}" : ""), 9, indent: 14, bullet: "•");
            flow.Space(4);
        }
    }

    /// <summary>
    /// Step 27, when the wave's file carried segments: the significant differences in words, then per
    /// segment each category's difference from the brand's other customers, measure by measure
    /// (six categories a block, so a segment of many categories continues below).
    /// </summary>
    private static void Segments(PageFlow flow, BrandReportData d)
    {
        if (d.Segments is not { Count: > 0 } segments) return;
        flow.Heading(Texts.Get("Brand.Segments"), 13, keepWith: 120);
        flow.Paragraph(Texts.Format("Segment.SectionIntro", d.Row.Brand, Display.Percent(1 - d.Table.Settings.ConfidenceLevel)), 8.5, Palette.Muted);
        var findings = SegmentReading.All(segments);
        if (findings.Count == 0) flow.Paragraph(Texts.Get("Segment.NoFindings"), 9.5);
        foreach (var finding in findings.Take(SegmentReading.Findings)) flow.Paragraph(finding, 9.5, indent: 14, bullet: "•");
        if (findings.Count > SegmentReading.Findings) flow.Paragraph(Texts.Format("Segment.MoreFindings", findings.Count - SegmentReading.Findings), 9, Palette.Muted);
        flow.Space(4);
        const double size = 8.5, step = 12, label = 150;
        const int perBlock = 6;
        foreach (var segment in segments)
        {
            var measures = segment.Measures;
            for (var from = 0; from < segment.Categories.Count; from += perBlock)
            {
                var block = segment.Categories.Skip(from).Take(perBlock).ToList();
                flow.Heading(from == 0 ? segment.Segment : $"{segment.Segment} ({from + 1}–{from + block.Count})", 10.5, keepWith: (measures.Count + 3) * step + 20);
                if (from == 0 && !segment.ProspectsCarrySegment) flow.Paragraph(Texts.Format("Segment.CustomersOnlyNote", segment.Segment), 7.5, Palette.Muted);
                var column = (Width - label) / perBlock;
                using var table = flow.Tag(FigureRole.Table);
                var header = flow.Tag(FigureRole.HeaderRow);
                flow.Page.Text(Texts.Get("Segment.Measure"), flow.Left, flow.Y + size, size - 0.5, Palette.Muted, true, TextAnchor.Start);
                for (var i = 0; i < block.Count; i++)
                {
                    var x = flow.Left + label + (i + 1) * column;
                    using var category = flow.Tag(FigureRole.Cell); // the category and its base
                    flow.Page.Text(TextLayout.Fit(block[i].Category, size - 0.5, column - 4, bold: true), x, flow.Y + size, size - 0.5, Palette.Muted, true, TextAnchor.End);
                    flow.Page.Text(Texts.Format("Segment.Base", block[i].Customers), x, flow.Y + size + step - 2, size - 1.5, Palette.Muted, false, TextAnchor.End);
                }
                header.Dispose();
                flow.Y += 2 * step;
                foreach (var measure in measures)
                {
                    using var row = flow.Tag(FigureRole.Row);
                    flow.Page.Text(SegmentReading.Measure(measure), flow.Left, flow.Y + size, size, Palette.Ink, false, TextAnchor.Start);
                    for (var i = 0; i < block.Count; i++)
                    {
                        var cell = block[i].Of(measure);
                        var significant = cell?.Difference.Significant == true;
                        flow.Page.Text(SegmentReading.Cell(cell), flow.Left + label + (i + 1) * column, flow.Y + size, size,
                            significant ? GapColor(cell!.Difference.Estimate.Value) : Palette.Ink, significant, TextAnchor.End);
                    }
                    flow.Y += step;
                }
                flow.Space(6);
            }
        }
    }

    private static void Appendix(PageFlow flow, BrandReportData d, DateTimeOffset made)
    {
        var s = d.Table.Settings;
        var r = d.Row.Result;
        // The whole appendix on one page (about 250 points): no settings line left alone on a page of its own.
        flow.Heading(Texts.Get("Report.AppendixTitle"), 13, keepWith: 260);
        flow.Paragraph(Texts.Format("Report.Appendix1", s.ScaleMin, s.ScaleMax, ScoringSettings.MinFactorsRated), 9);
        flow.Paragraph(Texts.Format("Report.Appendix2", s.Cap.ToString("0.#", CultureInfo.CurrentCulture)), 9);
        flow.Paragraph(Texts.Format("Report.Appendix3", d.Level), 9);
        flow.Paragraph(Texts.Format("Report.Appendix4", s.MinCustomers, s.MinProspects, s.MinEffectiveCustomers.ToString("0.#", CultureInfo.CurrentCulture),
            s.MinEffectiveProspects.ToString("0.#", CultureInfo.CurrentCulture), d.Row.Brand, d.Table.Wave, r.Customers.N, r.Prospects.N,
            r.Customers.Incomplete, r.Prospects.Incomplete, Base(r.Customers.EffectiveBase), Base(r.Prospects.EffectiveBase)), 9);
        flow.Paragraph(Texts.Format("Report.Made", Texts.Settings(s), made.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), 8.5, Palette.Muted);
    }

    /// <summary>A chart's alternative text in the tagged PDF: its title, then each point it shows with its numbers, as the dashboard's tooltips say them.</summary>
    private static string Alt(string title, Figure chart) => $"{title}: {string.Join("; ", chart.Points.Select(p => p.Summary))}.";

    private static string Base(double? value) => value is { } v ? v.ToString("0", CultureInfo.CurrentCulture) : "–";

    private static IEnumerable<string> LowBaseWarnings(BrandReportData d)
    {
        var s = d.Table.Settings;
        var r = d.Row.Result;
        if (r.Customers.N < s.MinCustomers)
            yield return Texts.Format("Report.LowCustomers", r.Customers.N, s.MinCustomers);
        if (r.Prospects.N < s.MinProspects)
            yield return Texts.Format("Report.LowProspects", r.Prospects.N, s.MinProspects);
    }

    private static string Ci(Estimate? e, BrandReportData d) => Display.Interval(e, d.Table.Settings.ConfidenceLevel);

    private static string GapColor(double? gap) => Display.Sign(gap) switch { < 0 => Palette.Red, > 0 => Palette.Green, _ => Palette.Ink };

    private static string VerdictHex(Verdict? v) => v switch
    {
        Verdict.UnderDelivers => Palette.Red, Verdict.OverDelivers => Palette.Green, Verdict.UnderPromises => Palette.OrangeText, _ => Palette.Ink,
    };

    private static string VerdictColor(Verdict? v) => VerdictHex(v);
}
