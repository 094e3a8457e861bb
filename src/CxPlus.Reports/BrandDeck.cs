using CxPlus.Reports.Localization;
using System.Globalization;
using CxPlus.Reports.Charts;
using CxPlus.Reports.Drawing;
using CxPlus.Scoring;
using CxPlus.Scoring.Comments;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace CxPlus.Reports;

/// <summary>
/// The brand report as an editable PowerPoint deck (DocumentFormat.OpenXml): the same content as
/// the PDF, every number as real text (text boxes and native tables), the charts as images drawn
/// from the same figures as the PDF and the dashboard, each beside a table of its numbers.
/// </summary>
public static class BrandDeck
{
    private const long Emu = 12700; // per point
    private const double SlideWidth = 960, SlideHeight = 540, Margin = 40, LogoWidth = 72;

    /// <summary>The league slide's column widths (points), by the catalogue's keys (<see cref="LeagueColumns.Narrow"/>).</summary>
    private static readonly Dictionary<string, double> NarrowWidths = new()
    {
        ["rank"] = 70, ["brand"] = 250, ["cx_index"] = 55, ["cx_score"] = 60, ["performance"] = 55, ["expectation"] = 55,
        ["gap"] = 65, ["vs_average_position"] = 70, ["verdict"] = 200,
    };

    /// <summary>The text's language for PowerPoint's proofing (a specific culture: nl-NL, en-US), the reader's.</summary>
    private static string RunLanguage => CultureInfo.CreateSpecificCulture(CultureInfo.CurrentUICulture.Name) is { Name.Length: > 0 } c ? c.Name : "en-US";

    /// <summary>Writes the brand's deck, timed for the metrics (<see cref="Data.CxPlusMetrics"/>).</summary>
    public static void Write(BrandReportData data, Stream output, DateTimeOffset made, Branding? branding = null) =>
        Data.CxPlusMetrics.TimeReport("pptx", () => WriteDeck(data, output, made, branding));

