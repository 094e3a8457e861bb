using System.Net;
using System.Text.Json;
using CxPlus.Data.Demo;
using MiniExcelLibs;

namespace CxPlus.Web.Tests;

/// <summary>Issue 28 in the read API: a segment view of the league table (step 26) as JSON, CSV and Excel, and the answers to bad requests.</summary>
public sealed class SegmentApiTests(DemoApiFixture app) : IClassFixture<DemoApiFixture>
{
    private static readonly string Wave = DemoBenchmark.Waves[^1];
    private static string Base(string sector) => $"/api/v1/sectors/{Uri.EscapeDataString(sector)}/waves/{Wave}";

    [Fact]
    public async Task A_segment_view_of_the_league_has_its_own_bases_minimums_and_ranks_in_every_format()
    {
        using var client = app.Client();

        var whole = JsonDocument.Parse(await client.GetStringAsync(Base("Insurance") + "/league")).RootElement;
        var young = JsonDocument.Parse(await client.GetStringAsync(Base("Insurance") + "/league?segment=Age&category=18-34")).RootElement;

        whole.GetProperty("segment").ValueKind.Should().Be(JsonValueKind.Null);
        young.GetProperty("segment").GetProperty("name").GetString().Should().Be("age");
        young.GetProperty("segment").GetProperty("category").GetString().Should().Be("18-34");
        young.GetProperty("settings").GetProperty("minCustomers").GetInt32().Should().Be(50);
        young.GetProperty("settings").GetProperty("minProspects").GetInt32().Should().Be(30);
        int Customers(JsonElement table, string brand) => table.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("brand").GetString() == brand).GetProperty("nCustomers").GetInt32();
        var brand = whole.GetProperty("rows")[0].GetProperty("brand").GetString()!;
        Customers(young, brand).Should().BeLessThan(Customers(whole, brand), "only its young customers");
        young.GetProperty("average").GetDouble().Should().BeLessThan(whole.GetProperty("average").GetDouble(), "the demo's young customers rate lower");

