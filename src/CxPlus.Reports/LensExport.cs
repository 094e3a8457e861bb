using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;

namespace CxPlus.Reports;

/// <summary>A lens's table as published to machines (CLI <c>league --lens cee|kei --format json</c> and the read API).</summary>
[Description("A sector's table in the Six Pillars (cee) or KEI (kei) lens for one wave (methodology v3 steps 24–25), ranked by the league table's rules.")]
public sealed record LensDocument(
    string Sector,
    string Wave,
    [property: Description("cee or kei.")] string Lens,
    [property: Description("The lens's headline score: CEE score (0–100) or KEI (−100 to +100).")] string ScoreName,
    SettingsDocument Settings,
    [property: Description("The plain mean of the ranked brands' scores; null when no brand is ranked.")] double? Average,
    [property: Description("Step 20b: the ranked brands whose rank range starts at 1, in rank order.")] IReadOnlyList<string> Leaders,
    [property: Description("The lens's items in order: the six pillars or the three KEI items.")] IReadOnlyList<LensItemDocument> Items,
    [property: Description("Ranked brands by rank, then unranked brands with their reason.")] IReadOnlyList<LensRowDocument> Rows,
    [property: Description("Step 26: the segment view this table is (the customers in one category, the segment minimums in the settings); null for the whole brands.")] SegmentDocument? Segment = null)
{
    public static LensDocument From(LensTable table) => new(
        table.Sector, table.Wave, table.Lens.Key(), table.Lens.ScoreName(), SettingsDocument.From(table.Settings), table.Average, table.Leaders,
        [.. table.Items.Select(i => new LensItemDocument(i.Key, i.Name))],
        [.. table.Rows.Select(r => new LensRowDocument(r.Brand, r.Eligible, r.Reason, r.N, r.Rank,
            r.RankRange is { } range ? new RankRangeDocument(range.Low, range.High) : null,
            EstimateDocument.From(r.Score), EstimateDocument.From(r.Index), VersusAverageDocument.From(r.VersusAverage),
            [.. table.Items.Select((item, k) => new LensItemScoreDocument(item.Key, item.Name, EstimateDocument.From(r.Items[k])))]))],
        SegmentDocument.From(table.Segment));

    public string ToJson() => JsonSerializer.Serialize(this, LeagueDocument.JsonOptions);
}

/// <summary>A lens item's key and name.</summary>
public sealed record LensItemDocument(string Key, string Name);

/// <summary>One item's score for one brand.</summary>
public sealed record LensItemScoreDocument(string Key, string Name,
    [property: Description("Pillar score (0–100) or the KEI item's net score (−100 to +100); null when nobody answered it.")] EstimateDocument? Score);

/// <summary>One brand's line in a lens's table.</summary>
public sealed record LensRowDocument(
    string Brand,
    bool Eligible,
    [property: Description("Why the brand is not ranked; null when ranked.")] string? Reason,
    [property: Description("Customers qualifying for the lens (CEE: four or more pillars rated; KEI: all three items answered).")] long N,
    int? Rank,
    RankRangeDocument? RankRange,
    EstimateDocument? Score,
    [property: Description("CEE only: 100·score / average with its interval; null for the KEI.")] EstimateDocument? Index,
    VersusAverageDocument? VersusAverage,
    IReadOnlyList<LensItemScoreDocument> Items);

