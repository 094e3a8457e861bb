using CxPlus.Scoring.Lenses;

namespace CxPlus.Scoring;

/// <summary>
/// Which segment view a table is (step 26): the respondents whose segment <see cref="Segment"/> is
/// <see cref="Category"/>.
/// </summary>
/// <param name="Segment">The segment's name, e.g. <c>age</c>.</param>
/// <param name="Category">The category, e.g. <c>18-34</c>.</param>
/// <param name="AllProspects">
/// The brands none of whose prospects carries the segment (a question asked of customers only):
/// their expectation and prospects' scores are those of all their prospects, and every view says so.
/// </param>
public sealed record SegmentCut(string Segment, string Category, IReadOnlyList<string> AllProspects)
{
    /// <summary>Whether every brand's expectation is that of all its prospects (the segment is asked of customers only).</summary>
    public bool CustomersOnly(LeagueTable table) => table.Rows.Count > 0 && table.Rows.All(r => AllProspects.Contains(r.Brand, Names.Comparer));
}

/// <summary>
/// A brand's statistics in one wave for a segment table (step 26): its customers and prospects in
/// the category, all its prospects, and whether any of its prospects carries the segment at all.
/// </summary>
public sealed record SegmentBrandWave(string Brand, RoleStatistics Customers, RoleStatistics Prospects, RoleStatistics AllProspects, bool ProspectsCarrySegment)
{
    /// <summary>
    /// Step 26: the brand as the table scores it. When none of the brand's prospects carries the
    /// segment, the expectation is that of all its prospects; otherwise that of its prospects in the category.
    /// </summary>
    public BrandWave Scored => new(Brand, Customers, ProspectsCarrySegment ? Prospects : AllProspects);
}

/// <summary>Step 26: a sector's league table over the respondents of one segment's category.</summary>
public static class SegmentTables
{
    /// <summary>
    /// Builds the segment table of a sector in a wave: every number of steps 13-20b over the brands'
    /// respondents in the category, with the segment minimums (<see cref="ScoringSettings.ForSegments"/>),
    /// and movement against the same segment's category in the wave before.
    /// </summary>
    public static LeagueTable Build(string sector, string wave, string segment, string category, IReadOnlyList<SegmentBrandWave> brands,
        ScoringSettings settings, (string Wave, IReadOnlyList<SegmentBrandWave> Brands)? previousWave = null)
    {
        var own = settings.ForSegments();
        var table = LeagueTable.Build(sector, wave, brands.Select(b => b.Scored), own,
            previousWave is { } pw ? (pw.Wave, pw.Brands.Select(b => b.Scored)) : null);
        return table with { Segment = new SegmentCut(segment, category,
            [.. brands.Where(b => !b.ProspectsCarrySegment).Select(b => b.Brand).Order(StringComparer.OrdinalIgnoreCase)]) };
    }

    /// <summary>
    /// Step 26 for a lens (steps 24–25): the Six Pillars or KEI table over the brands' customers in
    /// the category, with the segment minimums. Lenses are customers' alone: no expectation to borrow.
    /// </summary>
    public static LensTable BuildLens(string sector, string wave, Lens lens, string segment, string category,
        IEnumerable<(string Brand, RoleStatistics Customers)> brands, ScoringSettings settings) =>
        LensTable.Build(sector, wave, lens, brands, settings.ForSegments()) with { Segment = new SegmentCut(segment, category, []) };
}
