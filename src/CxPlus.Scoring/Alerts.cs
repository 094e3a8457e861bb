namespace CxPlus.Scoring;

/// <summary>What happened to a brand between two released waves that its people should hear of at once (issue 30).</summary>
public enum AlertKind
{
    /// <summary>Its CX+ score changed significantly, after the false discovery rate control over the sector's brands (step 17).</summary>
    ScoreChange,
    /// <summary>Its verdict (step 16) is another than in the wave before.</summary>
    VerdictChange,
    /// <summary>It joined the brands that can lead the sector (step 20b: its rank range now starts at 1).</summary>
    JoinedLeaders,
    /// <summary>It left the brands that can lead the sector.</summary>
    LeftLeaders,
    /// <summary>Its rank range (step 20) no longer contains its rank in the wave before.</summary>
    RankMoved,
    /// <summary>A success factor's gap became significantly negative: customers now get significantly less than prospects expect on it.</summary>
    GapTurnedNegative,
}

/// <summary>One alert about a brand, with the numbers its sentence gives.</summary>
/// <param name="Brand">The brand.</param>
/// <param name="Kind">What happened.</param>
/// <param name="PreviousWave">The wave it is measured against.</param>
/// <param name="Change">ScoreChange: the change of its CX+ score with its interval.</param>
/// <param name="From">VerdictChange: the verdict before.</param>
/// <param name="To">VerdictChange: the verdict now.</param>
/// <param name="PreviousRank">RankMoved: its rank in the wave before.</param>
/// <param name="Range">RankMoved: its rank range now.</param>
/// <param name="Factor">GapTurnedNegative: the factor.</param>
/// <param name="Gap">GapTurnedNegative: its gap now, with its interval.</param>
public sealed record Alert(string Brand, AlertKind Kind, string PreviousWave, Estimate? Change = null, Verdict? From = null, Verdict? To = null,
    int? PreviousRank = null, RankRange? Range = null, SuccessFactor? Factor = null, Estimate? Gap = null);

/// <summary>
/// The alert rules (issue 30): each compares a brand's row in a wave's table with its row in the
/// table its movement is measured against, using the v3 statistics only (nothing fires on a change
/// that is not significant). For members the two are consecutive released waves.
/// </summary>
public static class Alerts
{
    /// <summary>Every alert of every brand in <paramref name="current"/> against <paramref name="previous"/> (the table of <see cref="LeagueTable.PreviousWave"/>), brand by brand in table order.</summary>
    public static IReadOnlyList<Alert> Between(LeagueTable current, LeagueTable? previous)
    {
        if (previous is null || current.PreviousWave is null || !Names.Same(previous.Wave, current.PreviousWave)) return [];
        var alerts = new List<Alert>();
        var (leadersBefore, leadersNow) = (previous.Leaders.ToHashSet(Names.Comparer), current.Leaders.ToHashSet(Names.Comparer));
        foreach (var row in current.Rows)
        {
            if (previous.Find(row.Brand) is not { } before) continue; // new in this wave: nothing to compare with
            var wave = previous.Wave;
            if (row.Movement is { Significant: true } moved)
                alerts.Add(new Alert(row.Brand, AlertKind.ScoreChange, wave, Change: moved.Change));
            if (before.Result.Verdict is { } from && row.Result.Verdict is { } to && from != to)
                alerts.Add(new Alert(row.Brand, AlertKind.VerdictChange, wave, From: from, To: to));
            // Leading needs a ranked brand in both waves: one that was not ranked neither joined nor left.
            if (before.Rank is not null && row.Rank is not null && leadersBefore.Contains(row.Brand) != leadersNow.Contains(row.Brand))
                alerts.Add(new Alert(row.Brand, leadersNow.Contains(row.Brand) ? AlertKind.JoinedLeaders : AlertKind.LeftLeaders, wave));
            if (before.Rank is { } rank && row.RankRange is { } range && (rank < range.Low || rank > range.High))
                alerts.Add(new Alert(row.Brand, AlertKind.RankMoved, wave, PreviousRank: rank, Range: range));
            foreach (var gap in row.Result.FactorGaps)
                if (SignificantlyNegative(gap.Gap) && !SignificantlyNegative(before.Result.FactorGaps.FirstOrDefault(g => g.Factor == gap.Factor)?.Gap))
                    alerts.Add(new Alert(row.Brand, AlertKind.GapTurnedNegative, wave, Factor: gap.Factor, Gap: gap.Gap));
        }
        return alerts;
    }

    private static bool SignificantlyNegative(Estimate? gap) => gap is { ExcludesZero: true, Value: < 0 };
}
