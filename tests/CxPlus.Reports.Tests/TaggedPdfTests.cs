using CxPlus.Data.Demo;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace CxPlus.Reports.Tests;

/// <summary>
/// Issue #31: a brand report a screen reader can read (PDF/UA in spirit). Poppler's <c>pdfinfo</c> reads the
/// structure tree with its text as an assistive tool would; PdfPig reads the catalog's language and each
/// chart's alternative text. The demo's report has every section: league table, four charts, segments, themes.
/// </summary>
public sealed class TaggedPdfTests(ReportStore store) : IClassFixture<ReportStore>
{
    private static readonly DateTimeOffset Made = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private const string Sector = "Retail Banking";
    private static readonly string Brand = DemoBenchmark.BrandsOf(Sector)[0];

    private async Task<(string Path, BrandReportData Data)> ReportAsync(string language)
    {
        using var culture = new CultureScope(language);
        var data = await BrandReportData.LoadAsync(store.Queries, Sector, DemoBenchmark.Waves[^1], Brand);
        var dir = Checkout.Artifacts("reports");
        var path = Path.Combine(dir, $"tagged-{language}.pdf");
        await using (var file = File.Create(path)) BrandReport.Write(data, file, Made);
        return (path, data);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("nl")]
    public async Task The_report_is_tagged_in_its_language_with_its_title_headings_tables_and_charts(string language)
    {
        var (path, data) = await ReportAsync(language);

        var info = await RunAsync("pdfinfo", path);
        info.Should().MatchRegex(@"Tagged:\s+yes").And.MatchRegex(@"Metadata Stream:\s+yes");
        using (new CultureScope(language))
            info.Should().Contain(Texts.Format("Report.Title", Brand, Sector, data.Table.Wave));
        using (var pdf = PdfDocument.Open(path))
        {
            pdf.Structure.Catalog.CatalogDictionary.TryGet<StringToken>(NameToken.Create("Lang"), out var lang).Should().BeTrue();
            lang!.Data.Should().StartWith(language);
        }

        var tree = await RunAsync("pdfinfo", "-struct-text", path);
        using var scope = new CultureScope(language);
        // The cover's title is the brand; every section's heading is a level-2 heading.
        Element(tree, "H1").Should().Contain(Brand);
        var headings = Elements(tree, "H2");
        foreach (var key in new[] { "GapMap.Title", "Report.FactorsTitle", "Brand.FixFirst", "Report.TrendTitle", "Brand.Segments", "Brand.WhatCustomersSay", "Report.AppendixTitle" })
            headings.Should().Contain(Texts.Get(key), key);
        headings.Should().Contain(Texts.Format("Report.LeagueTitle", Sector, data.Table.Wave));
        // Tables have header cells and data cells: the league table's header and the brand's own row.
        var headerCells = Elements(tree, "TH");
        headerCells.Should().Contain(Texts.Get("Report.Factor")).And.Contain(Texts.Get("Themes.Theme"));
        var dataCells = Elements(tree, "TD");
        dataCells.Should().Contain(Brand).And.Contain(Display.Score(data.Row.Result.Score!.Value));
        Regex(tree, @"^\s*Figure\b").Should().HaveCount(4, "the gap map, the factor profile, the priority matrix and the trend");
        Regex(tree, @"^\s*LI\b").Should().NotBeEmpty("findings are a bulleted list");
    }

    [Fact]
    public async Task Every_chart_has_an_alternative_text_that_states_its_numbers()
    {
        var (path, data) = await ReportAsync("en");

        var alts = StructureElements(path).Where(e => e.Alt is not null).Select(e => e.Alt!).ToList();

        alts.Should().HaveCount(4);
        var map = alts.Single(a => a.StartsWith(Texts.Get("GapMap.Title"), StringComparison.Ordinal));
        foreach (var row in data.Table.Rows.Where(r => r.Result.Performance is not null && r.Result.Gap is not null))
            map.Should().Contain(row.Brand).And.Contain(Display.Score(row.Result.Performance!.Value));
        var profile = alts.Single(a => a.StartsWith(Texts.Get("Report.FactorsTitle"), StringComparison.Ordinal));
        foreach (var gap in data.Row.Result.FactorGaps)
            profile.Should().Contain($"{gap.Factor.DisplayName()}, {Texts.Get("Profile.Customer")}: {Display.Score(gap.Customer!.Value)}");
        var trend = alts.Single(a => a.StartsWith(Texts.Get("Report.TrendTitle"), StringComparison.Ordinal));
        foreach (var (table, row) in data.History)
            trend.Should().Contain($"{table.Wave}: {Display.Score(row.Result.Score!.Value)}");
    }

