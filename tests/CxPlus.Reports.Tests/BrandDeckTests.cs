using CxPlus.Scoring.Tests;
using CxPlus.Data.Demo;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace CxPlus.Reports.Tests;

/// <summary>The PowerPoint deck: valid Open XML, and every number a consultant quotes present as text on a slide.</summary>
public sealed class BrandDeckTests(ReportStore store) : IClassFixture<ReportStore>
{
    private static readonly DateTimeOffset Made = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    private async Task<(byte[] Deck, BrandReportData Data)> DeckAsync(string sector, string brand)
    {
        var data = await BrandReportData.LoadAsync(store.Queries, sector, DemoBenchmark.Waves[^1], brand);
        using var stream = new MemoryStream();
        BrandDeck.Write(data, stream, Made);
        return (stream.ToArray(), data);
    }

    public static TheoryData<string, string> Brands => new()
    {
        { "Insurance", "Guardia" }, { "Retail Banking", "Tallis & Co" }, { AwkwardNames.Sector, AwkwardNames.LongBrand }, { AwkwardNames.Sector, "Банк Один" },
    };

    [Theory]
    [MemberData(nameof(Brands))]
    public async Task The_deck_passes_the_open_xml_validator_with_no_errors(string sector, string brand)
    {
        var (deck, _) = await DeckAsync(sector, brand);

        using var document = PresentationDocument.Open(new MemoryStream(deck), false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        errors.Should().BeEmpty();
        document.PresentationPart!.SlideParts.Should().HaveCountGreaterThanOrEqualTo(8);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("nl")]
    public async Task The_deck_has_a_slide_master_in_the_firms_branding_with_a_title_a_section_and_a_content_layout(string language)
    {
        // Issue #31: consultants re-styled plain white slides before every meeting.
        var branding = new Branding("Nordlys Insight AS", "#8e24aa", BrandingTests.PngLogo(), false) { Font = "Arial" };
        var data = await BrandReportData.LoadAsync(store.Queries, "Retail Banking", DemoBenchmark.Waves[^1], "Tallis & Co");
        using var stream = new MemoryStream();
        using (new CultureScope(language)) BrandDeck.Write(data, stream, Made, branding);
        var artifacts = Checkout.Artifacts("reports"); // for a look in PowerPoint or LibreOffice
        await File.WriteAllBytesAsync(Path.Combine(artifacts, $"branded-deck-{language}.pptx"), stream.ToArray());

        using var document = PresentationDocument.Open(new MemoryStream(stream.ToArray()), false);
        new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").Should().BeEmpty();
        var master = document.PresentationPart!.SlideMasterParts.Should().ContainSingle().Subject;
        // The firm's colour, typeface, name and logo.
        var theme = master.ThemePart!.Theme;
        theme.ThemeElements!.ColorScheme!.Accent1Color!.RgbColorModelHex!.Val!.Value.Should().Be("8E24AA");
        theme.ThemeElements.FontScheme!.MajorFont!.LatinFont!.Typeface!.Value.Should().Be("Arial");
        theme.ThemeElements.FontScheme.MinorFont!.LatinFont!.Typeface!.Value.Should().Be("Arial");
        master.SlideMaster.Descendants<A.Text>().Select(t => t.Text).Should().Contain("Nordlys Insight AS");
        master.ImageParts.Should().ContainSingle("the logo on every slide");
        // Three layouts, named in the reader's language: what PowerPoint's "New slide" offers.
        var layouts = master.SlideLayoutParts.ToDictionary(l => l.SlideLayout.Type!.InnerText!, l => l);
        layouts.Keys.Should().BeEquivalentTo("title", "secHead", "titleOnly");
        using (new CultureScope(language))
            layouts.Values.Select(l => l.SlideLayout.CommonSlideData!.Name!.Value)
                .Should().BeEquivalentTo(Localization.Texts.Get("Deck.LayoutTitle"), Localization.Texts.Get("Deck.LayoutSection"), Localization.Texts.Get("Deck.LayoutContent"));
        // The title slide fills the title layout's placeholders; every other slide's title is its layout's title placeholder.
        var slides = document.PresentationPart.SlideParts.OrderBy(s => document.PresentationPart.Presentation.SlideIdList!
            .Elements<P.SlideId>().ToList().FindIndex(id => id.RelationshipId == document.PresentationPart.GetIdOfPart(s))).ToList();
        slides[0].SlideLayoutPart!.SlideLayout.Type!.InnerText.Should().Be("title");
        Placeholder(slides[0], P.PlaceholderValues.CenteredTitle).Should().Be("Tallis & Co");
        foreach (var slide in slides.Skip(1))
        {
            slide.SlideLayoutPart!.SlideLayout.Type!.InnerText.Should().Be("titleOnly");
            Placeholder(slide, P.PlaceholderValues.Title).Should().NotBeNullOrWhiteSpace();
        }
    }

    private static string? Placeholder(SlidePart slide, P.PlaceholderValues type) => slide.Slide.Descendants<P.Shape>()
        .SingleOrDefault(s => s.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value == type)?
        .TextBody?.InnerText;

    [Fact]
    public async Task The_slides_hold_the_brands_numbers_as_text()
    {
        var (deck, data) = await DeckAsync("Retail Banking", "Tallis & Co");

        using var document = PresentationDocument.Open(new MemoryStream(deck), false);
        var text = string.Join(" ", document.PresentationPart!.SlideParts.SelectMany(s => s.Slide.Descendants<A.Text>()).Select(t => t.Text));
        var r = data.Row.Result;
        text.Should().Contain("Tallis & Co").And.Contain(Display.Score(r.Score!.Value)).And.Contain(Display.Interval(r.Score))
            .And.Contain(Display.Index(data.Row.Index)).And.Contain(Display.Rank(data.Row)).And.Contain(Display.Score(r.Performance!.Value))
            .And.Contain(Display.Signed(r.Gap!.Value)).And.Contain(r.Verdict!.Value.DisplayName());
        foreach (var row in data.Table.Rows) text.Should().Contain(row.Brand);
        foreach (var factor in r.FactorGaps) text.Should().Contain(factor.Factor.DisplayName()).And.Contain(Display.Score(factor.Customer!.Value));
        foreach (var (table, _) in data.History) text.Should().Contain(table.Wave);
        document.PresentationPart.SlideParts.Sum(s => s.ImageParts.Count()).Should().BeGreaterThanOrEqualTo(3, "the gap map, the factor profile and the trend");
    }

    [Fact]
    public async Task A_Dutch_deck_is_valid_reads_in_Dutch_and_names_its_language()
    {
        byte[] deck;
        using (new CultureScope("nl")) (deck, _) = await DeckAsync("Retail Banking", "Tallis & Co");

        using var document = PresentationDocument.Open(new MemoryStream(deck), false);
        new OpenXmlValidator().Validate(document).Should().BeEmpty();
        var slides = string.Join(" ", document.PresentationPart!.SlideParts.SelectMany(s => s.Slide.Descendants<A.Text>()).Select(t => t.Text));
        slides.Should().Contain("de kerncijfers").And.Contain("Wat de cijfers zeggen").And.Contain("Drie bevindingen").And.Contain("Ranglijst Retail Banking")
            .And.Contain("Wat eerst verbeteren").And.NotContain("headline numbers");
        document.PackageProperties.Language.Should().Be("nl-NL");
        document.PresentationPart.SlideParts.SelectMany(s => s.Slide.Descendants<A.RunProperties>()).Should().OnlyContain(r => r.Language == "nl-NL", "PowerPoint proofs it as Dutch");
    }

    [Fact]
    public async Task The_deck_and_the_pdf_say_the_v3_verdict_who_leads_and_what_a_marked_change_means()
    {
        // Oak Mutual, Retail Banking 2026-Q3: a gap of +6.1 above the cap, not significantly; it leads; it rose significantly.
        var (deck, data) = await DeckAsync("Retail Banking", "Oak Mutual");
        using var document = PresentationDocument.Open(new MemoryStream(deck), false);
        var slides = string.Join(" ", document.PresentationPart!.SlideParts.SelectMany(s => s.Slide.Descendants<A.Text>()).Select(t => t.Text));
        using var stream = new MemoryStream();
        BrandReport.Write(data, stream, Made);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(stream.ToArray());
        var report = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));

