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
            parts.Add(r.Verdict.Value switch
            {
                Verdict.UnderDelivers => $"Under-delivers: customers rate it {gap} points below what prospects expect",
                Verdict.OverDelivers => $"Over-delivers: customers rate it {gap} points above what prospects expect",
                Verdict.UnderPromises => $"Under-promises: customers rate it {gap} points above what prospects expect, beyond the +{table.Settings.Cap:0.#} the index rewards; its promise undersells it",
                _ => $"Meets expectations: the {gap}-point difference between customers and prospects is not significant",
            });
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
                    : $"Its CX+ score has not changed significantly since {m.PreviousWave}");
        }
        else if (row.Reason is not null)
            parts.Add($"It is not ranked ({row.Reason})");
        return string.Join(". ", parts) + ".";
    }
}
