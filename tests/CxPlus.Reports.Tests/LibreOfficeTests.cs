using System.Diagnostics;
using CxPlus.Data.Demo;
using UglyToad.PdfPig;

namespace CxPlus.Reports.Tests;

/// <summary>
/// Issue 31: the files open in the office software consultants' clients use. LibreOffice (installed
/// by .ci/run from Debian) renders the demo's workbook and a brand's deck to PDF without error; the
/// workbook prints landscape with its footer on every page, the narrow sheets one page wide.
/// </summary>
public sealed class LibreOfficeTests(ReportStore store) : IClassFixture<ReportStore>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cxplus-soffice-").FullName;

    /// <summary>The file converted to PDF by <c>soffice --headless</c>, in its own profile (parallel runs do not share one).</summary>
    private async Task<PdfDocument> RenderAsync(string file)
    {
        var start = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"-env:UserInstallation=file://{_dir}/profile", "--headless", "--convert-to", "pdf", "--outdir", _dir, file })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start: install LibreOffice (.ci/run does).");
        var err = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await err);
        var pdf = Path.Combine(_dir, Path.GetFileNameWithoutExtension(file) + ".pdf");
        File.Exists(pdf).Should().BeTrue($"LibreOffice wrote no PDF of {Path.GetFileName(file)}: {await err}");
        return PdfDocument.Open(pdf);
    }

    [Fact]
    public async Task The_workbook_renders_landscape_with_its_footer_on_every_page_and_the_narrow_sheets_one_page_wide()
    {
        var table = await store.Queries.LeagueAsync("Retail Banking", DemoBenchmark.Waves[^1]);
        var history = await store.Queries.HistoryAsync("Retail Banking");
        var path = Path.Combine(_dir, "league.xlsx");
        await using (var file = File.Create(path)) LeagueWorkbook.Write(table, history, file);

        using var pdf = await RenderAsync(path);

        var pages = pdf.GetPages().ToList();
        pages.Should().OnlyContain(p => p.Width > p.Height, "landscape");
        for (var i = 0; i < pages.Count; i++)
        {
            var text = string.Join(" ", pages[i].GetWords().Select(w => w.Text));
            text.Should().Contain($"page {i + 1} of {pages.Count}").And.Contain(table.Wave);
        }
        // The trend's header row and its last column are on one page: it is not cut across pages.
        pages.Should().ContainSingle(p => string.Join(" ", p.GetWords().Select(w => w.Text)).Contains("Sector average CX+ score", StringComparison.Ordinal)
            && p.GetWords().Any(w => w.Text == "Wave") && p.GetWords().Any(w => w.Text == "Expectation"));
    }

    [Fact]
    public async Task A_brands_deck_renders_every_slide()
    {
        var data = await BrandReportData.LoadAsync(store.Queries, "Retail Banking", DemoBenchmark.Waves[^1], "Tallis & Co");
        var path = Path.Combine(_dir, "deck.pptx");
        await using (var file = File.Create(path)) BrandDeck.Write(data, file, DateTimeOffset.UtcNow);

        using var pdf = await RenderAsync(path);

        pdf.NumberOfPages.Should().BeGreaterThan(5);
        string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text)).Should().Contain("Tallis");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
