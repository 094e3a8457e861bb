using System.Globalization;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>A short reading of a brand's numbers in plain language, for the brand page and the report.</summary>
public static class BrandReading
{
    public static string Describe(LeagueRow row, LeagueTable table)
    {
        var r = row.Result;
        var parts = new List<string>();
        if (r.Gap is null || r.Verdict is null)
        {
            parts.Add(Texts.Get(r.Expectation is null ? "Reading.NoProspects" : "Reading.TooFew"));
        }
        else
        {
            var gap = Display.Score(Math.Abs(r.Gap.Value));
            var cap = Cap(table.Settings);
            parts.Add(r.Verdict.Value switch
            {
                Verdict.UnderDelivers => Texts.Format("Reading.UnderDelivers", gap),
                Verdict.OverDelivers => Texts.Format("Reading.OverDelivers", gap),
                Verdict.UnderPromises => Texts.Format("Reading.UnderPromises", gap, cap),
                _ => Texts.Format("Reading.Meets", gap),
            });
            // Step 16 (v3): a gap estimated above the cap is not yet a promise that undersells.
            if (r.GapAboveCapNotSignificantly)
                parts[^1] += Texts.Format("Reading.AboveCapNotSignificant", cap);
            var largest = r.FactorGaps.Where(g => g.Gap is not null).OrderByDescending(g => Math.Abs(g.Gap!.Value)).FirstOrDefault();
            if (largest is not null && r.Verdict != Verdict.MeetsExpectations)
                parts[^1] += Texts.Format("Reading.LargestGap", largest.Factor.DisplayName(), Display.Signed(largest.Gap!.Value));
        }
        if (row.Rank is { } rank)
        {
            var ranked = table.Rows.Count(x => x.Eligible);
            var level = Display.Percent(table.Settings.ConfidenceLevel);
            var sure = row.RankRange is { } range && (range.Low != rank || range.High != rank)
                ? Texts.Format("Reading.TrueRank", range.Low, range.High, level)
                : "";
            parts.Add(Texts.Format("Reading.Ranks", rank, ranked, table.Sector, Display.Index(row.Index), sure));
            var leaders = table.Leaders;
            if (ranked > 1 && leaders.Contains(row.Brand, Names.Comparer))
            {
                string[] others = [.. leaders.Where(l => !Names.Same(l, row.Brand))];
                parts.Add(leaders.Count == 1 ? Texts.Format("Reading.Leads", table.Sector)
                    : others.Length > LeagueReading.Named ? Texts.Format("Reading.SharesLeadMany", others.Length, LeagueReading.Some(others))
                    : Texts.Format("Reading.SharesLead", LeagueReading.List(others)));
            }
            if (row.VersusAverage is { Position: { } position } versus)
            {
                var d = versus.Difference;
                var ci = Texts.Format("Reading.PointsCi", Display.Signed(d.Value), Display.Interval(d, table.Settings.ConfidenceLevel));
                parts.Add(Texts.Format(position switch { AveragePosition.Above => "Reading.Above", AveragePosition.Below => "Reading.Below", _ => "Reading.At" }, ci));
            }
            if (row.Movement is { } m)
                parts.Add(m.Significant == true
                    ? Texts.Format(m.Change.Value > 0 ? "Reading.Rose" : "Reading.Fell", m.PreviousWave, Display.Signed(m.Change.Value))
                    : Texts.Format("Reading.Unchanged", m.PreviousWave, ControlledNote(m)));
        }
        else if (Texts.Reason(row) is { } reason)
            parts.Add(Texts.Format("Reading.NotRanked", reason));
        return string.Join(". ", parts) + ".";
    }

    private static string Cap(ScoringSettings settings) => settings.Cap.ToString("0.#", CultureInfo.CurrentCulture);

    /// <summary>
    /// Step 16 (v3): the note on a verdict whose gap is estimated above the cap but not
    /// significantly (it is not Under-promises); null for every other result.
    /// </summary>
    public static string? CapNote(BrandResult result, ScoringSettings settings) => result.GapAboveCapNotSignificantly
        ? Texts.Format("Reading.CapNote", Cap(settings))
        : null;

    /// <summary>
    /// Step 17 (v3): said of a change whose own interval excludes 0 but which is not significant
    /// once the sector's changes are taken together; empty otherwise.
    /// </summary>
    private static string ControlledNote(Movement m) => m.Significant == false && m.Change.ExcludesZero == true
        ? Texts.Get("Reading.Controlled")
        : "";

