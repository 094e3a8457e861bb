using System.Text.Json;
using System.Text.Json.Serialization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>
/// The league table as published to machines (CLI <c>--format json</c> and the read API): camelCase,
/// unrounded numbers, each estimate with its SE and interval. Field names are a contract.
/// </summary>
public sealed record LeagueDocument(
    string Sector,
    string Wave,
    string? PreviousWave,
    SettingsDocument Settings,
    double? Average,
    IReadOnlyList<LeagueRowDocument> Rows)
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
public sealed record EstimateDocument(double Value, double? Se, double? Df, double? Low, double? High, bool? Significant)
{
    public static EstimateDocument? From(Estimate? e, bool withSignificance = false) =>
        e is null ? null : new(e.Value, e.StandardError, e.DegreesOfFreedom, e.Low, e.High, withSignificance ? e.ExcludesZero : null);
}

/// <summary>Step 20: the range of ranks a brand may truly hold.</summary>
public sealed record RankRangeDocument(int Low, int High);

/// <summary>Step 19: <c>X - X̄</c> with SE and interval, and the position it gives: <c>above</c>, <c>at</c> or <c>below</c>.</summary>
public sealed record VersusAverageDocument(double Value, double? Se, double? Df, double? Low, double? High, string? Position)
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
    EstimateDocument? Score,
    double? AppliedGap,
    EstimateDocument? Index,
    RankRangeDocument? RankRange,
    VersusAverageDocument? VersusAverage,
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
