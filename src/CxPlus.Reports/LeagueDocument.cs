using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>
/// The league table as published to machines (CLI <c>--format json</c> and the read API): camelCase,
/// unrounded numbers, each estimate with its SE and interval. Field names are a contract.
/// </summary>
[Description("A sector's CX+ league table for one wave (methodology v3). Numbers are unrounded; every estimate carries its SE, degrees of freedom and confidence interval.")]
public sealed record LeagueDocument(
    string Sector,
    string Wave,
    [property: Description("The wave movements are measured against; null when there is none.")] string? PreviousWave,
    SettingsDocument Settings,
    [property: Description("Step 15: the plain mean of the ranked brands' CX+ scores (index 100); null when no brand is ranked.")] double? Average,
    [property: Description("Step 20b: the ranked brands whose rank range starts at 1, in rank order; together they hold the true leader with the table's confidence. One brand: it leads; several: the lead is shared.")] IReadOnlyList<string> Leaders,
    [property: Description("Step 20b: the ranked brands whose rank range ends at the last rank, in rank order.")] IReadOnlyList<string> CanBeLast,
    [property: Description("Ranked brands by rank, then unranked brands with their reason.")] IReadOnlyList<LeagueRowDocument> Rows,
    [property: Description("Step 26: the segment view this table is (its own bases and minimums, in the settings); null for the table of whole brands.")] SegmentDocument? Segment = null,
    [property: Description("Issue 30: true while the sector's wave is not released to members (its numbers are being checked); members only ever see released waves.")] bool Draft = false)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static LeagueDocument From(LeagueTable table) => new(
        table.Sector, table.Wave, table.PreviousWave, SettingsDocument.From(table.Settings), table.Average, table.Leaders, table.CanBeLast,
        [.. table.Rows.Select(LeagueRowDocument.From)], SegmentDocument.From(table.Segment), table.Draft);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

[Description("Step 26: a segment view: the respondents whose segment is the category.")]
public sealed record SegmentDocument(
    [property: Description("The segment's name, e.g. age.")] string Name,
    [property: Description("The category, e.g. 18-34.")] string Category,
    [property: Description("The brands none of whose prospects carries the segment (a question asked of customers only): their expectation is that of all their prospects.")] IReadOnlyList<string> ExpectationOfAllProspects)
{
    public static SegmentDocument? From(SegmentCut? cut) => cut is null ? null : new(cut.Segment, cut.Category, cut.AllProspects);
}

[Description("The settings every number was computed with (methodology: each may override its default).")]
public sealed record SettingsDocument(int ScaleMin, int ScaleMax, IReadOnlyList<double> FactorWeights, double Cap, int MinCustomers, int MinProspects,
    double ConfidenceLevel,
    [property: Description("Step 13 (v3): a ranked brand's effective base must reach this share of each minimum base.")] double MinEffectiveShare,
    [property: Description("Step 22: complete respondents key drivers need.")] int MinDriverBase,
    [property: Description("Step 22 (v3): complete respondents from which key drivers carry a bootstrap interval; below it they are indicative.")] int MinDriverIntervalBase)
{
    public static SettingsDocument From(ScoringSettings s) =>
        new(s.ScaleMin, s.ScaleMax, s.FactorWeights, s.Cap, s.MinCustomers, s.MinProspects, s.ConfidenceLevel, s.MinEffectiveShare, s.MinDriverBase, s.MinDriverIntervalBase);
}

/// <summary>An estimate with SE and interval; <c>significant</c> only for gaps (null elsewhere).</summary>
[Description("An estimate: value, standard error, degrees of freedom and confidence interval (null when not estimable).")]
public sealed record EstimateDocument(
    double Value,
    [property: Description("Standard error; null when not estimable.")] double? Se,
    [property: Description("Degrees of freedom of the t interval (Welch–Satterthwaite for combinations); null when not estimable.")] double? Df,
    [property: Description("Lower end of the confidence interval; null when not estimable.")] double? Low,
    [property: Description("Upper end of the confidence interval; null when not estimable.")] double? High,
    [property: Description("Whether the interval excludes 0: set for gaps, null elsewhere.")] bool? Significant)
{
    public static EstimateDocument? From(Estimate? e, bool withSignificance = false) =>
        e is null ? null : new(e.Value, e.StandardError, e.DegreesOfFreedom, e.Low, e.High, withSignificance ? e.ExcludesZero : null);
}