    private static void WriteDeck(BrandReportData data, Stream output, DateTimeOffset made, Branding? branding)
    {
        branding ??= Branding.Default;
        using var document = PresentationDocument.Create(output, PresentationDocumentType.Presentation);
        var deck = new Deck(document, branding);
        var d = data;
        var r = d.Row.Result;

        // 1. Title, on the master's title layout (band, firm and logo are the layout's)
        var title = deck.Slide(Layout.Title);
        title.Fill(P.PlaceholderValues.CenteredTitle, null, d.Row.Brand, "Title");
        title.Fill(P.PlaceholderValues.SubTitle, 1, Texts.Format("Report.SectorWave", d.Table.Sector, d.Table.Wave), "Subtitle");
        // Issue 30: a wave not yet released says so on the title slide (and in the file name).
        if (d.Table.Draft) title.Text(Margin, 320, SlideWidth - 2 * Margin, 30, [(Texts.Get("Release.DraftMark"), 20, true, Palette.Red)]);
        title.Text(Margin, 470, SlideWidth - 2 * Margin, 24, [(Texts.Format("Deck.Made", made.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), 11, false, Palette.Muted)]);

        // 2. Headline numbers
        var headline = deck.Slide();
        headline.Title(Texts.Format("Deck.Headline", d.Row.Brand));
        var ranked = d.Table.Rows.Count(x => x.Eligible);
        headline.Table(Margin, 90, [(Texts.Get("Deck.Measure"), 260), (Texts.Get("Deck.Value"), 160), (Texts.Format("Deck.IntervalDetail", d.Level), 420)],
        [
            [Texts.Get("Brand.Score"), Display.Score(r.Score?.Value), Display.Interval(r.Score)],
            [Texts.Get("Deck.IndexRow"), d.Row.Index is null ? "–" : Display.Index(d.Row.Index), d.Row.Rank is null ? Texts.Get("Deck.NotIndexed") : Display.IndexInterval(d.Row.Index)],
            [Texts.Get("Brand.Rank"), d.Row.Rank is null ? Texts.Get("Brand.NotRanked") : Display.Rank(d.Row), d.Row.Rank is null ? Texts.Reason(d.Row) ?? "" : Texts.Format("Deck.RankDetail", ranked, Display.RankRange(d.Row.RankRange!.Value))],
            [Texts.Get("Brand.Performance"), Display.Score(r.Performance?.Value), Display.Interval(r.Performance)],
            [Texts.Get("Brand.Expectation"), Display.Score(r.Expectation?.Value), Display.Interval(r.Expectation)],
            [Texts.Get("Brand.Gap"), Display.Signed(r.Gap?.Value) + (r.GapSignificant == true ? "*" : ""), Texts.Format("Deck.GapDetail", Display.Interval(r.Gap), Display.Signed(r.AppliedGap))],
            [Texts.Get("Column.verdict"), r.Verdict is { } verdict ? Texts.Verdict(verdict) : Texts.Get("Verdict.NotEstimable"), BrandReading.CapNote(r, d.Table.Settings) ?? ""],
            [Texts.Get("Deck.AgainstAverage"), Display.Position(d.Row.VersusAverage?.Position), d.Row.VersusAverage is { } v ? $"{Display.Signed(v.Difference.Value)} ({Display.Interval(v.Difference)})" : ""],
        ]);
        headline.Note(Texts.Format("Report.Significant", d.Level) + (d.Row.Movement is null ? "" : " " + LeagueReading.MovementNote(d.Table.Settings)));

        // 3. Reading and findings
        var reading = deck.Slide();
        reading.Title(Texts.Get("Deck.WhatNumbersSay"));
        reading.Text(Margin, 90, SlideWidth - 2 * Margin, 150, [(BrandReading.Describe(d.Row, d.Table), 16, false, Palette.Ink)]);
        reading.Text(Margin, 250, SlideWidth - 2 * Margin, 30, [(Texts.Get("Report.Findings"), 18, true, Palette.Ink)]);
        reading.Bullets(Margin, 285, SlideWidth - 2 * Margin, 220, BrandReading.Findings(d.Row, d.Table), 15);

        // 4. League table, a slide per 14 rows; in a large sector the leaders and the brand's neighbourhood
        // (BrandReport.Excerpt), with a row that says how many brands are left out, and the unranked left to the workbook.
        var rankedRows = d.Table.Rows.Where(x => x.Eligible).ToList();
        var large = rankedRows.Count > BrandReport.ExcerptAbove;
        var rows = large ? BrandReport.Excerpt(rankedRows, d.Row) : [.. d.Table.Rows.Select(x => ((LeagueRow?)x, 0))];
        for (var start = 0; start < rows.Count; start += 14)
        {
            var slide = deck.Slide();
            slide.Title(Texts.Format("Report.LeagueTitle", d.Table.Sector, d.Table.Wave) + (rows.Count > 14 ? Texts.Format("Deck.LeaguePart", start / 14 + 1, (rows.Count + 13) / 14) : ""));
            slide.Table(Margin, 80, [.. LeagueColumns.Narrow.Select(c => (c.ShortHeader, NarrowWidths[c.Key]))],
                [.. rows.Skip(start).Take(14).Select(e => e.Row is not { } row
                    ? ["", BrandReport.Skipped(e.Skipped), .. LeagueColumns.Narrow.Skip(2).Select(_ => "")]
                    : LeagueColumns.Narrow.Select(c => c.Cell(d.Table, row)).ToArray())],
                highlight: i => rows[start + i].Row is { } row && Names.Same(row.Brand, d.Row.Brand));
            slide.Note((large ? Texts.Format("Deck.ExcerptNote", rankedRows.Count, d.Row.Brand) : "")
                + Texts.Format("Deck.LeagueNote", Display.Score(d.Table.Average), d.Level, LeagueReading.Lead(d.Table)));
        }

        // 5. Gap map (its numbers are the league table's)
        var map = deck.Slide();
        map.Title(Texts.Get("GapMap.Title"));
        var mapFigure = GapMapChart.Layout(d.Table, 620, 420, d.Row.Brand, branding.Accent, 11);
        map.Picture(SkiaRenderer.Png(mapFigure), Margin, 80, 620, 420, Texts.Get("GapMap.Title"));
        map.Text(680, 90, 240, 400, [(Texts.Get("Deck.GapMapNote"), 12, false, Palette.Muted),
            (Texts.Format("Deck.GapMapBrand", d.Row.Brand, Display.Score(r.Performance?.Value), Display.Signed(r.Gap?.Value), Display.Score(r.Score?.Value)), 13, true, Palette.Ink)]);

        // 6. Factor profile, with its numbers
        var factors = deck.Slide();
        factors.Title(Texts.Get("Report.FactorsTitle"));
        var profile = FactorProfileChart.Layout(d.Row, d.Table, 470, 11);
        factors.Picture(SkiaRenderer.Png(profile), Margin, 85, 470, profile.Height, "Factor profile");
        var averages = FactorProfileChart.SectorAverages(d.Table);
        factors.Table(540, 85, [(Texts.Get("Report.Factor"), 150), (Texts.Get("Deck.Cust"), 55), (Texts.Get("Deck.Prosp"), 55), (Texts.Get("Column.gap"), 55), (Texts.Get("Deck.Sector"), 65)],
            [.. r.FactorGaps.Select(g => new[] { g.Factor.DisplayName(), Display.Score(g.Customer?.Value), Display.Score(g.Prospect?.Value),
                Display.Signed(g.Gap?.Value) + (g.Gap?.ExcludesZero == true ? "*" : ""), Display.Score(averages[(int)g.Factor]) })], fontSize: 11);

        // 6b. What to fix first (step 23), with its numbers
        if (d.Priorities is { } matrix)
        {
            var priorities = deck.Slide();
            priorities.Title(Texts.Get("Brand.FixFirst"));
            priorities.Text(Margin, 70, 880, 60, [(BrandReading.Priority(matrix), 14, matrix.FirstToFix is not null, Palette.Ink)]);
            if (matrix.Factors.Count > 0)
            {
                priorities.Picture(SkiaRenderer.Png(PriorityMatrixChart.Layout(matrix, 470, 380, branding.Accent, 11)), Margin, 135, 470, 380, "Priority matrix");
                priorities.Table(540, 140, [(Texts.Get("Priorities.Factor"), 150), (Texts.Get("Priorities.Importance"), 95), (Texts.Get("Deck.VsSector"), 70), (Texts.Get("Priorities.Priority"), 95)],
                    [.. matrix.Factors.OrderByDescending(f => f.Importance.Value).Select(f => new[] { f.Factor.DisplayName(),
                        Display.ImportanceWithInterval(f.Importance),
                        Display.Signed(f.VersusAverage.Value) + (f.VersusAverage.ExcludesZero == true ? "*" : ""), PriorityMatrixChart.Name(f.Quadrant) })], fontSize: 11);
                priorities.Text(540, 330, 400, 160, [(Texts.Format("Deck.DriversNote", matrix.Drivers!.RSquared!.Value.ToString("0.00", CultureInfo.CurrentCulture),
                    matrix.Drivers.N.ToString("#,0", CultureInfo.CurrentCulture), matrix.SectorDrivers ? Texts.Get("Deck.Pooled") : "",
                    matrix.Drivers.Indicative ? Texts.Format("Deck.Indicative", matrix.Drivers.IndicativeBelow!.Value.ToString("#,0", CultureInfo.CurrentCulture)) : Texts.Format("Deck.WithInterval", d.Level),
                    Display.Percent(Scoring.Drivers.PriorityMatrix.MeanImportance / 100)), 11, false, Palette.Muted),
                    .. ThemeReading.BesideFixFirst(matrix, d.Themes).Select(x => (ThemeReading.BesideFixFirstLine(d.Row.Brand, x.Factor, x.Themes), 10.0, false, Palette.Ink))]);
            }
        }

        // 7. Trend, with its numbers
        var trend = deck.Slide();
        trend.Title(Texts.Get("Report.TrendTitle"));
        if (d.History.Count > 1) trend.Picture(SkiaRenderer.Png(TrendChart.Layout(d.History, 880, 240, 11)), Margin, 80, 880, 240, "Trend");
        trend.Table(Margin, d.History.Count > 1 ? 330 : 90, [(Texts.Get("Brand.Wave"), 120), (Texts.Get("Trend.Score"), 220), (Texts.Get("Trend.Performance"), 130), (Texts.Get("Trend.Expectation"), 130), (Texts.Get("Column.gap"), 100), (Texts.Get("Column.rank"), 120)],
            [.. d.History.Select(h => new[] { h.Table.Wave, $"{Display.Score(h.Row.Result.Score?.Value)} ({Display.Interval(h.Row.Result.Score)})",
                Display.Score(h.Row.Result.Performance?.Value), Display.Score(h.Row.Result.Expectation?.Value),
                Display.Signed(h.Row.Result.Gap?.Value) + (h.Row.Result.GapSignificant == true ? "*" : ""), h.Row.Rank is null ? "–" : Display.Rank(h.Row) })], fontSize: 11);

        // 7b. Segments (step 27), when the wave's file carried them: the findings, then a slide per segment (six categories a slide).
        if (d.Segments is { Count: > 0 } segments)
        {
            var summary = deck.Slide();
            summary.Title(Texts.Get("Brand.Segments"));
            summary.Text(Margin, 80, SlideWidth - 2 * Margin, 60, [(Texts.Format("Segment.SectionIntro", d.Row.Brand, Display.Percent(1 - d.Table.Settings.ConfidenceLevel)), 12, false, Palette.Muted)]);
            var findings = SegmentReading.All(segments);
            summary.Bullets(Margin, 150, SlideWidth - 2 * Margin, 360,
                findings.Count == 0 ? [Texts.Get("Segment.NoFindings")] : [.. findings.Take(SegmentReading.Findings)], 14);
            foreach (var segment in segments)
            {
                for (var from = 0; from < segment.Categories.Count; from += 6)
                {
                    var block = segment.Categories.Skip(from).Take(6).ToList();
                    var slide = deck.Slide();
                    slide.Title($"{Texts.Get("Brand.Segments")}: {segment.Segment}" + (segment.Categories.Count > 6 ? $" ({from + 1}–{from + block.Count})" : ""));
                    var width = (SlideWidth - 2 * Margin - 260) / 6;
                    slide.Table(Margin, 80, [(Texts.Get("Segment.Measure"), 260), .. block.Select(x => ($"{x.Category} ({x.Customers})", width))],
                        [.. segment.Measures.Select(m => new[] { SegmentReading.Measure(m) }.Concat(block.Select(x => SegmentReading.Cell(x.Of(m)))).ToArray())],
                        fontSize: 11);
                    if (!segment.ProspectsCarrySegment) slide.Note(Texts.Format("Segment.CustomersOnlyNote", segment.Segment));
                }
            }
        }

        // 7c. What customers say (steps 29-30), when the brand's customers commented: the theme table, then the leading themes' quotes.
        if (d.Themes is { } themes)
        {
            var said = deck.Slide();
            said.Title(Texts.Get("Brand.WhatCustomersSay"));
            said.Text(Margin, 70, SlideWidth - 2 * Margin, 70, [(ThemeReading.Intro(themes, d.Table.Settings), 11, false, Palette.Muted)]);
            if (themes.Commenters >= ThemeShares.MinBase)
            {
                said.Table(Margin, 145, [(Texts.Get("Themes.Theme"), 260), (Texts.Get("Themes.Factor"), 200), (Texts.Get("Themes.Share"), 170), (Texts.Get("Themes.VersusSector"), 100), (Texts.Get("Themes.Impact"), 150)],
                    [.. ThemeReading.Ordered(themes).Select(t => ThemeReading.Cells(t) is var c
                        ? new[] { ThemeReading.Name(t.Theme), t.Theme.Factor?.DisplayName() ?? "–", $"{c.Share} {c.ShareInterval}".Trim(), c.Versus, $"{c.Impact} {c.ImpactInterval}".Trim() }
                        : [])], fontSize: 11);
                said.Note(ThemeReading.Findings(themes) is { Count: > 0 } findings ? string.Join(" ", findings) : Texts.Get("Themes.NoSignificant"));
                if (ThemeReading.Leading(themes) is { Count: > 0 } leading)
                {
                    var quotes = deck.Slide();
                    quotes.Title(Texts.Get("Themes.QuotesTitle"));
                    var column = (SlideWidth - 2 * Margin - 20 * (leading.Count - 1)) / leading.Count;
                    for (var i = 0; i < leading.Count; i++)
                        quotes.Text(Margin + i * (column + 20), 85, column, 420,
                            [(ThemeReading.Name(leading[i].Theme), 18, true, Palette.Ink),
                             .. leading[i].Quotes!.SelectMany(q => new[] { ("", 8.0, false, Palette.Ink),
                                 ($"“{q.Comment}”" + (ThemeReading.Tone(q) is { } tone ? $" — {tone}" : ""), 15.0, false, Palette.Ink) })]);
                }
            }
        }

        // 8. Indicators, bases and settings
        var method = deck.Slide();
        method.Title(Texts.Get("Deck.MethodTitle"));
        var c = r.Customers;
        method.Table(Margin, 80, [(Texts.Get("Deck.Indicator"), 300), (Texts.Get("Deck.Value"), 140), (Texts.Format("Deck.Interval", d.Level), 200)],
        [
            ["NPS", Display.Signed(c.Nps?.Value), Display.Interval(c.Nps)],
            [Texts.Get("Brand.Csat"), Display.Score(c.Csat?.Value), Display.Interval(c.Csat)],
            [Texts.Get("Brand.Ces"), Display.Score(c.Ces?.Value), Display.Interval(c.Ces)],
        ]);
        var s = d.Table.Settings;
        method.Text(Margin, 250, SlideWidth - 2 * Margin, 260,
        [
            (Texts.Format("Deck.Bases", d.Row.Brand, r.Customers.N, r.Prospects.N, r.Customers.Incomplete, r.Prospects.Incomplete, s.MinCustomers, s.MinProspects), 13, false, Palette.Ink),
            (Texts.Format("Deck.Method", s.Cap.ToString("0.#", CultureInfo.CurrentCulture), d.Level), 13, false, Palette.Ink),
            (Texts.Format("Deck.Settings", Texts.Settings(s)), 11, false, Palette.Muted),
        ]);
        // The deck's language in its properties (docProps/core.xml), for PowerPoint's proofing and for search.
        document.PackageProperties.Language = RunLanguage;
        deck.Save();
    }

