using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CxPlus.Data.League;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Scoring.Comments;
using CxPlus.Scoring.Drivers;

namespace CxPlus.Reports;

/// <summary>Steps 29-30 of a sector's wave as the read API and <c>cxplus themes shares --format json</c> give them.</summary>
[Description("What customers say, by theme (issue 29, methodology steps 29-30): per brand, the share of its qualifying customers who commented that mention each theme of the coding frame, against the rest of the sector, and the theme's impact on NPS.")]
public sealed record ThemesDocument(
    string Sector,
    string Wave,
    [property: Description("The coding frame's version the numbers were computed with (0: the frame CxPlus ships).")] long FrameVersion,
    IReadOnlyList<BrandThemesDocument> Brands)
{
    public static ThemesDocument From(SectorThemes themes, string? brand = null) => new(themes.Sector, themes.Wave, themes.FrameVersion,
        [.. themes.Brands.Where(b => brand is null || Names.Same(b.Brand, brand)).Select(b => new BrandThemesDocument(b.Brand, b.Commenters,
            [.. b.Themes.Select(t => new ThemeShareDocument(t.Theme.Key, t.Theme.NameNl, t.Theme.NameEn, t.Theme.Factor?.Key(), t.Mentions,
                EstimateDocument.From(t.Share), EstimateDocument.From(t.VersusRest), t.PValue, t.QValue, t.Significant, EstimateDocument.From(t.NpsImpact)))]))]);

    public string ToJson() => JsonSerializer.Serialize(this, LeagueDocument.JsonOptions);
}

/// <summary>One brand's themes.</summary>
public sealed record BrandThemesDocument(string Brand,
    [property: Description("Its qualifying customers with a non-empty comment.")] long Commenters,
    IReadOnlyList<ThemeShareDocument> Themes);

/// <summary>One theme of one brand.</summary>
public sealed record ThemeShareDocument(string Key, string NameNl, string NameEn,
    [property: Description("The success factor the theme belongs to; null for none.")] string? Factor,
    [property: Description("How many of the brand's commenters mention it.")] long Mentions,
    [property: Description("Weighted share (%) of the commenters who mention it, with its Wilson interval; null below 30 commenters.")] EstimateDocument? Share,
    [property: Description("The share minus that of the other brands' commenters pooled, in points, with its normal interval.")] EstimateDocument? VersusRest,
    double? PValue,
    [property: Description("Benjamini–Hochberg q over the frame's themes for the brand.")] double? QValue,
    bool? Significant,
    [property: Description("NPS of the commenters who mention it minus that of those who do not, with its normal interval; null unless both hold 30 customers.")] EstimateDocument? NpsImpact);

/// <summary>Steps 29-30 in the reader's words, and as terminal text.</summary>
public static class ThemeReading
{
    /// <summary>"Customers of Bank A mention Waiting and reachability 27.5 points more often than the rest of the sector." for each significant difference, largest first.</summary>
    public static IReadOnlyList<string> Findings(BrandThemes brand) =>
        [.. brand.Significant.Select(t => Texts.Format(t.VersusRest!.Value > 0 ? "Themes.More" : "Themes.Less", brand.Brand, Name(t.Theme), Display.Score(Math.Abs(t.VersusRest.Value))))];

    /// <summary>
    /// Beside "What to fix first" (issue 29): for each factor the brand should fix first, the frame's
    /// themes linked to it with a share, most mentioned first; none while too few customers commented.
    /// </summary>
    public static IReadOnlyList<(SuccessFactor Factor, IReadOnlyList<ThemeShare> Themes)> BesideFixFirst(PriorityMatrix? matrix, BrandThemes? themes) =>
        matrix is null || themes is null || themes.Commenters < ThemeShares.MinBase ? []
        : [.. matrix.Factors.Where(f => f.Quadrant == PriorityQuadrant.FixFirst).OrderByDescending(f => f.Importance.Value)
            .Select(f => (f.Factor, (IReadOnlyList<ThemeShare>)[.. themes.Themes.Where(t => t.Theme.Factor == f.Factor && t.Share is not null).OrderByDescending(t => t.Share!.Value)]))
            .Where(x => x.Item2.Count > 0)];

    /// <summary>"What Bank A's customers say about Exceptional Delivery:", before its themes.</summary>
    public static string AboutFactor(string brand, SuccessFactor factor) => Texts.Format("Themes.AboutFactor", brand, factor.DisplayName());