        var csv = await client.GetAsync(Base("Insurance") + "/league.csv?segment=age&category=18-34");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentDisposition!.FileName.Should().Be("cx-league-insurance-2026-q3-age-18-34.csv");
        var xlsx = await client.GetAsync(Base("Insurance") + "/league.xlsx?segment=age&category=18-34");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var settings = MiniExcel.Query(stream, sheetName: "Settings").Select(r => (IDictionary<string, object>)r).ToList();
        settings.Select(r => r["B"]?.ToString()).Should().Contain("age: 18-34")
            .And.Contain(v => v != null && v.StartsWith("Segment age: 18-34. Every number is computed over each brand's respondents in this category", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_segment_without_its_category_or_one_that_is_not_there_is_answered_in_words()
    {
        using var client = app.Client();

        var half = await client.GetAsync(Base("Insurance") + "/league?segment=age");
        half.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await half.Content.ReadAsStringAsync()).Should().Contain("A segment view needs both segment and category, e.g. ?segment=age&category=18-34.");

        var missing = await client.GetAsync(Base("Insurance") + "/league?segment=age&category=65%2B");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()
            .Should().Be("Segment age has no category \"65+\" in 2026-Q3. Categories: 18-34, 35-54, 55+.");

        var noLens = await client.GetAsync(Base("Energy") + "/league?lens=cee&segment=age&category=18-34");
        noLens.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonDocument.Parse(await noLens.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()
            .Should().Be("Energy has no Six Pillars (CEE) answers in 2026-Q3: its file did not carry those columns.");
        var lensMissing = await client.GetAsync(Base("Retail Banking") + "/league.csv?lens=kei&segment=age&category=65%2B");
        lensMissing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var driversHalf = await client.GetAsync(Base("Retail Banking") + "/drivers?category=18-34");
        driversHalf.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_segment_has_its_own_lens_tables_and_drivers_in_every_format()
    {
        using var client = app.Client();

        var cee = JsonDocument.Parse(await client.GetStringAsync(Base("Retail Banking") + "/league?lens=cee&segment=age&category=55%2B")).RootElement;
        var wholeCee = JsonDocument.Parse(await client.GetStringAsync(Base("Retail Banking") + "/lenses/cee")).RootElement;
        cee.GetProperty("segment").GetProperty("category").GetString().Should().Be("55+");
        wholeCee.GetProperty("segment").ValueKind.Should().Be(JsonValueKind.Null);
        cee.GetProperty("settings").GetProperty("minCustomers").GetInt32().Should().Be(50);
        long N(JsonElement table, string brand) => table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("brand").GetString() == brand).GetProperty("n").GetInt64();
        var first = cee.GetProperty("rows")[0].GetProperty("brand").GetString()!;
        N(cee, first).Should().BeLessThan(N(wholeCee, first));

        var csv = await client.GetAsync(Base("Retail Banking") + "/league.csv?lens=kei&segment=region&category=Flanders");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentDisposition!.FileName.Should().Be("cx-kei-retail_banking-2026-q3-region-flanders.csv");
        var xlsx = await client.GetAsync(Base("Retail Banking") + "/league.xlsx?lens=cee&segment=age&category=55%2B");
        xlsx.Content.Headers.ContentDisposition!.FileName.Should().StartWith("cx-cee-retail_banking-2026-q3-age-55").And.EndWith(".xlsx");
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        MiniExcel.Query(stream, sheetName: "Settings").Select(r => (IDictionary<string, object>)r).Select(r => r["B"]?.ToString()).Should().Contain("age: 55+");

        var drivers = JsonDocument.Parse(await client.GetStringAsync(Base("Retail Banking") + "/drivers?segment=age&category=55%2B")).RootElement;
        var wholeDrivers = JsonDocument.Parse(await client.GetStringAsync(Base("Retail Banking") + "/drivers")).RootElement;
        drivers.GetProperty("segment").GetProperty("name").GetString().Should().Be("age");
        drivers.GetProperty("n").GetInt64().Should().BeLessThan(wholeDrivers.GetProperty("n").GetInt64());
        drivers.GetProperty("factors").EnumerateArray().Should().OnlyContain(f => f.GetProperty("importance").GetProperty("low").ValueKind == JsonValueKind.Number,
            "the sector's 55+ customers are enough for intervals");
        var brandDrivers = await client.GetAsync(Base("Retail Banking") + "/drivers?segment=age&category=55%2B&brand=Northbank&lens=cee");
        brandDrivers.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await brandDrivers.Content.ReadAsStringAsync()).RootElement.GetProperty("lens").GetString().Should().Be("cee");
    }

    [Fact]
    public async Task The_bundle_of_reports_carries_each_brands_segments_as_its_own_report_does()
    {
        using var client = app.Client();
        var brand = DemoBenchmark.BrandsOf("Telecom")[0];
        static string Words(byte[] pdf)
        {
            using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
            return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        }

        var single = Words(await client.GetByteArrayAsync(Base("Telecom") + $"/brands/{Uri.EscapeDataString(brand)}/report.pdf"));
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await client.GetByteArrayAsync(Base("Telecom") + "/reports.zip")));
        var entry = zip.Entries.Single(e => e.FullName.StartsWith($"cx-report-{brand.ToLowerInvariant()}-", StringComparison.Ordinal));
        using var pdf = new MemoryStream();
        await using (var content = await entry.OpenAsync()) await content.CopyToAsync(pdf);
        var bundled = Words(pdf.ToArray());

        single.Should().Contain("Segments").And.Contain("contact_reason");
        bundled.Should().Contain("Segments").And.Contain("contact_reason", "the bundle's report is the brand's report");
    }
}

/// <summary>Issue 29 in the read API: a wave's comments, filtered and paged, and bad filters answered in words.</summary>
public sealed class CommentApiTests(DemoApiFixture app) : IClassFixture<DemoApiFixture>
{
    private static readonly string Wave = DemoBenchmark.Waves[^1];
    private static string Base(string sector) => $"/api/v1/sectors/{Uri.EscapeDataString(sector)}/waves/{Wave}";