    /// <summary>A colour as Open XML writes it (#1565c0 → 1565C0).</summary>
    private static A.RgbColorModelHex Hex(string color) => new() { Val = color.TrimStart('#').ToUpperInvariant() };

    /// <summary>The logo as a PNG (an SVG logo is drawn by Skia first): PowerPoint's pictures are raster here.</summary>
    private static byte[] LogoPng(byte[] logo, bool svg) => svg ? SkiaRenderer.SvgAsPng(logo, 320, 100, 1) : logo;

    /// <summary>The layouts of the deck's slide master, for our slides and for those a consultant adds.</summary>
    private enum Layout { Title, Section, Content }

    /// <summary>
    /// The presentation being built: a slide master in the firm's branding (its accent colour in the theme
    /// and a band on every slide, its logo, its name in the corner, its typeface as the theme's fonts, the
    /// title style every slide's title inherits), with a title layout, a section layout and a content layout;
    /// then a slide at a time. A consultant restyles the deck by editing the master, not each slide.
    /// </summary>
    private sealed class Deck
    {
        private readonly PresentationPart _presentation;
        private readonly Dictionary<Layout, SlideLayoutPart> _layouts = [];
        private readonly List<SlidePart> _slides = [];

        public Deck(PresentationDocument document, Branding branding)
        {
            _presentation = document.AddPresentationPart();
            _presentation.Presentation = new P.Presentation();
            var master = _presentation.AddNewPart<SlideMasterPart>("rIdMaster");
            var logo = branding.Logo is { } bytes ? LogoPng(bytes, branding.LogoIsSvg) : null;

            // Every slide: a thin band of the accent, the firm's name and its logo at the foot; the title and body placeholders.
            var masterShapes = new Shapes(master, EmptyTree());
            masterShapes.Rect(0, 0, SlideWidth, 6, branding.Accent, "Accent band");
            masterShapes.Placeholder(P.PlaceholderValues.Title, null, Margin, 28, SlideWidth - 2 * Margin, 44, "Title");
            masterShapes.Placeholder(P.PlaceholderValues.Body, 1, Margin, 90, SlideWidth - 2 * Margin, SlideHeight - 150, "Body");
            // Under the slides' notes (which end 14 points above the foot, beside the logo).
            masterShapes.Text(Margin, SlideHeight - 13, 400, 10, [(branding.FirmName, 7, false, Palette.Muted)], "Firm");
            if (logo is not null) masterShapes.Picture(logo, SlideWidth - Margin - LogoWidth, SlideHeight - 36, LogoWidth, 24, branding.FirmName);

            var layouts = new (Layout Layout, P.SlideLayoutValues Type, string Name, bool MasterShapes, Action<Shapes> Draw)[]
            {
                (Layout.Title, P.SlideLayoutValues.Title, Texts.Get("Deck.LayoutTitle"), false, shapes =>
                {
                    shapes.Rect(0, 0, SlideWidth, 10, branding.Accent, "Accent band");
                    shapes.Text(Margin, 40, 600, 24, [(branding.FirmName, 14, true, branding.Accent)], "Firm");
                    if (logo is not null) shapes.Picture(logo, SlideWidth - Margin - 160, 30, 160, 50, branding.FirmName);
                    shapes.Placeholder(P.PlaceholderValues.CenteredTitle, null, Margin, 150, SlideWidth - 2 * Margin, 120, "Title", size: 36);
                    shapes.Placeholder(P.PlaceholderValues.SubTitle, 1, Margin, 280, SlideWidth - 2 * Margin, 30, "Subtitle", size: 20, color: Palette.Muted);
                }),
                (Layout.Section, P.SlideLayoutValues.SectionHeader, Texts.Get("Deck.LayoutSection"), true, shapes =>
                {
                    shapes.Rect(Margin, 196, 120, 5, branding.Accent, "Accent rule");
                    shapes.Placeholder(P.PlaceholderValues.Title, null, Margin, 210, SlideWidth - 2 * Margin, 70, "Title", size: 32);
                    shapes.Placeholder(P.PlaceholderValues.Body, 1, Margin, 290, SlideWidth - 2 * Margin, 60, "Subtitle", size: 18, color: Palette.Muted);
                }),
                (Layout.Content, P.SlideLayoutValues.TitleOnly, Texts.Get("Deck.LayoutContent"), true, shapes =>
                    shapes.Placeholder(P.PlaceholderValues.Title, null, Margin, 28, SlideWidth - 2 * Margin, 44, "Title")),
            };
            var ids = new P.SlideLayoutIdList();
            for (var i = 0; i < layouts.Length; i++)
            {
                var (which, type, name, masterShapesShown, draw) = layouts[i];
                var part = master.AddNewPart<SlideLayoutPart>($"rIdLayout{i + 1}");
                part.SlideLayout = new P.SlideLayout(new P.CommonSlideData(EmptyTree()) { Name = name }, new P.ColorMapOverride(new A.MasterColorMapping()))
                    { Type = type, Preserve = true, ShowMasterShapes = masterShapesShown };
                part.AddPart(master, "rIdMaster");
                draw(new Shapes(part, part.SlideLayout.CommonSlideData!.ShapeTree!));
                _layouts[which] = part;
                ids.Append(new P.SlideLayoutId { Id = 2147483649U + (uint)i, RelationshipId = $"rIdLayout{i + 1}" });
            }
            master.SlideMaster = new P.SlideMaster(
                new P.CommonSlideData(masterShapes.Tree) { Name = branding.FirmName },
                new P.ColorMap
                {
                    Background1 = A.ColorSchemeIndexValues.Light1, Text1 = A.ColorSchemeIndexValues.Dark1, Background2 = A.ColorSchemeIndexValues.Light2,
                    Text2 = A.ColorSchemeIndexValues.Dark2, Accent1 = A.ColorSchemeIndexValues.Accent1, Accent2 = A.ColorSchemeIndexValues.Accent2,
                    Accent3 = A.ColorSchemeIndexValues.Accent3, Accent4 = A.ColorSchemeIndexValues.Accent4, Accent5 = A.ColorSchemeIndexValues.Accent5,
                    Accent6 = A.ColorSchemeIndexValues.Accent6, Hyperlink = A.ColorSchemeIndexValues.Hyperlink, FollowedHyperlink = A.ColorSchemeIndexValues.FollowedHyperlink,
                },
                ids,
                new P.TextStyles(
                    // Titles and text in the theme's fonts (+mj-lt, +mn-lt), so changing the theme's font changes every slide.
                    new P.TitleStyle(new A.Level1ParagraphProperties(StyleRun(24, bold: true, Palette.Ink, "+mj-lt")) { Alignment = A.TextAlignmentTypeValues.Left }),
                    new P.BodyStyle(new A.Level1ParagraphProperties(StyleRun(16, bold: false, Palette.Ink, "+mn-lt"))),
                    new P.OtherStyle(new A.Level1ParagraphProperties(StyleRun(12, bold: false, Palette.Ink, "+mn-lt")))));
            var theme = master.AddNewPart<ThemePart>("rIdTheme");
            theme.Theme = Theme(branding);
            _presentation.AddPart(theme, "rIdTheme");
        }

