using System.Diagnostics;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using UglyToad.PdfPig;

namespace CxPlus.Reports.Tests;

public sealed class WorkedExampleDatabase : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public LeagueQueries Queries => new(Database.DataSource, ScoringSettings.Default);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        (await new ResponseImporter(Database.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(Samples.Path("worked-example.csv"), new ImportOptions("worked-example.csv", "test"))).Succeeded.Should().BeTrue();
        await Database.ReleaseAllAsync(); // a consultant's reports are of released waves (issue 30)
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}

/// <summary>The PDF brand report, read back as a consultant's reader would see it.</summary>
public sealed class BrandReportTests(WorkedExampleDatabase store) : IClassFixture<WorkedExampleDatabase>
{
    private static readonly DateTimeOffset Made = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private async Task<byte[]> Report(string brand)
    {
        var data = await BrandReportData.LoadAsync(store.Queries, "Retail Banking", "2026-Q3", brand);
        using var pdf = new MemoryStream();
        BrandReport.Write(data, pdf, Made);
        return pdf.ToArray();
    }

    [Fact]
    public async Task A_report_of_a_wave_not_yet_released_says_draft_on_its_cover_on_every_page_and_in_its_file_name()
    {
        var released = await BrandReportData.LoadAsync(store.Queries, "Retail Banking", "2026-Q3", "Bank A");
        released.Table.Draft.Should().BeFalse();
        var draft = released with { Table = released.Table with { Draft = true } };

        using var pdf = new MemoryStream();
        BrandReport.Write(draft, pdf, Made);
        using var document = PdfDocument.Open(pdf.ToArray());
        document.GetPages().Should().OnlyContain(p => string.Join(" ", p.GetWords().Select(w => w.Text)).Contains("DRAFT — not released to members"));
        using var plain = new MemoryStream();
        BrandReport.Write(released, plain, Made);
        using var releasedDocument = PdfDocument.Open(plain.ToArray());
        releasedDocument.GetPages().Should().NotContain(p => string.Join(" ", p.GetWords().Select(w => w.Text)).Contains("DRAFT"));

        using var deck = new MemoryStream();
        BrandDeck.Write(draft, deck, Made);
        using var slides = DocumentFormat.OpenXml.Packaging.PresentationDocument.Open(new MemoryStream(deck.ToArray()), false);
        string.Join(" ", slides.PresentationPart!.SlideParts.First().Slide.Descendants<DocumentFormat.OpenXml.Drawing.Text>().Select(t => t.Text))
            .Should().Contain("DRAFT — not released to members");

        (FileNames.Report(draft), FileNames.Report(draft, "pptx"), FileNames.League(draft.Table, "xlsx"), FileNames.Bundle(draft.Table), FileNames.Report(released))
            .Should().Be(("cx-report-bank_a-retail_banking-2026-q3-draft.pdf", "cx-report-bank_a-retail_banking-2026-q3-draft.pptx",
                "cx-league-retail_banking-2026-q3-draft.xlsx", "cx-reports-retail_banking-2026-q3-draft.zip", "cx-report-bank_a-retail_banking-2026-q3.pdf"));
    }

    [Fact]
    public async Task The_report_names_the_brand_its_numbers_and_its_rank_in_selectable_text()
    {
        using var pdf = PdfDocument.Open(await Report("Bank A"));

        pdf.NumberOfPages.Should().BeInRange(3, 4);
        var cover = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        cover.Should().Contain("Bank A").And.Contain("Retail Banking").And.Contain("66.0").And.Contain("91").And.Contain("-4.0*")
            .And.Contain("Under-delivers").And.Contain("of 3 ranked brands");
        var table = string.Join(" ", pdf.GetPage(2).GetWords().Select(w => w.Text));
        table.Should().Contain("Bank C").And.Contain("105").And.Contain("76.0");
        var methodology = string.Join(" ", pdf.GetPage(pdf.NumberOfPages).GetWords().Select(w => w.Text));
        methodology.Should().Contain("Clear Brand Promise").And.Contain("120 customers").And.Contain("2026-11-23 09:30 UTC");
        pdf.Information.Title.Should().Be("CX+ brand report: Bank A, Retail Banking 2026-Q3");
    }

    [Fact]
    public async Task A_Dutch_report_reads_in_Dutch_with_numbers_as_a_Dutch_reader_writes_them()
    {
        byte[] bytes;
        using (new CultureScope("nl")) bytes = await Report("Bank A");
        using var pdf = PdfDocument.Open(bytes);

        var cover = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        cover.Should().Contain("MERKRAPPORT").And.Contain("66,0").And.Contain("−4,0*").And.Contain("Oordeel: Onderpresteert")
            .And.Contain("Drie bevindingen").And.Contain("van 3 gerangschikte merken; positie 3 (95% betrouwbaar)").And.NotContain("66.0").And.NotContain("…");
        string.Join(" ", pdf.GetPage(2).GetWords().Select(w => w.Text)).Should().Contain("Ranglijst Retail Banking").And.Contain("76,0").And.Contain("Gapkaart");
        string.Join(" ", pdf.GetPage(pdf.NumberOfPages).GetWords().Select(w => w.Text)).Should().Contain("Hoe deze cijfers tot stand komen").And.Contain("120 klanten");
        pdf.Information.Title.Should().Be("CX+ merkrapport: Bank A, Retail Banking 2026-Q3");
        pdf.Information.Keywords.Should().Contain("language: nl");
    }

    [Fact]
    public async Task Fonts_are_embedded_so_the_report_looks_the_same_everywhere()
    {
        using var pdf = PdfDocument.Open(await Report("Bank C"));

        pdf.GetPage(1).Letters.Select(l => l.FontName).Distinct().Should().OnlyContain(f => f.Contains("DejaVu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_page_renders_with_pdftoppm()
    {
        var dir = Checkout.Artifacts("reports");
        var path = Path.Combine(dir, "bank-b.pdf");
        await File.WriteAllBytesAsync(path, await Report("Bank B"));

        var start = new ProcessStartInfo("pdftoppm", ["-r", "60", "-png", path, Path.Combine(dir, "bank-b")]) { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var err = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(0, err);
        using var pdf = PdfDocument.Open(path);
        Directory.GetFiles(dir, "bank-b-*.png").Should().HaveCount(pdf.NumberOfPages).And.OnlyContain(f => new FileInfo(f).Length > 5000);
    }

    [Fact]
    public async Task An_unknown_brand_is_named()
    {
        var act = () => BrandReportData.LoadAsync(store.Queries, "Retail Banking", "2026-Q3", "Bank Z");

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Retail Banking has no brand \"Bank Z\" in 2026-Q3.");
    }
}
