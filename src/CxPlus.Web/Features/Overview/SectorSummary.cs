using CxPlus.Data.League;
using CxPlus.Scoring;

namespace CxPlus.Web.Features.Overview;

/// <summary>
/// What an analyst wants first of a sector's latest wave with a ranked brand: who can lead, the
/// average, how many are ranked, who moved; and a newer wave when one has responses but ranks nobody yet.
/// </summary>
public sealed record SectorSummary(LeagueTable Table, IReadOnlyList<LeagueRow> Leaders, int Ranked, int Unranked, LeagueRow? Up, LeagueRow? Down,
    string? NewerWave = null)
{
    public static SectorSummary Of(LeagueTable table)
    {
        var ranked = table.Rows.Where(r => r.Eligible).ToList();
        // Only a movement significant after the false discovery rate control counts as a move (step 17, v3).
        var moved = ranked.Where(r => r.Movement?.Significant == true).ToList();
        // Who can lead (step 20b): every brand whose rank range starts at 1, not only the one ranked first.
        return new SectorSummary(table, [.. ranked.Where(r => r.RankRange?.Low == 1)], ranked.Count, table.Rows.Count - ranked.Count,
            moved.Where(r => r.Movement!.Change.Value > 0).MaxBy(r => r.Movement!.Change.Value),
            moved.Where(r => r.Movement!.Change.Value < 0).MinBy(r => r.Movement!.Change.Value));
    }

    /// <summary>
    /// Every sector's latest wave in which some brand is ranked, in sector order; with a segment and
    /// category (step 26), that wave's segment table instead, and none for a sector whose wave lacks it.
    /// </summary>
    public static async Task<IReadOnlyList<SectorSummary>> LoadAsync(LeagueQueries queries, CancellationToken ct, string? segment = null, string? category = null)
    {
        var result = new List<SectorSummary>();
        foreach (var sector in (await queries.SectorsAsync(ct)).Where(s => s.Waves.Count > 0))
        {
            var table = await queries.LatestRankedAsync(sector, ct);
            if (segment is not null && category is not null)
            {
                var segments = await queries.SegmentsAsync(table.Sector, table.Wave, ct);
                if (!segments.Any(s => Names.Same(s.Name, segment) && s.Categories.Any(c => Names.Same(c, category)))) continue;
                table = await queries.SegmentLeagueAsync(table.Sector, table.Wave, segment, category, ct);
            }
            result.Add(Of(table) with { NewerWave = sector.Waves[^1] != table.Wave ? sector.Waves[^1] : null });
        }
        return result;
    }

    /// <summary>The segments of every sector's latest ranked wave together, for the overview's picker (step 26).</summary>
    public static async Task<IReadOnlyList<SegmentInfo>> SegmentsAsync(LeagueQueries queries, CancellationToken ct)
    {
        var all = new List<SegmentInfo>();
        foreach (var sector in (await queries.SectorsAsync(ct)).Where(s => s.Waves.Count > 0))
        {
            var table = await queries.LatestRankedAsync(sector, ct);
            all.AddRange(await queries.SegmentsAsync(table.Sector, table.Wave, ct));
        }
        return [.. all.GroupBy(s => s.Name, Names.Comparer).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new SegmentInfo(g.Key, [.. g.SelectMany(s => s.Categories).Distinct(Names.Comparer).Order(StringComparer.OrdinalIgnoreCase)]))];
    }
}