    /// <summary>"Waiting and reachability (31.2% of commenters, +12.0* vs sector)".</summary>
    public static string Item(ThemeShare t) => Texts.Format(t.VersusRest is null ? "Themes.ItemShare" : "Themes.ItemVersus", Name(t.Theme),
        Texts.Format("Number.Percent", Display.Score(t.Share!.Value)), Display.Signed(t.VersusRest?.Value) + (t.Significant == true ? "*" : ""));

    /// <summary>The whole line, as the reports write it.</summary>
    public static string BesideFixFirstLine(string brand, SuccessFactor factor, IReadOnlyList<ThemeShare> themes) =>
        AboutFactor(brand, factor) + " " + string.Join(Texts.Get("Themes.Separator"), themes.Select(Item)) + ".";

    /// <summary>A brand's themes as its table lists them: the significant differences first, then by share.</summary>
    public static IReadOnlyList<ThemeShare> Ordered(BrandThemes brand) =>
        [.. brand.Themes.OrderByDescending(t => t.Significant == true).ThenByDescending(t => t.Share?.Value ?? 0)];

    /// <summary>
    /// The themes whose quotes are shown (page, PDF, deck): the significant ones, then the most mentioned,
    /// three at most, each with its quotes not already shown for a theme before it (a comment that
    /// mentions two themes is quoted once).
    /// </summary>
    public static IReadOnlyList<ThemeShare> Leading(BrandThemes brand)
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        return [.. brand.Themes.Where(t => t.Quotes is { Count: > 0 }).OrderByDescending(t => t.Significant == true).ThenByDescending(t => t.Mentions)
            .Select(t => t with { Quotes = [.. t.Quotes!.Where(q => shown.Add(q.Comment))] })
            .Where(t => t.Quotes!.Count > 0).Take(3)];
    }

    /// <summary>A theme's table cells: share, its interval, the difference from the rest of the sector (* when significant), NPS impact and its interval.</summary>
    public static (string Share, string ShareInterval, string Versus, string Impact, string ImpactInterval) Cells(ThemeShare t) => (
        t.Share is null ? "–" : Texts.Format("Number.Percent", Display.Score(t.Share.Value)), Display.Interval(t.Share),
        t.VersusRest is null ? "–" : Display.Signed(t.VersusRest.Value) + (t.Significant == true ? "*" : ""),
        t.NpsImpact is null ? "–" : Display.Signed(t.NpsImpact.Value), Display.Interval(t.NpsImpact));

    /// <summary>A quote's author's tone (step 30), or null without an NPS answer.</summary>
    public static string? Tone(Commenter quote) =>
        quote.Nps is { } nps ? Texts.Get($"Tone.{(nps >= 9 ? "Promoter" : nps >= 7 ? "Passive" : "Detractor")}") : null;

    /// <summary>The section's introduction: how many commented, and what the columns mean; or that too few did.</summary>
    public static string Intro(BrandThemes brand, ScoringSettings settings) => brand.Commenters < ThemeShares.MinBase
        ? Texts.Format("Themes.TooFew", Display.Whole(brand.Commenters), brand.Brand, ThemeShares.MinBase)
        : Texts.Format("Themes.Intro", Display.Whole(brand.Commenters), brand.Brand, Display.Percent(settings.ConfidenceLevel), Display.Percent(1 - settings.ConfidenceLevel));

    /// <summary>A theme's name in the reader's language.</summary>
    public static string Name(Theme theme) => theme.Name(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>A brand's themes aligned for a terminal (English, as the CLI's own words).</summary>
    public static string Render(SectorThemes themes, string? brand)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"What customers say — {themes.Sector} {themes.Wave} — coding frame version {themes.FrameVersion}\n");
        foreach (var b in themes.Brands.Where(b => brand is null || Names.Same(b.Brand, brand)))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{b.Brand}: {b.Commenters:#,0} commenters\n");
            string[] header = ["Theme", "Share", "CI", "vs sector", "NPS impact"];
            var lines = new List<string[]> { header };
            lines.AddRange(b.Themes.Select(t => new[] { t.Theme.NameEn, Display.Score(t.Share?.Value), Display.Interval(t.Share),
                Display.Signed(t.VersusRest?.Value) + (t.Significant == true ? "*" : ""), Display.Signed(t.NpsImpact?.Value) }));
            var widths = Enumerable.Range(0, header.Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
            foreach (var line in lines)
                text.Append(string.Join("  ", line.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd()).Append('\n');
        }
        return text.ToString();
    }
}
