using CxPlus.Scoring.Tests;
using Microsoft.Extensions.Configuration;
using System.Diagnostics;
using CxPlus.Data.Demo;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Tests;
using CxPlus.Reports.Charts;
using CxPlus.Reports.Drawing;
using CxPlus.Scoring;
using UglyToad.PdfPig;

namespace CxPlus.Reports.Tests;

/// <summary>The demo benchmark and the awkward-names sector in one store, for reports that must read cleanly.</summary>
public sealed class ReportStore : IAsyncLifetime
{
    private readonly Files _files = new();
    public PostgresDatabase Database { get; } = new();
    public LeagueQueries Queries => new(Database.DataSource, ScoringSettings.Default);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var importer = new ResponseImporter(Database.DataSource, ScoringSettings.Default, TimeProvider.System);
        var demo = _files.Path_("demo.csv");
        await using (var writer = File.CreateText(demo)) DemoBenchmark.Write(writer, seed: 1);
        foreach (var file in new[] { demo, _files.Write(AwkwardNames.Csv(), "awkward.csv") })
        {
            var result = await importer.ImportAsync(file, new ImportOptions(Path.GetFileName(file), "test"));
            result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
        }
        await Database.ReleaseAllAsync(); // a consultant's reports are of released waves (issue 30)
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        _files.Dispose();
    }
}