    [Fact]
    public async Task Each_chart_is_tagged_where_it_is_drawn()
    {
        // A figure's bounding box tells reflowing readers where it is: in PDF space, y up from the page's foot,
        // so the gap map's box lies just under its heading and holds the names it plots.
        var (path, data) = await ReportAsync("en");
        using var pdf = PdfDocument.Open(path);

        var boxes = StructureElements(path).Where(e => e.Kind == "Figure" && e.Box is not null).Select(e => (Alt: e.Alt ?? "", Box: e.Box!)).ToList();

        boxes.Should().HaveCount(4);
        var map = boxes.Single(b => b.Alt.StartsWith(Texts.Get("GapMap.Title"), StringComparison.Ordinal)).Box;
        var (page, heading) = pdf.GetPages().SelectMany(p => p.GetWords().Select(w => (p, w)))
            .First(x => x.w.Text == Texts.Get("GapMap.Title").Split(' ')[0] && x.w.Letters[0].PointSize > 12);
        (heading.BoundingBox.Bottom - map[3]).Should().BeInRange(0, 80, "the chart starts under its heading and its introduction");
        var plotted = data.Table.Rows.Where(r => r.Result.Performance is not null && r.Result.Gap is not null).Select(r => r.Brand.Split(' ')[0]).ToHashSet();
        page.GetWords().Where(w => w.BoundingBox.Bottom < heading.BoundingBox.Bottom && w.BoundingBox.Bottom > 40 && plotted.Contains(w.Text)) // above the footer
            .Should().NotBeEmpty().And.OnlyContain(w => Inside(map, w.BoundingBox.Centroid.X, w.BoundingBox.Centroid.Y), "every name under the heading is in the chart");
        foreach (var (alt, box) in boxes)
            (box[0] < box[2] && box[1] < box[3] && box[1] >= 0 && box[3] <= 842).Should().BeTrue($"{alt[..20]}: [{string.Join(' ', box)}] lies on the page");
    }

    /// <summary>Every element of the structure tree, read from the catalog down: its kind (/S), alternative text (/Alt) and bounding box (/A /BBox).</summary>
    private static List<(string Kind, string? Alt, double[]? Box)> StructureElements(string path)
    {
        using var pdf = PdfDocument.Open(path);
        var scanner = pdf.Structure.TokenScanner;
        IToken Resolve(IToken token) => token is IndirectReferenceToken reference ? scanner.Get(reference.Data)!.Data : token;
        var found = new List<(string, string?, double[]?)>();
        void Walk(IToken token, int depth)
        {
            if (depth > 64) return;
            switch (Resolve(token))
            {
                case DictionaryToken element:
                    if (element.TryGet(NameToken.Create("S"), out var kind) && Resolve(kind) is NameToken name)
                    {
                        var alt = element.TryGet(NameToken.Create("Alt"), out var text)
                            ? Resolve(text) switch { StringToken s => s.Data, HexToken h => h.Data, var other => other.ToString() } // UTF-16 text comes as hex
                            : null;
                        double[]? box = element.TryGet(NameToken.Create("A"), out var attributes) && Resolve(attributes) is DictionaryToken a
                            && a.TryGet(NameToken.Create("BBox"), out var bbox) && Resolve(bbox) is ArrayToken numbers
                            ? [.. numbers.Data.Select(n => ((NumericToken)Resolve(n)).Double)] : null;
                        found.Add((name.Data, alt, box));
                    }
                    if (element.TryGet(NameToken.Create("K"), out var kids)) Walk(kids, depth + 1);
                    break;
                case ArrayToken array:
                    foreach (var item in array.Data) Walk(item, depth + 1);
                    break;
            }
        }
        pdf.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("StructTreeRoot"), out var root).Should().BeTrue("the report is tagged");
        Walk(root!, 0);
        return found;
    }

    private static bool Inside(double[] box, double x, double y) => box[0] <= x && x <= box[2] && box[1] <= y && y <= box[3];

    [Fact]
    public async Task Every_word_of_the_content_is_in_the_structure_tree_and_the_footers_are_artifacts()
    {
        var (path, _) = await ReportAsync("en");
        var tree = await RunAsync("pdfinfo", "-struct-text", path);
        var tagged = string.Concat(Quoted(tree)).Replace(" ", "", StringComparison.Ordinal);

        using var pdf = PdfDocument.Open(path);
        var untagged = new List<string>();
        foreach (var page in pdf.GetPages())
            foreach (var word in page.GetWords())
            {
                var inFooter = word.BoundingBox.Top < 40; // under the rule 40 points above the page's foot
                if (!inFooter && !tagged.Contains(word.Text, StringComparison.Ordinal)) untagged.Add($"page {page.Number}: {word.Text}");
            }
        untagged.Should().BeEmpty("every word a reader sees is in the structure tree");
        tagged.Should().NotContain(Texts.Format("Report.PageOf", 1, pdf.NumberOfPages).Replace(" ", "", StringComparison.Ordinal), "page numbers are furniture, not content");
    }

    /// <summary>The texts of every element of this kind in pdfinfo's tree, each element's quoted lines joined.</summary>
    private static List<string> Elements(string tree, string kind)
    {
        var lines = tree.Split('\n');
        var found = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (!(trimmed == kind || trimmed.StartsWith(kind + " ", StringComparison.Ordinal) || trimmed.StartsWith(kind + ":", StringComparison.Ordinal))) continue;
            var depth = lines[i].Length - trimmed.Length;
            var text = new List<string>();
            for (var j = i + 1; j < lines.Length && lines[j].Length - lines[j].TrimStart().Length > depth; j++)
                if (lines[j].TrimStart().StartsWith('"')) text.Add(lines[j].Trim().Trim('"'));
            found.Add(string.Concat(text).Trim());
        }
        return found;
    }

    private static string Element(string tree, string kind) => Elements(tree, kind).Should().ContainSingle().Subject;

    private static List<string> Regex(string tree, string pattern) =>
        [.. tree.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, pattern))];

    private static IEnumerable<string> Quoted(string tree) =>
        tree.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('"')).Select(l => l.Trim('"'));

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var (exit, output, error) = await Checkout.RunAsync(program, arguments);
        exit.Should().Be(0, error);
        return output;
    }
}