/// <summary>Step 20: the range of ranks a brand may truly hold.</summary>
[Description("Step 20: a confidence set for the brand's true rank (Bonferroni-adjusted pairwise t tests on unrounded scores), e.g. low 1, high 4.")]
public sealed record RankRangeDocument(
    [property: Description("Best rank the brand may truly hold: 1 + the brands surely ahead.")] int Low,
    [property: Description("Worst rank the brand may truly hold: ranked brands − the brands surely behind.")] int High);

/// <summary>Step 19: <c>X - X̄</c> with SE and interval, and the position it gives: <c>above</c>, <c>at</c> or <c>below</c>.</summary>
[Description("Step 19: the brand's CX+ score minus the sector average, with SE and interval, and the position it gives.")]
public sealed record VersusAverageDocument(
    [property: Description("X − X̄ in points.")] double Value,
    [property: Description("Standard error; null when not estimable.")] double? Se,
    [property: Description("Welch degrees of freedom; null when not estimable.")] double? Df,
    [property: Description("Lower end of the interval; null when not estimable.")] double? Low,
    [property: Description("Upper end of the interval; null when not estimable.")] double? High,
    [property: Description("above (interval above 0), at (interval includes 0) or below (interval below 0); null when not estimable.")] string? Position)
{
    public static VersusAverageDocument? From(VersusAverage? v) => v is null ? null
        : new(v.Difference.Value, v.Difference.StandardError, v.Difference.DegreesOfFreedom, v.Difference.Low, v.Difference.High, Display.PositionKey(v.Position));
}

public sealed record FactorDocument(string Key, string Name, EstimateDocument? Customer, EstimateDocument? Prospect, EstimateDocument? Gap);

/// <summary>Step 17: the change of X since the previous wave, with its p-value and the false discovery rate control over the table.</summary>
[Description("Step 17 (v3): the change of the CX+ score since the previous wave, with its unadjusted interval, its p-value, the Benjamini–Hochberg q-value over the table's movements and whether it is significant after that control (q ≤ alpha).")]
public sealed record MovementDocument(
    string PreviousWave,
    [property: Description("X in this wave minus X in the previous one.")] double Value,
    [property: Description("sqrt(SE_X1² + SE_X0²); null when not estimable.")] double? Se,
    [property: Description("Welch degrees of freedom; null when not estimable.")] double? Df,
    [property: Description("Lower end of the unadjusted interval; null when not estimable.")] double? Low,
    [property: Description("Upper end of the unadjusted interval; null when not estimable.")] double? High,
    [property: Description("Two-sided p-value of no change; null when not estimable.")] double? P,
    [property: Description("Benjamini–Hochberg adjusted p-value over the table's movements; null without p.")] double? Q,
    [property: Description("q ≤ alpha: significant after controlling the false discovery rate over the table; null without q.")] bool? Significant,
    int PreviousRank,
    [property: Description("Places gained: previous rank minus current rank.")] int RankChange)
{
    public static MovementDocument? From(Movement? m) => m is null ? null
        : new(m.PreviousWave, m.Change.Value, m.Change.StandardError, m.Change.DegreesOfFreedom, m.Change.Low, m.Change.High,
            m.PValue, m.QValue, m.Significant, m.PreviousRank, m.RankChange);
}

/// <summary>NPS or CSAT: the point estimate, its SE and the v3 interval (adjusted Wald for NPS, Wilson for CSAT).</summary>
[Description("A standard indicator: value, its SE and (v3) its interval — adjusted Wald for NPS, Wilson for CSAT — which holds near the ends of the range; null when not estimable.")]
public sealed record IndicatorDocument(double Value, double? Se, double? Low, double? High)
{
    public static IndicatorDocument? From(Estimate? e) => e is null ? null : new(e.Value, e.StandardError, e.Low, e.High);
}

