using CxPlus.Reports.Localization;
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
        1 when ranked == 1 => Texts.Format("Lead.Only", leaders[0], sector),
        1 => Texts.Format("Lead.One", leaders[0], sector),
        _ when leaders.Count == ranked => Texts.Format("Lead.Open", sector, ranked),
        > Named => Texts.Format("Lead.SharedMany", sector, leaders.Count, Some(leaders)),
        _ => Texts.Format("Lead.Shared", sector, List(leaders)),
    };

    /// <summary>Beyond this many brands a sentence names the first ones and counts the rest (a 200-brand sector shared its lead between 28).</summary>
    public const int Named = 6;

    /// <summary>"A, B, C, D and E", or beyond <see cref="Named"/> "A, B, C, D, E and 23 more".</summary>
    public static string Some(IReadOnlyList<string> names) =>
        names.Count <= Named ? List(names) : Texts.Format("List.More", string.Join(", ", names.Take(Named - 1)), names.Count - (Named - 1));

    /// <summary>Step 20b: "Bank A or Bank D may be last."; null when the lead sentence already says it all.</summary>
    public static string? Last(LeagueTable table)
    {
        var ranked = table.Rows.Count(r => r.Eligible);
        var last = table.CanBeLast;
        if (ranked < 2 || last.Count == 0 || last.Count == ranked) return null;
        return last.Count switch
        {
            1 => Texts.Format("Last.One", last[0]),
            > Named => Texts.Format("Last.Many", last.Count, Some(last)),
            _ => Texts.Format("Last.Some", List(last)),
        };
    }

    /// <summary>
    /// Step 26: which segment view a table is, the minimums its brands are ranked with, and whose
    /// expectation is that of all prospects (a question asked of customers only); null for the whole brands.
    /// </summary>
    public static string? SegmentNote(LeagueTable table)
    {
        if (table.Segment is not { } cut) return null;
        var note = Texts.Format("Segment.Intro", cut.Segment, cut.Category, table.Settings.MinCustomers, table.Settings.MinProspects);
        if (cut.CustomersOnly(table)) return note + " " + Texts.Format("Segment.CustomersOnly", cut.Segment);
        return cut.AllProspects.Count > 0 ? note + " " + Texts.Format("Segment.SomeCustomersOnly", Some(cut.AllProspects)) : note;
    }

    /// <summary>Step 17 (v3): what a marked movement means.</summary>
    public static string MovementNote(ScoringSettings settings) => Texts.Format("Movement.Note", Display.Percent(1 - settings.ConfidenceLevel));

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string List(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => Texts.Format("List.And", string.Join(", ", names.Take(names.Count - 1)), names[^1]),
    };
}
