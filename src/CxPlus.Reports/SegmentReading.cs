using CxPlus.Reports.Localization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>
/// Step 27 in words, for the brand page and the report: what each measure is called, and each
/// significant difference of a category from the brand's other customers as a sentence
/// ("Customers in age: 18-34 rate Bank A 6.1 points lower on Empowered Employees than its other customers.").
/// </summary>
public static class SegmentReading
{
    /// <summary>Beyond this many a section names the largest differences and counts the rest.</summary>
    public const int Findings = 6;

    /// <summary>The measure's name for people.</summary>
    public static string Measure(CategoryContrast contrast) => Measure((contrast.Measure, contrast.Factor));

    /// <inheritdoc cref="Measure(CategoryContrast)"/>
    public static string Measure((ContrastMeasure Measure, SuccessFactor? Factor) measure) => measure.Measure switch
    {
        ContrastMeasure.Score => Texts.Get("Brand.Score"),
        ContrastMeasure.Performance => Texts.Get("Segment.Performance"),
        ContrastMeasure.Expectation => Texts.Get("Segment.Expectation"),
        ContrastMeasure.Gap => Texts.Get("Brand.Gap"),
        ContrastMeasure.Factor => measure.Factor!.Value.DisplayName(),
        _ => Texts.Get("Brand.Nps"),
    };

    /// <summary>One significant difference as a sentence.</summary>
    public static string Finding(SegmentContrast segment, string category, CategoryContrast contrast)
    {
        var difference = contrast.Difference.Estimate.Value;
        var points = Display.Score(Math.Abs(difference));
        // The customers' own ratings read as "rate the brand"; the expectation, the gap, the score and NPS as a measure.
        var key = contrast.Measure switch
        {
            ContrastMeasure.Performance or ContrastMeasure.Factor => "Segment.Rate",
            ContrastMeasure.Nps => "Segment.Nps",
            _ => "Segment.Is",
        } + (difference > 0 ? "Higher" : "Lower");
        return Texts.Format(key, segment.Brand, segment.Segment, category, points, Measure(contrast));
    }

    /// <summary>
    /// The significant differences over all the brand's segments as sentences: what customers
    /// experience first (the CX Performance Score and the factors, on one 0-100 scale), then the
    /// expectation, gap and score, then NPS (on its own -100 to 100 scale); largest first within each.
    /// </summary>
    public static IReadOnlyList<string> All(IReadOnlyList<SegmentContrast> segments) =>
        [.. segments.SelectMany(s => s.Significant.Select(x => (Segment: s, x.Category, x.Contrast)))
            .OrderBy(x => x.Contrast.Measure switch { ContrastMeasure.Performance or ContrastMeasure.Factor => 0, ContrastMeasure.Nps => 2, _ => 1 })
            .ThenByDescending(x => Math.Abs(x.Contrast.Difference.Estimate.Value))
            .Select(x => Finding(x.Segment, x.Category, x.Contrast))];

    /// <summary>A difference as a cell: signed points, marked * when significant after the adjustment.</summary>
    public static string Cell(CategoryContrast? contrast) => contrast is null ? "–"
        : Display.Signed(contrast.Difference.Estimate.Value) + (contrast.Difference.Significant == true ? "*" : "");
}
