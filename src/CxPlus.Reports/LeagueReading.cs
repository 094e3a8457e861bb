using System.Globalization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>What a whole league table says, in sentences: who can lead (step 20b) and what its movement marks mean (step 17).</summary>
public static class LeagueReading
{
    /// <summary>
    /// Step 20b: "Bank C leads Retail Banking." or "The lead in Retail Banking is shared between
    /// Bank B and Bank C: the data cannot separate them."; null when no brand is ranked.
    /// </summary>
    public static string? Lead(LeagueTable table) => Lead(table.Leaders, table.Rows.Count(r => r.Eligible), table.Sector);

    /// <summary>Step 20b in words for any table's leaders among <paramref name="ranked"/> ranked brands.</summary>
    public static string? Lead(IReadOnlyList<string> leaders, int ranked, string sector) => leaders.Count switch
    {
        0 => null,
        1 when ranked == 1 => $"{leaders[0]} is the only ranked brand in {sector}.",
        1 => $"{leaders[0]} leads {sector}.",
        _ when leaders.Count == ranked => $"The lead in {sector} is open: the data cannot separate any of its {ranked} ranked brands.",
        > Named => $"The lead in {sector} is shared between {leaders.Count} brands ({Some(leaders)}): the data cannot separate them.",
        _ => $"The lead in {sector} is shared between {List(leaders)}: the data cannot separate them.",
    };

    /// <summary>Beyond this many brands a sentence names the first ones and counts the rest (a 200-brand sector shared its lead between 28).</summary>
    public const int Named = 6;

    /// <summary>"A, B, C, D and E", or beyond <see cref="Named"/> "A, B, C, D, E and 23 more".</summary>
    public static string Some(IReadOnlyList<string> names) =>
        names.Count <= Named ? List(names) : $"{string.Join(", ", names.Take(Named - 1))} and {names.Count - (Named - 1)} more";

    /// <summary>Step 20b: "Bank A or Bank D may be last."; null when the lead sentence already says it all.</summary>
    public static string? Last(LeagueTable table)
    {
        var ranked = table.Rows.Count(r => r.Eligible);
        var last = table.CanBeLast;
        if (ranked < 2 || last.Count == 0 || last.Count == ranked) return null;
        return last.Count switch
        {
            1 => $"{last[0]} is last.",
            > Named => $"{last.Count} brands may be last ({Some(last)}).",
            _ => $"{List(last)} may be last.",
        };
    }

    /// <summary>Step 17 (v3): what a marked movement means.</summary>
    public static string MovementNote(ScoringSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"A change is marked only when it is significant after controlling the false discovery rate at {1 - settings.ConfidenceLevel:P0} over the sector's brands (Benjamini–Hochberg); its interval is shown unadjusted.");

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string List(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
    };
}
