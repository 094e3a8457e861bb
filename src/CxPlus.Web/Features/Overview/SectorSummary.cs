using CxPlus.Data.League;
using CxPlus.Scoring;

namespace CxPlus.Web.Features.Overview;

/// <summary>What an analyst wants first of a sector's latest wave: who can lead, the average, how many are ranked, who moved.</summary>
public sealed record SectorSummary(LeagueTable Table, IReadOnlyList<LeagueRow> Leaders, int Ranked, int Unranked, LeagueRow? Up, LeagueRow? Down)
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

    /// <summary>Every sector's latest wave with data, in sector order.</summary>
    public static async Task<IReadOnlyList<SectorSummary>> LoadAsync(LeagueQueries queries, CancellationToken ct)
    {
        var result = new List<SectorSummary>();
        foreach (var sector in (await queries.SectorsAsync(ct)).Where(s => s.Waves.Count > 0))
            result.Add(Of(await queries.LeagueAsync(sector.Name, sector.Waves[^1], ct)));
        return result;
    }
}