        data.Row.Result.GapAboveCapNotSignificantly.Should().BeTrue("the case");
        data.Row.Movement!.Significant.Should().BeTrue("the case");
        foreach (var text in new[] { slides, report })
        {
            text.Should().Contain("Over-delivers").And.Contain("above the cap (+5), but not significantly").And.NotContain("Under-promises: customers rate it");
            text.Should().Contain("Oak Mutual leads Retail Banking").And.Contain("false discovery rate");
        }
        report.Should().Contain("Verdict: Over-delivers †").And.Contain("rose significantly since 2026-Q2");
    }

    [Fact]
    public async Task A_brand_with_segments_gets_their_findings_and_a_slide_per_segment_and_its_report_a_segments_section()
    {
        var (deck, data) = await DeckAsync("Retail Banking", "Northbank");
        data.Segments.Should().HaveCount(4, "the demo's age, contact reason, lifecycle and region");

        using var document = PresentationDocument.Open(new MemoryStream(deck), false);
        var slides = document.PresentationPart!.SlideParts.Select(s => string.Join(" ", s.Slide.Descendants<A.Text>().Select(t => t.Text))).ToList();
        var findings = SegmentReading.All(data.Segments!);
        findings.Should().NotBeEmpty();
        slides.Should().Contain(s => s.StartsWith("Segments ", StringComparison.Ordinal) && s.Contains(findings[0], StringComparison.Ordinal));
        var age = slides.Single(s => s.StartsWith("Segments: age", StringComparison.Ordinal));
        age.Should().Contain("18-34 (").And.Contain("CX Performance Score");
        var young = data.Segments!.Single(s => s.Segment == "age").Categories.Single(c => c.Category == "18-34");
        age.Should().Contain(SegmentReading.Cell(young.Contrasts.Single(c => c.Measure == ContrastMeasure.Performance)));
        new OpenXmlValidator().Validate(document).Should().BeEmpty();

        using var stream = new MemoryStream();
        BrandReport.Write(data, stream, Made);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(stream.ToArray());
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        text.Should().Contain("Segments").And.Contain(string.Join(" ", findings[0].Split(' ').Take(6))).And.Contain("contact_reason");
    }

    [Fact]
    public async Task A_brand_whose_customers_commented_gets_what_they_say_with_quotes_and_beside_what_to_fix_first_the_themes_of_that_factor()
    {
        var (deck, data) = await DeckAsync("Energy", "GreenGrid");
        var themes = data.Themes!;
        themes.Commenters.Should().BeGreaterThanOrEqualTo(Scoring.Comments.ThemeShares.MinBase);
        var leading = ThemeReading.Leading(themes);
        leading.Should().NotBeEmpty();
        leading.SelectMany(t => t.Quotes!).Select(q => q.Comment).Should().OnlyHaveUniqueItems("a comment that mentions two themes is quoted once");
        var beside = ThemeReading.BesideFixFirst(data.Priorities, themes);
        beside.Should().NotBeEmpty("GreenGrid has a factor to fix first and themes linked to it");
        beside.Should().OnlyContain(x => data.Priorities!.Factors.Single(f => f.Factor == x.Factor).Quadrant == Scoring.Drivers.PriorityQuadrant.FixFirst
            && x.Themes.All(t => t.Theme.Factor == x.Factor));

        using var document = PresentationDocument.Open(new MemoryStream(deck), false);
        var slides = document.PresentationPart!.SlideParts.Select(s => string.Join(" ", s.Slide.Descendants<A.Text>().Select(t => t.Text))).ToList();
        var said = slides.Single(s => s.StartsWith("What customers say ", StringComparison.Ordinal));
        foreach (var t in themes.Themes) said.Should().Contain(t.Theme.NameEn).And.Contain(ThemeReading.Cells(t).Share);
        var quotes = slides.Single(s => s.StartsWith("In their own words", StringComparison.Ordinal));
        foreach (var t in leading) quotes.Should().Contain(t.Theme.NameEn).And.Contain($"“{t.Quotes![0].Comment}”");
        slides.Single(s => s.StartsWith("What to fix first", StringComparison.Ordinal)).Should().Contain(ThemeReading.Item(beside[0].Themes[0]));
        new OpenXmlValidator().Validate(document).Should().BeEmpty();

        using var stream = new MemoryStream();
        BrandReport.Write(data, stream, Made);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(stream.ToArray());
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        text.Should().Contain("What customers say").And.Contain(string.Join(" ", $"“{leading[0].Quotes![0].Comment}”".Split(' ').Take(4)))
            .And.Contain(string.Join(" ", ThemeReading.AboutFactor("GreenGrid", beside[0].Factor).Split(' ')));
        text.Should().NotMatchRegex(@"06 \d{8}|@\w+\.\w+", "the demo's planted personal data was removed at import");
    }

    [Fact]
    public async Task A_brand_whose_customers_did_not_comment_gets_no_such_slide_or_page()
    {
        var (deck, data) = await DeckAsync(AwkwardNames.Sector, AwkwardNames.LongBrand);
        data.Themes.Should().BeNull();
        using var document = PresentationDocument.Open(new MemoryStream(deck), false);
        document.PresentationPart!.SlideParts.Select(s => string.Join(" ", s.Slide.Descendants<A.Text>().Select(t => t.Text)))
            .Should().NotContain(s => s.StartsWith("What customers say", StringComparison.Ordinal) || s.StartsWith("In their own words", StringComparison.Ordinal));
    }
}