        private static A.DefaultRunProperties StyleRun(double size, bool bold, string color, string font) =>
            new(new A.SolidFill(Hex(color)), new A.LatinFont { Typeface = font })
            { FontSize = (int)Math.Round(size * 100), Bold = bold };

        public SlideBuilder Slide(Layout layout = Layout.Content)
        {
            var part = _presentation.AddNewPart<SlidePart>($"rIdSlide{_slides.Count + 1}");
            part.AddPart(_layouts[layout], "rIdLayout");
            part.Slide = new P.Slide(new P.CommonSlideData(EmptyTree()), new P.ColorMapOverride(new A.MasterColorMapping()));
            _slides.Add(part);
            return new SlideBuilder(part);
        }

        public void Save()
        {
            var p = _presentation.Presentation;
            p.Append(
                new P.SlideMasterIdList(new P.SlideMasterId { Id = 2147483648U, RelationshipId = "rIdMaster" }),
                new P.SlideIdList(_slides.Select((s, i) => new P.SlideId { Id = (uint)(256 + i), RelationshipId = _presentation.GetIdOfPart(s) })),
                new P.SlideSize { Cx = (int)(SlideWidth * Emu), Cy = (int)(SlideHeight * Emu) },
                new P.NotesSize { Cx = 6858000, Cy = 9144000 },
                new P.DefaultTextStyle());
            foreach (var slide in _slides) slide.Slide.Save();
            p.Save();
        }