/// <summary>Key drivers as published to machines (CLI <c>drivers --format json</c> and the read API).</summary>
[Description("Key drivers of recommendation (methodology v3 step 22): relative weights of the five success factors (or the six pillars) for NPS, of one brand or pooled over a sector's brands.")]
public sealed record DriversDocument(
    string Sector,
    string Wave,
    [property: Description("The brand; null when pooled over the sector's brands.")] string? Brand,
    [property: Description("cx (the five success factors) or cee (the six pillars).")] string Lens,
    [property: Description("Complete respondents: customers who rated every predictor and answered NPS.")] long N,
    [property: Description("R² of the least-squares regression of NPS on the predictors; null when not estimable.")] double? RSquared,
    [property: Description("Why the weights cannot be estimated; null when they can.")] string? Reason,
    [property: Description("Step 22 (v3): true when the weights are estimable from fewer than minDriverIntervalBase complete respondents: shown as indicative, with no interval.")] bool Indicative,
    [property: Description("Why the weights are indicative, in words; null when they are not.")] string? IndicativeReason,
    [property: Description("The predictors in methodology order with their importance (% of R²) and its bootstrap interval (none when indicative); empty when not estimable.")] IReadOnlyList<DriverDocument> Factors,
    [property: Description("Step 26: the segment view these drivers are of (the customers in one category); null for the whole brands.")] SegmentDocument? Segment = null)
{
    public static DriversDocument From(string sector, string wave, string? brand, Lens lens, DriverResult drivers, SegmentCut? segment = null) => new(
        sector, wave, brand, lens.Key(), drivers.N, drivers.RSquared, drivers.Reason, drivers.Indicative, drivers.IndicativeReason,
        [.. drivers.Predictors.Select(p => new DriverDocument(p.Key, p.Name, p.RawWeight, new ImportanceDocument(p.Importance.Value, p.Importance.Low, p.Importance.High)))],
        SegmentDocument.From(segment));

    public string ToJson() => JsonSerializer.Serialize(this, LeagueDocument.JsonOptions);
}

/// <summary>One predictor's importance.</summary>
public sealed record DriverDocument(string Key, string Name,
    [property: Description("The raw relative weight ε; the raw weights sum to R².")] double RawWeight,
    ImportanceDocument Importance);

/// <summary>Importance in % with its percentile bootstrap interval (null without the bootstrap).</summary>
public sealed record ImportanceDocument(double Value, double? Low, double? High);

/// <summary>A lens's table as CSV and as terminal text.</summary>
public static class LensExport
{
    /// <summary>
    /// CSV for people in the reader's language (<see cref="PeopleCsv"/>): one header row in words (the league
    /// table's where they are the same), numbers rounded as displayed, text neutralised against formulas.
    /// </summary>
    public static string ToCsv(LensTable table)
    {
        var text = new StringWriter(CultureInfo.CurrentCulture);
        var csv = new PeopleCsv(text);
        var s = table.Settings;
        string H(string key) => Texts.Format($"LeagueColumn.{key}", Display.Percent(s.ConfidenceLevel));
        var score = Texts.ScoreName(table.Lens);
        csv.Header([H("sector"), H("wave"), H("lens"), H("rank"), H("rank_low"), H("rank_high"), H("brand"), H("eligible"), H("reason"), H("n_customers"),
            score, Texts.Format("LeagueColumn.low", score, Display.Percent(s.ConfidenceLevel)), Texts.Format("LeagueColumn.high", score, Display.Percent(s.ConfidenceLevel)),
            H("index"), H("cx_index_low"), H("cx_index_high"), H("vs_average"), H("vs_average_position"),
            .. table.Items.Select(i => Texts.Item(i.Key, i.Name)), H("settings")]);
        foreach (var r in table.Rows)
        {
            (object? Value, ColumnFormat Format)[] values =
            [
                (table.Sector, ColumnFormat.Text), (table.Wave, ColumnFormat.Text), (Texts.Lens(table.Lens), ColumnFormat.Text),
                (r.Rank, ColumnFormat.Whole), (r.RankRange?.Low, ColumnFormat.Whole), (r.RankRange?.High, ColumnFormat.Whole),
                (r.Brand, ColumnFormat.Text), (r.Eligible, ColumnFormat.YesNo), (Texts.Reason(r, table.Lens), ColumnFormat.Text),
                (r.N, ColumnFormat.Whole), (r.Score?.Value, ColumnFormat.OneDecimal), (r.Score?.Low, ColumnFormat.OneDecimal), (r.Score?.High, ColumnFormat.OneDecimal),
                (r.Index?.Value, ColumnFormat.Whole), (r.Index?.Low, ColumnFormat.Whole), (r.Index?.High, ColumnFormat.Whole),
                (r.VersusAverage?.Difference.Value, ColumnFormat.OneDecimal),
                (Display.Position(r.VersusAverage?.Position) is { Length: > 0 } position ? position : null, ColumnFormat.Text),
                .. r.Items.Select(i => ((object?)i?.Value, ColumnFormat.OneDecimal)), (Texts.Settings(s), ColumnFormat.Text),
            ];
            csv.Row(values.Select(v => csv.Cell(v.Value, v.Format)));
        }
        return text.ToString();
    }