    [Fact]
    public async Task The_comments_of_a_wave_come_paged_filtered_and_without_personal_data()
    {
        using var client = app.Client();

        var all = JsonDocument.Parse(await client.GetStringAsync(Base("Insurance") + "/comments")).RootElement;
        var detractors = JsonDocument.Parse(await client.GetStringAsync(Base("Insurance") + "/comments?tone=Detractor&q=klacht")).RootElement;

        all.GetProperty("pageSize").GetInt32().Should().Be(20);
        all.GetProperty("comments").GetArrayLength().Should().Be(20);
        all.GetProperty("total").GetInt64().Should().BeGreaterThan(detractors.GetProperty("total").GetInt64());
        detractors.GetProperty("comments").EnumerateArray().Should().NotBeEmpty().And.OnlyContain(c =>
            c.GetProperty("tone").GetString() == "detractor" && c.GetProperty("matched").EnumerateArray().Any());
        (await client.GetStringAsync(Base("Insurance") + "/comments?page=2")).Should().Contain("\"page\":2");
        var raw = await client.GetStringAsync(Base("Insurance") + "/comments?q=bel");
        raw.Should().NotMatchRegex(@"06 \d{8}", "phone numbers were removed at import");

        var tone = await client.GetAsync(Base("Insurance") + "/comments?tone=angry");
        tone.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tone.Content.ReadAsStringAsync()).Should().Contain("The tone must be promoter, passive or detractor");
        (await client.GetAsync(Base("Insurance") + "/comments?page=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync(Base("Insurance") + "/comments?brand=Nobody")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_comments_of_a_theme_come_with_the_words_that_put_them_under_it()
    {
        using var client = app.Client();

        var all = JsonDocument.Parse(await client.GetStringAsync(Base("Insurance") + "/comments")).RootElement;
        var waiting = JsonDocument.Parse(await client.GetStringAsync(Base("Insurance") + "/comments?theme=waiting&tone=detractor")).RootElement;

        waiting.GetProperty("total").GetInt64().Should().BeInRange(1, all.GetProperty("total").GetInt64() - 1);
        waiting.GetProperty("comments").EnumerateArray().Should().NotBeEmpty().And.OnlyContain(c =>
            c.GetProperty("tone").GetString() == "detractor" && c.GetProperty("matched").GetArrayLength() > 0);
        var unknown = await client.GetAsync(Base("Insurance") + "/comments?theme=weather");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString().Should()
            .Be("There is no theme \"weather\" in the coding frame. Themes: waiting, staff, knowledge, digital, price, clarity, personal.");
    }

    [Fact]
    public async Task Theme_shares_of_a_wave_come_per_brand_with_the_frame_version()
    {
        using var client = app.Client();

        var all = JsonDocument.Parse(await client.GetStringAsync(Base("Insurance") + "/themes")).RootElement;
        var one = JsonDocument.Parse(await client.GetStringAsync(Base("Insurance") + "/themes?brand=" + Uri.EscapeDataString(DemoBenchmark.BrandsOf("Insurance")[0]))).RootElement;

        all.GetProperty("frameVersion").GetInt64().Should().Be(0, "the frame as shipped");
        all.GetProperty("brands").GetArrayLength().Should().Be(DemoBenchmark.BrandsOf("Insurance").Count);
        one.GetProperty("brands").GetArrayLength().Should().Be(1);
        var themes = one.GetProperty("brands")[0].GetProperty("themes");
        themes.EnumerateArray().Select(t => t.GetProperty("key").GetString()).Should().Contain(["waiting", "staff", "digital"]);
        themes.EnumerateArray().Should().Contain(t => t.GetProperty("share").ValueKind == JsonValueKind.Object && t.GetProperty("share").GetProperty("value").GetDouble() > 0);
        (await client.GetAsync(Base("Insurance") + "/themes?brand=Nobody")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