        private static A.Theme Theme(Branding branding)
        {
            static A.Outline Line() => new(new A.SolidFill(new A.SchemeColor { Val = A.SchemeColorValues.PhColor })) { Width = 9525 };
            static A.EffectStyle Effect() => new(new A.EffectList());
            static A.SolidFill Fill() => new(new A.SchemeColor { Val = A.SchemeColorValues.PhColor });
            var name = TextLayout.Fit(branding.FirmName, 10, 10_000); // a theme's name is plain text
            return new A.Theme(
                new A.ThemeElements(
                    new A.ColorScheme(
                        new A.Dark1Color(Hex("212121")), new A.Light1Color(Hex("FFFFFF")), new A.Dark2Color(Hex("444444")), new A.Light2Color(Hex("EEEEEE")),
                        // The firm's accent first: PowerPoint offers Accent 1 for new shapes, charts and links.
                        new A.Accent1Color(Hex(branding.Accent)), new A.Accent2Color(Hex("2E7D32")), new A.Accent3Color(Hex("EF6C00")), new A.Accent4Color(Hex("C62828")),
                        new A.Accent5Color(Hex("6A1B9A")), new A.Accent6Color(Hex("00838F")), new A.Hyperlink(Hex(branding.Accent)), new A.FollowedHyperlinkColor(Hex("6A1B9A")))
                    { Name = name },
                    new A.FontScheme(
                        new A.MajorFont(new A.LatinFont { Typeface = branding.Font }, new A.EastAsianFont { Typeface = "" }, new A.ComplexScriptFont { Typeface = "" }),
                        new A.MinorFont(new A.LatinFont { Typeface = branding.Font }, new A.EastAsianFont { Typeface = "" }, new A.ComplexScriptFont { Typeface = "" }))
                    { Name = name },
                    new A.FormatScheme(
                        new A.FillStyleList(Fill(), Fill(), Fill()),
                        new A.LineStyleList(Line(), Line(), Line()),
                        new A.EffectStyleList(Effect(), Effect(), Effect()),
                        new A.BackgroundFillStyleList(Fill(), Fill(), Fill()))
                    { Name = name }),
                new A.ObjectDefaults(), new A.ExtraColorSchemeList())
            { Name = name };
        }
    }