/// <summary>
/// Issue #12: reports a consultant can hand over. Every brand report of the demo benchmark and of
/// the awkward-names sector is rendered, its words read back from the PDF, and no two words may
/// overlap, nor any leave the page's margins.
/// </summary>
public sealed class ReportLayoutTests(ReportStore store) : IClassFixture<ReportStore>
{
    private static readonly DateTimeOffset Made = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);
    private const double Slack = 0.4; // points of glyph-box overlap that no reader sees (accents, rounding)

    public static TheoryData<string> Sectors => ["Retail Banking", "Energy", "Insurance", "Telecom", AwkwardNames.Sector];

    /// <summary>Every sector in English and in Dutch, whose words are longer (issue #26).</summary>
    public static TheoryData<string, string> SectorsInBothLanguages
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var language in new[] { "en", "nl" })
                foreach (var sector in new[] { "Retail Banking", "Energy", "Insurance", "Telecom", AwkwardNames.Sector }) data.Add(sector, language);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SectorsInBothLanguages))]
    public async Task No_two_words_of_any_brand_report_overlap_and_every_word_is_inside_the_margins(string sector, string language)
    {
        using var reader = new CultureScope(language);
        var wave = (await store.Queries.SectorsAsync()).Single(s => s.Name == sector).Waves[^1];
        var table = await store.Queries.LeagueAsync(sector, wave);

        foreach (var row in table.Rows)
        {
            var data = await BrandReportData.LoadAsync(store.Queries, sector, wave, row.Brand);
            using var stream = new MemoryStream();
            BrandReport.Write(data, stream, Made);
            using var pdf = PdfDocument.Open(stream.ToArray());
            foreach (var page in pdf.GetPages())
            {
                var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
                words.Should().NotBeEmpty();
                foreach (var w in words)
                {
                    var b = w.BoundingBox;
                    (b.Left >= PageFlow.Margin - 1 && b.Right <= PageFlow.PageWidth - PageFlow.Margin + 1 && b.Bottom >= 14 && b.Top <= PageFlow.PageHeight - 14)
                        .Should().BeTrue($"\"{w.Text}\" lies inside the margins ({row.Brand}, page {page.Number}: {b})");
                }
                foreach (var w in words)
                {
                    // Texts drawn over each other with no gap are read back as one word ("Aandeelt.o.v." in the Dutch
                    // themes table): within a word, each letter starts where the one before it ends.
                    var letters = w.Letters.OrderBy(l => l.StartBaseLine.X).ToList();
                    for (var k = 1; k < letters.Count; k++)
                        (letters[k].StartBaseLine.X < letters[k - 1].EndBaseLine.X - Slack).Should().BeFalse(
                            $"\"{w.Text}\" is two texts drawn over each other in {row.Brand}'s report, page {page.Number}");
                }
                for (var i = 0; i < words.Count; i++)
                for (var j = i + 1; j < words.Count; j++)
                {
                    var (a, b) = (words[i].BoundingBox, words[j].BoundingBox);
                    var overlapX = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
                    var overlapY = Math.Min(a.Top, b.Top) - Math.Max(a.Bottom, b.Bottom);
                    (overlapX > Slack && overlapY > Slack).Should().BeFalse(
                        $"\"{words[i].Text}\" and \"{words[j].Text}\" overlap in {row.Brand}'s report, page {page.Number}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sectors))]
    public async Task No_page_but_the_last_is_left_half_empty(string sector)
    {
        // Issue #25: page 3 of a demo brand's report ended two-thirds empty, because the section after
        // it asked for more room than it takes. Content runs from 52 pt to 788 pt; the footer is below.
        const double top = 52, bottom = PageFlow.PageHeight - 54;
        var problems = new List<string>();
        foreach (var wave in (await store.Queries.SectorsAsync()).Single(s => s.Name == sector).Waves)
            foreach (var row in (await store.Queries.LeagueAsync(sector, wave)).Rows)
            {
                var pages = BrandReport.Layout(await BrandReportData.LoadAsync(store.Queries, sector, wave, row.Brand), Made, Branding.Default);
                foreach (var (page, n) in pages.SkipLast(1).Select((p, n) => (p, n + 1)))
                {
                    var filled = page.Texts.Select(t => t.Bounds.Bottom).Concat(page.Rects.Select(r => r.Box.Bottom)).Where(y => y <= bottom + 1).Max();
                    var share = (filled - top) / (bottom - top);
                    if (share < 0.5) problems.Add($"{wave} {row.Brand}, page {n} of {pages.Count}: {share:P0} filled");
                }
            }
        problems.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Sectors))]
    public async Task The_laid_out_figures_have_no_colliding_texts(string sector)
    {
        var wave = (await store.Queries.SectorsAsync()).Single(s => s.Name == sector).Waves[^1];
        foreach (var row in (await store.Queries.LeagueAsync(sector, wave)).Rows)
        {
            var pages = BrandReport.Layout(await BrandReportData.LoadAsync(store.Queries, sector, wave, row.Brand), Made, Branding.Default);
            foreach (var (page, n) in pages.Select((p, n) => (p, n + 1)))
                page.Collisions().Select(c => $"\"{c.Item1.Text}\" / \"{c.Item2.Text}\"").Should().BeEmpty($"{row.Brand}, page {n}");
        }
    }

    [Theory]
    [MemberData(nameof(Sectors))]
    public async Task No_leader_line_runs_through_another_name_or_point(string sector)
    {
        // A leader through another name or point seems to join them (seen on the phone: the priority
        // matrix of Kinetic Utilities, Energy 2026-Q3). Every wave's gap map and every brand's priority
        // matrix, at every size the product draws them (dashboard wide and phone, PowerPoint, PDF).
        (double Width, double Height, double Font)[] mapSizes = [(980, 520, 11), (400, 420, 12), (620, 420, 11), (PageFlow.ContentWidth, 330, 9.5)];
        var problems = new List<string>();
        foreach (var wave in (await store.Queries.SectorsAsync()).Single(s => s.Name == sector).Waves)
        {
            var table = await store.Queries.LeagueAsync(sector, wave);
            foreach (var (width, height, font) in mapSizes)
                problems.AddRange(MisleadingLeaders(GapMapChart.Layout(table, width, height, fontSize: font), $"{wave} gap map at {width}"));
            foreach (var row in table.Rows)
                if ((await BrandReportData.LoadAsync(store.Queries, sector, wave, row.Brand)).Priorities is { } matrix)
                    foreach (var size in ChartLayoutTests.MatrixSizes)
                    {
                        var figure = PriorityMatrixChart.Layout(matrix, (double)size[0], (double)size[1], fontSize: (double)size[2]);
                        problems.AddRange(MisleadingLeaders(figure, $"{wave} {row.Brand}'s priority matrix at {size[0]}"));
                        // Issue #25: a name beside another factor's point made the chart seem to contradict its table.
                        problems.AddRange(ChartLayoutTests.NamesNearerAnotherPoint(figure).Select(p => $"{wave} {row.Brand}'s priority matrix at {size[0]}: {p}"));
                    }
        }
        problems.Should().BeEmpty();
    }

    /// <summary>
    /// Each leader line that runs through a label or a point of another place: where several brands
    /// share one point (equal scores, or markers that overlap and so read as one), leaders among
    /// their own names mislead no one.
    /// </summary>
    private static IEnumerable<string> MisleadingLeaders(Figure figure, string what)
    {
        var leaders = figure.Lines.Where(l => l.Color == LabelPlacer.LeaderColor).ToList();
        FigurePoint PointAt(double x, double y) => figure.Points.MinBy(p => Math.Abs(p.X - x) + Math.Abs(p.Y - y))!;
        // A leader runs from its point's edge to the nearest point of its own label's box.
        double Off(FigureText t, FigureLine l) => Math.Abs(t.Bounds.Nearest(l.X2, l.Y2).X - l.X2) + Math.Abs(t.Bounds.Nearest(l.X2, l.Y2).Y - l.Y2);
        FigureText LabelOf(FigureLine l) => figure.Texts.MinBy(t => Off(t, l))!;
        // Where each label belongs: the point its leader starts from, or else the point nearest to it.
        var home = figure.Texts.ToDictionary(t => t, t => leaders.FirstOrDefault(l => LabelOf(l) == t) is { } l
            ? PointAt(l.X1, l.Y1) : PointAt(t.Bounds.CenterX, t.Bounds.CenterY));
        bool Elsewhere(FigurePoint a, FigurePoint b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y)) > Math.Max(1, Math.Min(a.Radius, b.Radius));
        foreach (var leader in leaders)
        {
            var (own, from) = (LabelOf(leader), PointAt(leader.X1, leader.Y1));
            foreach (var text in figure.Texts.Where(t => t != own && Elsewhere(home[t], from) && ChartLayoutTests.Crosses(t.Bounds, leader)))
                yield return $"{what}: the leader of {own.Text} runs through the text {text.Text}";
            foreach (var point in figure.Points.Where(p => Elsewhere(p, from) && ChartLayoutTests.Crosses(new Box(p.X - 4, p.Y - 4, p.X + 4, p.Y + 4), leader)))
                yield return $"{what}: the leader of {own.Text} runs through the point of {point.Key}";
        }
    }

    [Fact]
    public async Task Every_brand_report_says_what_to_fix_first_with_the_priority_matrix()
    {
        var wave = DemoBenchmark.Waves[^1];
        var table = await store.Queries.LeagueAsync("Energy", wave);
        var sentences = new List<string>();
        foreach (var row in table.Rows)
        {
            var data = await BrandReportData.LoadAsync(store.Queries, "Energy", wave, row.Brand);
            using var stream = new MemoryStream();
            BrandReport.Write(data, stream, Made);
            using var pdf = PdfDocument.Open(stream.ToArray());
            var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));

            text.Should().Contain("What to fix first").And.Contain("Importance for recommendation").And.Contain("Lower priority");
            data.Priorities!.Factors.Should().HaveCount(5, row.Brand);
            sentences.Add(BrandReading.Priority(data.Priorities));
            // The sentence as printed (words, whatever the line breaks).
            text.Should().Contain(string.Join(" ", BrandReading.Priority(data.Priorities).Split(' ').Take(4)), row.Brand);
        }
        sentences.Should().Contain(s => s.StartsWith("Fix first: ", StringComparison.Ordinal), "some Energy brand lags on an important factor");
    }

    [Fact]
    public async Task Reports_of_awkward_names_render_to_images_for_reviewers()
    {
        var dir = Checkout.Artifacts("reports");
        foreach (var (sector, brand, file) in new[]
                 {
                     (AwkwardNames.Sector, AwkwardNames.LongBrand, "long-name"), (AwkwardNames.Sector, "Tryg A/S", "tryg"),
                     (AwkwardNames.Sector, "Τράπεζα Αθηνών", "greek"), ("Insurance", "Guardia", "insurance"),
                 })
        {
            var table = await store.Queries.LeagueAsync(sector, DemoBenchmark.Waves[^1]);
            var data = await BrandReportData.LoadAsync(store.Queries, sector, table.Wave, brand);
            var path = Path.Combine(dir, file + ".pdf");
            await using (var output = File.Create(path)) BrandReport.Write(data, output, Made);
            var start = new ProcessStartInfo("pdftoppm", ["-r", "70", "-png", path, Path.Combine(dir, file)]) { RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var err = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, err);
        }
        Directory.GetFiles(dir, "long-name-*.png").Should().NotBeEmpty();
    }
}

