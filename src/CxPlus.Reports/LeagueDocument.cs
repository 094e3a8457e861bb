using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>
/// The league table as published to machines (CLI <c>--format json</c> and the read API): camelCase,
/// unrounded numbers, each estimate with its SE and interval. Field names are a contract.
/// </summary>
[Description("A sector's CX+ league table for one wave (methodology v2). Numbers are unrounded; every estimate carries its SE, degrees of freedom and confidence interval.")]
public sealed record LeagueDocument(
    string Sector,
    string Wave,
    [property: Description("The wave movements are measured against; null when there is none.")] string? PreviousWave,
    SettingsDocument Settings,
    [property: Description("Step 15: the plain mean of the ranked brands' CX+ scores (index 100); null when no brand is ranked.")] double? Average,
    [property: Description("Ranked brands by rank, then unranked brands with their reason.")] IReadOnlyList<LeagueRowDocument> Rows)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static LeagueDocument From(LeagueTable table) => new(
        table.Sector, table.Wave, table.PreviousWave, SettingsDocument.From(table.Settings), table.Average,
        [.. table.Rows.Select(LeagueRowDocument.From)]);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

public sealed record SettingsDocument(int ScaleMin, int ScaleMax, IReadOnlyList<double> FactorWeights, double Cap, int MinCustomers, int MinProspects, double ConfidenceLevel)
{
    public static SettingsDocument From(ScoringSettings s) =>
        new(s.ScaleMin, s.ScaleMax, s.FactorWeights, s.Cap, s.MinCustomers, s.MinProspects, s.ConfidenceLevel);
}

/// <summary>An estimate with SE and interval; <c>significant</c> only for gaps and movements (null elsewhere).</summary>
[Description("An estimate: value, standard error, degrees of freedom and confidence interval (null when not estimable).")]
public sealed record EstimateDocument(
    double Value,
    [property: Description("Standard error; null when not estimable.")] double? Se,
    [property: Description("Degrees of freedom of the t interval (Welch–Satterthwaite for combinations); null when not estimable.")] double? Df,
    [property: Description("Lower end of the confidence interval; null when not estimable.")] double? Low,
    [property: Description("Upper end of the confidence interval; null when not estimable.")] double? High,
    [property: Description("Whether the interval excludes 0: set for gaps and movements, null elsewhere.")] bool? Significant)
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

public sealed record MovementDocument(string PreviousWave, EstimateDocument Change, int PreviousRank, int RankChange);

public sealed record LeagueRowDocument(
    int? Rank,
    string Brand,
    bool Eligible,
    string? Reason,
    long NCustomers,
    long NProspects,
    long IncompleteCustomers,
    long IncompleteProspects,
    EstimateDocument? Performance,
    EstimateDocument? Expectation,
    EstimateDocument? Gap,
    [property: Description("Steps 10–12 (v2): the CX+ score X = P + min(G, cap); se and df are those of 2P − E unless the gap is significantly above the cap (then the customers' own); low and high are the kink-aware interval [min(L1, L2), min(U1, U2)].")] EstimateDocument? Score,
    [property: Description("Step 9: min(G, cap).")] double? AppliedGap,
    [property: Description("Steps 15 and 18: the CX+ index 100·X/X̄ with its delta-method SE and interval; null for unranked brands or when X̄ ≤ 0.")] EstimateDocument? Index,
    [property: Description("Step 20: the ranks the brand may truly hold; null for unranked brands.")] RankRangeDocument? RankRange,
    [property: Description("Step 19: against the sector average; null for unranked brands and when only one brand is ranked.")] VersusAverageDocument? VersusAverage,
    string? Verdict,
    IReadOnlyList<FactorDocument> Factors,
    EstimateDocument? Nps,
    EstimateDocument? Csat,
    EstimateDocument? Ces,
    MovementDocument? Movement)
{
    public static LeagueRowDocument From(LeagueRow row)
    {
        var r = row.Result;
        return new LeagueRowDocument(
            row.Rank, row.Brand, row.Eligible, row.Reason,
            r.Customers.N, r.Prospects.N, r.Customers.Incomplete, r.Prospects.Incomplete,
            EstimateDocument.From(r.Performance), EstimateDocument.From(r.Expectation),
            EstimateDocument.From(r.Gap, withSignificance: true), EstimateDocument.From(r.Score),
            r.AppliedGap, EstimateDocument.From(row.Index),
            row.RankRange is { } range ? new RankRangeDocument(range.Low, range.High) : null,
            VersusAverageDocument.From(row.VersusAverage), r.Verdict?.DisplayName(),
            [.. r.FactorGaps.Select(g => new FactorDocument(g.Factor.Key(), g.Factor.DisplayName(),
                EstimateDocument.From(g.Customer), EstimateDocument.From(g.Prospect), EstimateDocument.From(g.Gap, withSignificance: true)))],
            EstimateDocument.From(r.Customers.Nps), EstimateDocument.From(r.Customers.Csat), EstimateDocument.From(r.Customers.Ces),
            row.Movement is { } m ? new MovementDocument(m.PreviousWave, EstimateDocument.From(m.Change, withSignificance: true)!, m.PreviousRank, m.RankChange) : null);
    }
}