/// <summary>Step 13: one base that keeps a brand from being ranked.</summary>
[Description("Step 13: a base below its minimum. kind lowBase: too few qualifying respondents; unequalWeights (v3): enough respondents, but an effective base below minEffectiveShare times the minimum.")]
public sealed record ShortfallDocument(
    [property: Description("lowBase or unequalWeights.")] string Kind,
    [property: Description("customer or prospect.")] string Role,
    [property: Description("The qualifying base n (lowBase) or the effective base n_eff (unequalWeights).")] double Base,
    [property: Description("The minimum it falls short of.")] double Minimum)
{
    public static ShortfallDocument From(BaseShortfall s) =>
        new(s.Kind == ShortfallKind.LowBase ? "lowBase" : "unequalWeights", s.Role.Key(), s.Base, s.Minimum);
}

public sealed record LeagueRowDocument(
    int? Rank,
    string Brand,
    bool Eligible,
    [property: Description("Why the brand is not ranked, in words; null when ranked.")] string? Reason,
    [property: Description("Step 13: the bases that keep it from being ranked; empty when ranked.")] IReadOnlyList<ShortfallDocument> Shortfalls,
    long NCustomers,
    long NProspects,
    long IncompleteCustomers,
    long IncompleteProspects,
    [property: Description("Step 6: effective base of the qualifying customers, (Σw)²/Σw²; null without any.")] double? EffectiveCustomers,
    [property: Description("Step 6: effective base of the qualifying prospects; null without any.")] double? EffectiveProspects,
    EstimateDocument? Performance,
    EstimateDocument? Expectation,
    EstimateDocument? Gap,
    [property: Description("Steps 10–12: the CX+ score X = P + min(G, cap); se and df (v3) switch smoothly between those of 2P − E below the cap and the customers' own above it; low and high are the kink-aware interval [min(L1, L2), min(U1, U2)].")] EstimateDocument? Score,
    [property: Description("Step 9: min(G, cap).")] double? AppliedGap,
    [property: Description("Steps 15 and 18: the CX+ index 100·X/X̄ with its delta-method SE and interval; null for unranked brands or when X̄ ≤ 0.")] EstimateDocument? Index,
    [property: Description("Step 20: the ranks the brand may truly hold; null for unranked brands.")] RankRangeDocument? RankRange,
    [property: Description("Step 19: against the sector average; null for unranked brands and when only one brand is ranked.")] VersusAverageDocument? VersusAverage,
    [property: Description("Step 16 (v3), from where the gap's interval lies: Under-delivers, Meets expectations, Over-delivers, or Under-promises (the gap significantly above the cap); null when the gap has no interval.")] string? Verdict,
    [property: Description("Step 16 (v3): the gap is estimated above the cap but not significantly, so the verdict is not Under-promises.")] bool GapAboveCapNotSignificantly,
    IReadOnlyList<FactorDocument> Factors,
    IndicatorDocument? Nps,
    IndicatorDocument? Csat,
    EstimateDocument? Ces,
    [property: Description("Step 17; null when the brand had no ranked result in the previous wave.")] MovementDocument? Movement)
{
    public static LeagueRowDocument From(LeagueRow row)
    {
        var r = row.Result;
        return new LeagueRowDocument(
            row.Rank, row.Brand, row.Eligible, row.Reason, [.. (row.Shortfalls ?? []).Select(ShortfallDocument.From)],
            r.Customers.N, r.Prospects.N, r.Customers.Incomplete, r.Prospects.Incomplete, r.Customers.EffectiveBase, r.Prospects.EffectiveBase,
            EstimateDocument.From(r.Performance), EstimateDocument.From(r.Expectation),
            EstimateDocument.From(r.Gap, withSignificance: true), EstimateDocument.From(r.Score),
            r.AppliedGap, EstimateDocument.From(row.Index),
            row.RankRange is { } range ? new RankRangeDocument(range.Low, range.High) : null,
            VersusAverageDocument.From(row.VersusAverage), r.Verdict?.DisplayName(), r.GapAboveCapNotSignificantly,
            [.. r.FactorGaps.Select(g => new FactorDocument(g.Factor.Key(), g.Factor.DisplayName(),
                EstimateDocument.From(g.Customer), EstimateDocument.From(g.Prospect), EstimateDocument.From(g.Gap, withSignificance: true)))],
            IndicatorDocument.From(r.Customers.Nps), IndicatorDocument.From(r.Customers.Csat), EstimateDocument.From(r.Customers.Ces),
            MovementDocument.From(row.Movement));
    }
}