    /// <summary>
    /// Three findings, one sentence each, from the numbers alone: the largest factor gap, the
    /// movement since the wave before, and the position against the sector average.
    /// </summary>
    public static IReadOnlyList<string> Findings(LeagueRow row, LeagueTable table)
    {
        var r = row.Result;
        string Ci(Estimate e) => e.Low is null ? "" : ", " + Display.Interval(e, table.Settings.ConfidenceLevel);

        var largest = r.FactorGaps.Where(g => g.Gap is not null).OrderByDescending(g => Math.Abs(g.Gap!.Value)).FirstOrDefault();
        var gap = largest?.Gap is not { } g
            ? Texts.Get("Finding.NoGap")
            : Texts.Format(g.Value < 0 ? "Finding.LargestBelow" : "Finding.LargestAbove", largest.Factor.DisplayName(), Display.Score(Math.Abs(g.Value)),
                Texts.Get(g.ExcludesZero == true ? "GapMap.Significant" : "GapMap.NotSignificant"), Ci(g));

        var movement = row.Movement switch
        {
            { Significant: true } m => Texts.Format(m.Change.Value > 0 ? "Finding.Rose" : "Finding.Fell", m.PreviousWave, Display.Score(Math.Abs(m.Change.Value)), Ci(m.Change)),
            { } m => Texts.Format("Finding.Unchanged", m.PreviousWave, Display.Signed(m.Change.Value), Ci(m.Change), ControlledNote(m)),
            null when table.PreviousWave is null => Texts.Get("Finding.FirstWave"),
            null when !row.Eligible => Texts.Format("Finding.NotRankedNoMovement", table.Wave, table.PreviousWave),
            null => Texts.Format("Finding.NoPrevious", table.PreviousWave),
        };

        var position = row.VersusAverage switch
        {
            { Position: AveragePosition.Above } v => Texts.Format("Finding.Above", Display.Score(v.Difference.Value), Ci(v.Difference)),
            { Position: AveragePosition.Below } v => Texts.Format("Finding.Below", Display.Score(-v.Difference.Value), Ci(v.Difference)),
            { } v => Texts.Format("Finding.At", Display.Signed(v.Difference.Value), Ci(v.Difference)),
            null when !row.Eligible => Texts.Format("Finding.NotRanked", Texts.Reason(row)),
            null => Texts.Get("Finding.Only"),
        };
        return [gap, movement, position];
    }

    /// <summary>
    /// Step 23 in one sentence: the factor to fix first and why, or the strength to keep, or why
    /// there is no matrix; with where the importance comes from when not the brand's own.
    /// </summary>
    public static string Priority(Scoring.Drivers.PriorityMatrix matrix)
    {
        if (matrix is { BrandDriversTried: { } own, SectorDriversTried: { } sector })
            return Texts.Format("Priority.NoDrivers", Texts.DriverReason(own), Texts.DriverReason(sector));
        if (matrix.FactorWithoutScore is { } factor) return Texts.Format("Priority.NoScore", factor.DisplayName());
        var drivers = matrix.Drivers!;
        var source = matrix.SectorDrivers ? Texts.Get("Priority.FromSector")
            : drivers.Indicative ? Texts.Format("Priority.Indicative", drivers.N.ToString("#,0", CultureInfo.CurrentCulture), drivers.IndicativeBelow!.Value.ToString("#,0", CultureInfo.CurrentCulture))
            : "";
        if (matrix.FirstToFix is { } fix)
            return Texts.Format("Priority.FixFirstSentence", fix.Factor.DisplayName(), Display.Percent(fix.Importance.Value / 100), Display.Score(Math.Abs(fix.VersusAverage.Value)),
                fix.VersusAverage.ExcludesZero == true ? "" : Texts.Get("Priority.NotSignificantShortfall"), source);
        var strength = matrix.Factors.Where(f => f.Quadrant == Scoring.Drivers.PriorityQuadrant.Strength).MaxBy(f => f.Importance.Value);
        return strength is null
            ? Texts.Format("Priority.AllEqual", source)
            : Texts.Format("Priority.Keep", strength.Factor.DisplayName(), Display.Percent(strength.Importance.Value / 100), Display.Score(strength.VersusAverage.Value), source);
    }
}