/// <summary>Branding from settings: the firm's name, colour and logo (PNG or SVG) on the cover and in every footer.</summary>
public sealed class BrandingTests(ReportStore store) : IClassFixture<ReportStore>
{
    internal static byte[] PngLogo()
    {
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(200, 60));
        surface.Canvas.Clear(SkiaSharp.SKColors.White);
        using var paint = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColor.Parse("#8e24aa") };
        surface.Canvas.DrawRect(0, 0, 60, 60, paint);
        using var image = surface.Snapshot();
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 90).ToArray();
    }

    internal const string SvgLogo = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="60" height="60" fill="#8e24aa"/><circle cx="120" cy="30" r="25" fill="#ff9800"/></svg>""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_firms_name_and_logo_are_on_the_cover_and_in_every_footer(bool svg)
    {
        var branding = new Branding("Nordlys Insight AS", "#8e24aa", svg ? System.Text.Encoding.UTF8.GetBytes(SvgLogo) : PngLogo(), svg);
        var data = await BrandReportData.LoadAsync(store.Queries, "Energy", DemoBenchmark.Waves[^1], "Voltra");

        var pages = BrandReport.Layout(data, DateTimeOffset.UnixEpoch, branding);
        using var stream = new MemoryStream();
        BrandReport.Write(data, stream, DateTimeOffset.UnixEpoch, branding);

        pages.Should().OnlyContain(p => p.Images.Count >= 1, "the logo is in every footer");
        pages[0].Images.Should().HaveCountGreaterThanOrEqualTo(2, "and on the cover");
        pages[0].Rects.Should().Contain(r => r.Fill == "#8e24aa", "the accent colour heads the cover");
        using var pdf = PdfDocument.Open(stream.ToArray());
        foreach (var page in pdf.GetPages())
            string.Join(" ", page.GetWords().Select(w => w.Text)).Should().Contain("Nordlys Insight AS");
        if (!svg) pdf.GetPage(1).GetImages().Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("AccentColor", "blue", "Branding:AccentColor must be a colour like #1565c0")]
    [InlineData("LogoPath", "/no/such/logo.png", "Branding:LogoPath: there is no file /no/such/logo.png.")]
    [InlineData("Font", "Arial, Comic Sans", "Branding:Font must be one typeface's name, at most 64 characters (e.g. Arial); got \"Arial, Comic Sans\".")]
    public void Unusable_branding_settings_are_named(string key, string value, string message)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"Branding:{key}"] = value }).Build();

        var act = () => Branding.From(configuration);

        act.Should().Throw<ArgumentException>().WithMessage(message + "*");
        Branding.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).Should().Be(Branding.Default);
    }
}
