using System.ComponentModel;
using CxPlus.Data.League;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>Issue 30's alerts in the reader's words: one sentence each, with its numbers and interval.</summary>
public static class AlertReading
{
    /// <summary>"Bank A's CX+ score fell 4.2 points since 2026-Q2 (95 % CI -6.0 to -2.4), significant after controlling the false discovery rate."</summary>
    public static string Sentence(Alert alert, string sector, ScoringSettings settings) => alert.Kind switch
    {
        AlertKind.ScoreChange => Texts.Format(alert.Change!.Value < 0 ? "Alert.ScoreDown" : "Alert.ScoreUp", alert.Brand, Display.Score(Math.Abs(alert.Change.Value)),
            alert.PreviousWave, Display.Interval(alert.Change, settings.ConfidenceLevel)),
        AlertKind.VerdictChange => Texts.Format("Alert.Verdict", alert.Brand, Texts.Verdict(alert.From!.Value), Texts.Verdict(alert.To!.Value), alert.PreviousWave),
        AlertKind.JoinedLeaders => Texts.Format("Alert.JoinedLeaders", alert.Brand, sector, alert.PreviousWave),
        AlertKind.LeftLeaders => Texts.Format("Alert.LeftLeaders", alert.Brand, sector, alert.PreviousWave),
        AlertKind.RankMoved => Texts.Format("Alert.RankMoved", alert.Brand, Display.RankRange(alert.Range!.Value), alert.PreviousRank, alert.PreviousWave,
            Display.Percent(settings.ConfidenceLevel)),
        AlertKind.GapTurnedNegative => Texts.Format("Alert.GapNegative", alert.Brand, alert.Factor!.Value.DisplayName(), Display.Signed(alert.Gap!.Value),
            Display.Interval(alert.Gap, settings.ConfidenceLevel)),
        _ => throw new ArgumentOutOfRangeException(nameof(alert)),
    };

    /// <summary>An alert kind's name, for filters.</summary>
    public static string Kind(AlertKind kind) => Texts.Get($"AlertKind.{kind}");

    /// <summary>The key a link or an API filter names a kind by (<c>score-change</c>).</summary>
    public static string Key(AlertKind kind) => kind switch
    {
        AlertKind.ScoreChange => "score-change",
        AlertKind.VerdictChange => "verdict-change",
        AlertKind.JoinedLeaders => "joined-leaders",
        AlertKind.LeftLeaders => "left-leaders",
        AlertKind.RankMoved => "rank-moved",
        AlertKind.GapTurnedNegative => "gap-negative",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind a key names; null for none.</summary>
    public static AlertKind? KindOf(string? key) => Enum.GetValues<AlertKind>().Cast<AlertKind?>().FirstOrDefault(k => Key(k!.Value) == key?.Trim().ToLowerInvariant());
}

/// <summary>A sector's alerts in a wave as the read API gives them.</summary>
[Description("Issue 30: what happened to each brand since the sector's previous released wave that its people should hear of (a significant change of CX+ score after FDR control, a change of verdict, joining or leaving the brands that can lead, a rank range without the previous rank, a factor gap turned significantly negative).")]
public sealed record AlertsDocument(
    string Sector,
    string Wave,
    [property: Description("True while the wave is not released: the alerts its release would bring (staff only).")] bool Draft,
    [property: Description("The released wave they are measured against; null when there is none.")] string? PreviousWave,
    IReadOnlyList<AlertDocument> Alerts)
{
    public static AlertsDocument From(SectorAlerts alerts, ScoringSettings settings, Func<Alert, bool>? keep = null) => new(alerts.Sector, alerts.Wave, alerts.Draft, alerts.PreviousWave,
        [.. alerts.Alerts.Where(a => keep?.Invoke(a) ?? true).Select(a => new AlertDocument(a.Brand, AlertReading.Key(a.Kind), AlertReading.Sentence(a, alerts.Sector, settings),
            EstimateDocument.From(a.Change), a.From is { } from ? Texts.Verdict(from) : null, a.To is { } to ? Texts.Verdict(to) : null,
            a.PreviousRank, a.Range?.Low, a.Range?.High, a.Factor?.Key(), EstimateDocument.From(a.Gap)))]);
}

/// <summary>One alert.</summary>
public sealed record AlertDocument(
    string Brand,
    [property: Description("score-change, verdict-change, joined-leaders, left-leaders, rank-moved or gap-negative.")] string Kind,
    [property: Description("The alert in the reader's language (?language=).")] string Sentence,
    [property: Description("score-change: the change of the CX+ score with its interval.")] EstimateDocument? Change,
    [property: Description("verdict-change: the verdict before.")] string? From,
    [property: Description("verdict-change: the verdict now.")] string? To,
    [property: Description("rank-moved: the rank in the previous released wave.")] int? PreviousRank,
    [property: Description("rank-moved: the best rank it may truly have now.")] int? RankLow,
    [property: Description("rank-moved: the worst rank it may truly have now.")] int? RankHigh,
    [property: Description("gap-negative: the success factor.")] string? Factor,
    [property: Description("gap-negative: the factor's gap now, with its interval.")] EstimateDocument? Gap);
