using System.Globalization;
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
            parts.Add(r.Expectation is null
                ? "Not enough prospects answered to compare experience with expectation"
                : "Too few respondents to judge the gap");
        }
        else
        {
            var gap = Math.Abs(Rounding.OneDecimal(r.Gap.Value)).ToString("0.0", CultureInfo.InvariantCulture);
            var cap = table.Settings.Cap.ToString("0.#", CultureInfo.InvariantCulture);
            parts.Add(r.Verdict.Value switch
            {
                Verdict.UnderDelivers => $"Under-delivers: customers rate it {gap} points below what prospects expect",
                Verdict.OverDelivers => $"Over-delivers: customers rate it {gap} points above what prospects expect",
                Verdict.UnderPromises => $"Under-promises: customers rate it {gap} points above what prospects expect, significantly beyond the +{cap} the index rewards; its promise undersells it",
                _ => $"Meets expectations: the {gap}-point difference between customers and prospects is not significant",
            });
            // Step 16 (v3): a gap estimated above the cap is not yet a promise that undersells.
            if (r.GapAboveCapNotSignificantly)
                parts[^1] += $"; the gap is estimated above the +{cap} the index rewards, but not significantly";
            var largest = r.FactorGaps.Where(g => g.Gap is not null).OrderByDescending(g => Math.Abs(g.Gap!.Value)).FirstOrDefault();
            if (largest is not null && r.Verdict != Verdict.MeetsExpectations)
                parts[^1] += $"; the largest gap is on {largest.Factor.DisplayName()} ({Display.Signed(largest.Gap!.Value)})";
        }
        if (row.Rank is { } rank)
        {
            var ranked = table.Rows.Count(x => x.Eligible);
            var level = table.Settings.ConfidenceLevel.ToString("P0", CultureInfo.InvariantCulture);
            var sure = row.RankRange is { } range && (range.Low != rank || range.High != rank)
                ? string.Create(CultureInfo.InvariantCulture, $"; allowing for sampling error its true rank lies between {range.Low} and {range.High} ({level} confidence)")
                : "";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"It ranks {rank} of {ranked} in {table.Sector} with a CX+ index of {Display.Index(row.Index)}{sure}"));
            var leaders = table.Leaders;
            if (ranked > 1 && leaders.Contains(row.Brand, Names.Comparer))
                parts.Add(leaders.Count == 1 ? $"It leads {table.Sector}"
                    : leaders.Count - 1 > LeagueReading.Named
                        ? $"It shares the lead with {leaders.Count - 1} other brands ({LeagueReading.Some([.. leaders.Where(l => !Names.Same(l, row.Brand))])}): the data cannot separate them"
                        : $"It shares the lead with {LeagueReading.List([.. leaders.Where(l => !Names.Same(l, row.Brand))])}: the data cannot separate them");
            if (row.VersusAverage is { Position: { } position } versus)
            {
                var d = versus.Difference;
                var ci = $"{Display.Signed(d.Value)} points, {level} CI {Display.Interval(d)}";
                parts.Add(position switch
                {
                    AveragePosition.Above => $"Its CX+ score lies above the sector average ({ci})",
                    AveragePosition.Below => $"Its CX+ score lies below the sector average ({ci})",
                    _ => $"Its CX+ score cannot be told apart from the sector average ({ci})",
                });
            }
            if (row.Movement is { } m)
                parts.Add(m.Significant == true
                    ? $"Its CX+ score {(m.Change.Value > 0 ? "rose" : "fell")} significantly since {m.PreviousWave} ({Display.Signed(m.Change.Value)})"
                    : $"Its CX+ score has not changed significantly since {m.PreviousWave}{ControlledNote(m)}");
        }
        else if (row.Reason is not null)
            parts.Add($"It is not ranked ({row.Reason})");
        return string.Join(". ", parts) + ".";
    }

    /// <summary>
    /// Step 16 (v3): the note on a verdict whose gap is estimated above the cap but not
    /// significantly (it is not Under-promises); null for every other result.
    /// </summary>
    public static string? CapNote(BrandResult result, ScoringSettings settings) => result.GapAboveCapNotSignificantly
        ? $"The gap is estimated above the cap (+{settings.Cap.ToString("0.#", CultureInfo.InvariantCulture)}), but not significantly: not Under-promises."
        : null;

    /// <summary>
    /// Step 17 (v3): said of a change whose own interval excludes 0 but which is not significant
    /// once the sector's changes are taken together; empty otherwise.
    /// </summary>
    private static string ControlledNote(Movement m) => m.Significant == false && m.Change.ExcludesZero == true
        ? ", once the changes of all the sector's brands are taken together (false discovery rate)"
        : "";

    /// <summary>
    /// Three findings, one sentence each, from the numbers alone: the largest factor gap, the
    /// movement since the wave before, and the position against the sector average.
    /// </summary>
    public static IReadOnlyList<string> Findings(LeagueRow row, LeagueTable table)
    {
        var r = row.Result;
        var level = table.Settings.ConfidenceLevel.ToString("P0", CultureInfo.InvariantCulture);
        string Ci(Estimate e) => e.Low is null ? "" : $", {level} CI {Display.Interval(e)}";

        var largest = r.FactorGaps.Where(g => g.Gap is not null).OrderByDescending(g => Math.Abs(g.Gap!.Value)).FirstOrDefault();
        var gap = largest?.Gap is not { } g
            ? "No factor gap can be measured: too few prospects answered."
            : $"The largest gap is on {largest.Factor.DisplayName()}: customers rate it {Display.Score(Math.Abs(g.Value))} points {(g.Value < 0 ? "below" : "above")} what prospects expect ({(g.ExcludesZero == true ? "significant" : "not significant")}{Ci(g)}).";

        var movement = row.Movement switch
        {
            { Significant: true } m => $"Its CX+ score {(m.Change.Value > 0 ? "rose" : "fell")} significantly since {m.PreviousWave}, by {Display.Score(Math.Abs(m.Change.Value))} points{Ci(m.Change)}.",
            { } m => $"Its CX+ score has not changed significantly since {m.PreviousWave} ({Display.Signed(m.Change.Value)} points{Ci(m.Change)}){ControlledNote(m)}.",
            null when table.PreviousWave is null => "This is the first wave measured, so there is no movement to report yet.",
            null when !row.Eligible => $"It is not ranked in {table.Wave}, so no movement since {table.PreviousWave} is reported.",
            null => $"It had no ranked result in {table.PreviousWave} to compare with.",
        };

        var position = row.VersusAverage switch
        {
            { Position: AveragePosition.Above } v => $"Its CX+ score lies above the sector average, by {Display.Score(v.Difference.Value)} points{Ci(v.Difference)}.",
            { Position: AveragePosition.Below } v => $"Its CX+ score lies below the sector average, by {Display.Score(-v.Difference.Value)} points{Ci(v.Difference)}.",
            { } v => $"Its CX+ score cannot be told apart from the sector average ({Display.Signed(v.Difference.Value)} points{Ci(v.Difference)}).",
            null when !row.Eligible => $"It is not ranked ({row.Reason}), so it is not compared with the sector average.",
            null => "It is the only ranked brand in the sector, so there is no average to compare it with.",
        };
        return [gap, movement, position];
    }
}