    private static P.ShapeTree EmptyTree() => new(
        new P.NonVisualGroupShapeProperties(new P.NonVisualDrawingProperties { Id = 1U, Name = "" }, new P.NonVisualGroupShapeDrawingProperties(),
            new P.ApplicationNonVisualDrawingProperties()),
        new P.GroupShapeProperties(new A.TransformGroup()));

    /// <summary>
    /// Shapes placed in points on a master, a layout or a slide: rectangles, text boxes, pictures and placeholders
    /// (which the slides fill and PowerPoint lets a consultant restyle in one place).
    /// </summary>
    private class Shapes(OpenXmlPart part, P.ShapeTree tree)
    {
        private uint _id = 1;
        public P.ShapeTree Tree { get; } = tree;
        protected uint NextId() => ++_id;

        public void Rect(double x, double y, double w, double h, string color, string? name = null) => Tree.Append(new P.Shape(
            new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = NextId(), Name = name ?? $"Band {_id}" }, new P.NonVisualShapeDrawingProperties(),
                new P.ApplicationNonVisualDrawingProperties()),
            new P.ShapeProperties(Transform(x, y, w, h), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle },
                new A.SolidFill(Hex(color)), new A.Outline(new A.NoFill()))));

        /// <summary>A text box of paragraphs (text, size in points, bold, colour); PowerPoint wraps them in the box.</summary>
        public void Text(double x, double y, double w, double h, IEnumerable<(string Text, double Size, bool Bold, string Color)> paragraphs, string? name = null) =>
            Tree.Append(new P.Shape(
                new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = NextId(), Name = name ?? $"Text {_id}" },
                    new P.NonVisualShapeDrawingProperties { TextBox = true }, new P.ApplicationNonVisualDrawingProperties()),
                new P.ShapeProperties(Transform(x, y, w, h), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }, new A.NoFill()),
                new P.TextBody([new A.BodyProperties { Wrap = A.TextWrappingValues.Square, LeftInset = 0, RightInset = 0 }, new A.ListStyle(),
                    .. paragraphs.Select(p => Paragraph(p.Text, p.Size, p.Bold, p.Color))])));

        public void Picture(byte[] png, double x, double y, double w, double h, string name)
        {
            var image = part.AddNewPart<ImagePart>("image/png", $"rIdImage{NextId()}");
            using (var stream = new MemoryStream(png)) image.FeedData(stream);
            Tree.Append(new P.Picture(
                new P.NonVisualPictureProperties(new P.NonVisualDrawingProperties { Id = _id, Name = name, Description = name },
                    new P.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true }), new P.ApplicationNonVisualDrawingProperties()),
                new P.BlipFill(new A.Blip { Embed = part.GetIdOfPart(image) }, new A.Stretch(new A.FillRectangle())),
                new P.ShapeProperties(Transform(x, y, w, h), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })));
        }

        /// <summary>A placeholder of a master or a layout: where its slides' titles (or subtitles) go, in what style; empty of text.</summary>
        public void Placeholder(P.PlaceholderValues type, uint? index, double x, double y, double w, double h, string name, double? size = null, string? color = null)
        {
            var style = new A.ListStyle();
            if (size is not null || color is not null)
            {
                var run = new A.DefaultRunProperties { FontSize = size is { } s ? (int)Math.Round(s * 100) : null };
                if (color is not null) run.Append(new A.SolidFill(Hex(color)));
                style.Append(new A.Level1ParagraphProperties(run));
            }
            Tree.Append(new P.Shape(
                new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = NextId(), Name = name },
                    new P.NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }),
                    new P.ApplicationNonVisualDrawingProperties(new P.PlaceholderShape { Type = type, Index = index })),
                new P.ShapeProperties(Transform(x, y, w, h)),
                new P.TextBody(new A.BodyProperties { Wrap = A.TextWrappingValues.Square, LeftInset = 0, RightInset = 0, Anchor = A.TextAnchoringTypeValues.Top },
                    style, new A.Paragraph(new A.EndParagraphRunProperties { Language = RunLanguage }))));
        }

        /// <summary>Fills the layout's placeholder of this type with text: its place and style come from the layout and the master.</summary>
        public void Fill(P.PlaceholderValues type, uint? index, string text, string name) => Tree.Append(new P.Shape(
            new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = NextId(), Name = name },
                new P.NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }),
                new P.ApplicationNonVisualDrawingProperties(new P.PlaceholderShape { Type = type, Index = index })),
            new P.ShapeProperties(),
            new P.TextBody(new A.BodyProperties(), new A.ListStyle(),
                new A.Paragraph(new A.Run(new A.RunProperties { Language = RunLanguage, Dirty = false }, new A.Text(text)),
                    new A.EndParagraphRunProperties { Language = RunLanguage }))));

        protected static A.Paragraph Paragraph(string text, double size, bool bold, string color) => new(
            new A.Run(new A.RunProperties(Hex(color) is var c ? new A.SolidFill(c) : null!, new A.LatinFont { Typeface = "+mn-lt" }) // the theme's body font
            { Language = RunLanguage, FontSize = (int)Math.Round(size * 100), Bold = bold, Dirty = false }, new A.Text(text)),
            new A.EndParagraphRunProperties { Language = RunLanguage, FontSize = (int)Math.Round(size * 100) });

        protected static A.Transform2D Transform(double x, double y, double w, double h) =>
            new(new A.Offset { X = (long)(x * Emu), Y = (long)(y * Emu) }, new A.Extents { Cx = (long)(w * Emu), Cy = (long)(h * Emu) });

    }

    /// <summary>One slide's content: its title in the layout's placeholder, notes, lists, tables and charts, placed in points.</summary>
    private sealed class SlideBuilder(SlidePart part) : Shapes(part, part.Slide.CommonSlideData!.ShapeTree!)
    {
        public void Title(string text) => Fill(P.PlaceholderValues.Title, null, text, "Title");

        /// <summary>A slide's note at its foot, clear of the master's logo and firm name.</summary>
        public void Note(string text) => Text(Margin, SlideHeight - 44, SlideWidth - 2 * Margin - LogoWidth - 16, 30, [(text, 10, false, Palette.Muted)]);

        public void Bullets(double x, double y, double w, double h, IEnumerable<string> items, double size) =>
            Tree.Append(new P.Shape(
                new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = NextId(), Name = "List" },
                    new P.NonVisualShapeDrawingProperties { TextBox = true }, new P.ApplicationNonVisualDrawingProperties()),
                new P.ShapeProperties(Transform(x, y, w, h), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }, new A.NoFill()),
                new P.TextBody([new A.BodyProperties { Wrap = A.TextWrappingValues.Square }, new A.ListStyle(),
                    .. items.Select(item =>
                    {
                        var p = Paragraph(item, size, false, Palette.Ink);
                        p.PrependChild(new A.ParagraphProperties(new A.CharacterBullet { Char = "•" }) { LeftMargin = 285750, Indent = -285750 });
                        return p;
                    })])));

        /// <summary>A native table: a header row and text cells, the highlighted rows bold on a light fill.</summary>
        public void Table(double x, double y, IReadOnlyList<(string Header, double Width)> columns, IReadOnlyList<string[]> rows, Func<int, bool>? highlight = null, double fontSize = 12)
        {
            var rowHeight = fontSize * 2.1;
            var table = new A.Table(new A.TableProperties { FirstRow = true, BandRow = false },
                new A.TableGrid(columns.Select(c => new A.GridColumn { Width = (long)(c.Width * Emu) })));
            table.Append(Row([.. columns.Select(c => c.Header)], bold: true, fill: "EEEEEE", fontSize, rowHeight));
            for (var i = 0; i < rows.Count; i++)
            {
                var mine = highlight?.Invoke(i) == true;
                table.Append(Row(rows[i], mine, mine ? "E3F2FD" : null, fontSize, rowHeight));
            }
            Tree.Append(new P.GraphicFrame(
                new P.NonVisualGraphicFrameProperties(new P.NonVisualDrawingProperties { Id = NextId(), Name = "Table" },
                    new P.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoGrouping = true }), new P.ApplicationNonVisualDrawingProperties()),
                new P.Transform(new A.Offset { X = (long)(x * Emu), Y = (long)(y * Emu) },
                    new A.Extents { Cx = (long)(columns.Sum(c => c.Width) * Emu), Cy = (long)(rowHeight * (rows.Count + 1) * Emu) }),
                new A.Graphic(new A.GraphicData(table) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/table" })));
        }

        private static A.TableRow Row(IReadOnlyList<string> cells, bool bold, string? fill, double size, double height)
        {
            var row = new A.TableRow { Height = (long)(height * Emu) };
            foreach (var cell in cells)
            {
                var properties = new A.TableCellProperties { LeftMargin = 45720, RightMargin = 45720 };
                if (fill is not null) properties.Append(new A.SolidFill(Hex(fill)));
                row.Append(new A.TableCell(new A.TextBody(new A.BodyProperties(), new A.ListStyle(), Paragraph(cell, size, bold, Palette.Ink)), properties));
            }
            return row;
        }

    }
}