    /// <summary>Aligned text for a terminal.</summary>
    public static string Render(LensTable table)
    {
        string Number(double? v) => table.Lens == Lens.Kei ? Display.Signed(v) : Display.Score(v);
        string[] header = ["Rank", "Brand", .. table.Lens == Lens.Cee ? new[] { "Index" } : [], table.Lens.ScoreName(), "CI", .. table.Items.Select(i => i.Name), "n", "Note"];
        var lines = new List<string[]> { header };
        foreach (var r in table.Rows)
            lines.Add([r.Rank is null ? "-" : Display.Rank(r.Rank, r.RankRange), r.Brand, .. table.Lens == Lens.Cee ? new[] { Display.Index(r.Index) } : [],
                Number(r.Score?.Value), Display.Interval(r.Score), .. r.Items.Select(i => Number(i?.Value)), r.N.ToString(CultureInfo.InvariantCulture),
                r.Eligible ? Display.Position(r.VersusAverage?.Position) : r.Reason ?? ""]);
        var widths = Enumerable.Range(0, header.Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{table.Sector} — {table.Wave} — {table.Lens.DisplayName()}\n");
        if (SegmentNote(table) is { } segment) text.Append(segment).Append('\n');
        foreach (var line in lines)
            text.Append(string.Join("  ", line.Select((cell, c) => c == 1 || c == header.Length - 1 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd()).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"Sector average {table.Lens.ScoreName()}: {Number(table.Average)}\n");
        if (LeagueReading.Lead(table.Leaders, table.Rows.Count(r => r.Eligible), table.Sector) is { } lead) text.Append(lead).Append('\n');
        text.Append("Settings: ").Append(table.Settings.ToString()).Append('\n');
        return text.ToString();
    }

    /// <summary>Step 26: which segment view a lens table is and the minimum its brands are ranked with; null for the whole brands.</summary>
    public static string? SegmentNote(LensTable table) => table.Segment is { } cut
        ? Texts.Format("Segment.LensIntro", cut.Segment, cut.Category, table.Settings.MinCustomers)
        : null;

    /// <summary>Key drivers as aligned text for a terminal.</summary>
    public static string Render(DriversDocument d)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Key drivers of recommendation — {d.Sector} {d.Wave} — {d.Brand ?? "all brands pooled"}{(d.Lens == "cee" ? " — six pillars" : "")}{(d.Segment is { } cut ? $" — {cut.Name}: {cut.Category}" : "")}\n");
        if (d.RSquared is null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Not estimable: {d.Reason} (n = {d.N}).\n");
            return text.ToString();
        }
        var width = d.Factors.Max(f => f.Name.Length);
        foreach (var f in d.Factors.OrderByDescending(f => f.Importance.Value))
            text.Append(CultureInfo.InvariantCulture, $"{f.Name.PadRight(width)}  {f.Importance.Value,5:0.0} %{(f.Importance.Low is { } l ? $"  ({l:0.0}–{f.Importance.High:0.0})" : "")}\n");
        text.Append(CultureInfo.InvariantCulture, $"R² = {d.RSquared:0.000}, n = {d.N} complete customers. Importance: share of R² (relative weights); {(d.Indicative ? $"{d.IndicativeReason}, so no interval is shown" : "in brackets the bootstrap interval")}.\n");
        return text.ToString();
    }
}
