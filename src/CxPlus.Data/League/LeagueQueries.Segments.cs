using CxPlus.Scoring;
using CxPlus.Scoring.Lenses;
using Npgsql;

namespace CxPlus.Data.League;

/// <summary>A segment as a sector's wave holds it (step 26): its name and categories, in name order.</summary>
public sealed record SegmentInfo(string Name, IReadOnlyList<string> Categories);

public sealed partial class LeagueQueries
{
    /// <summary>The segments a sector's brands have in a wave, with their categories, in name order; empty when the wave's files had none.</summary>
    /// <exception cref="NotFoundException">The sector or wave does not exist.</exception>
    public Task<IReadOnlyList<SegmentInfo>> SegmentsAsync(string sector, string wave, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("segments", sector, wave), c => ComputeSegmentsAsync(sector, wave, c), ct);

    private async Task<IReadOnlyList<SegmentInfo>> ComputeSegmentsAsync(string sectorName, string waveCode, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (sectorId, _) = await FindSectorAsync(connection, sectorName, ct);
        var (waveId, _) = await FindWaveAsync(connection, waveCode, ct);
        return await SegmentsOfAsync(connection, sectorId, waveId, ct);
    }

    /// <summary>The segments of a sector's wave on a connection (a client's, under row-level security, sees its own brands' alone).</summary>
    internal static async Task<IReadOnlyList<SegmentInfo>> SegmentsOfAsync(NpgsqlConnection connection, int sectorId, int waveId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT x.segment, x.category FROM segment_rollups x JOIN brands b ON b.id = x.brand_id
            WHERE x.wave_id = $2 AND b.sector_id = $1
            """, connection);
        command.Parameters.Add(new() { Value = sectorId });
        command.Parameters.Add(new() { Value = waveId });
        var pairs = new List<(string Segment, string Category)>();
        await using (var r = await command.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) pairs.Add((r.GetString(0), r.GetString(1)));
        return [.. pairs.GroupBy(p => p.Segment).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new SegmentInfo(g.Key, [.. g.Select(p => p.Category).Order(StringComparer.OrdinalIgnoreCase)]))];
    }

    /// <summary>
    /// Step 26: the league table of a sector in a wave over the respondents of one segment's category,
    /// from the segment rollups, with the segment minimums and movement against the same category in
    /// the wave before. Segment and category are matched by the name rule.
    /// </summary>
    /// <exception cref="NotFoundException">The sector or wave does not exist, or the wave has no such segment or category (the sentence lists those it has).</exception>
    public Task<LeagueTable> SegmentLeagueAsync(string sector, string wave, string segment, string category, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("segment-league", sector, wave, Names.Key(segment), Names.Key(category)),
            c => BuildSegmentAsync(sector, wave, segment, category, fromResponses: false, c), ct);

    /// <summary>A segment view as members are shown it (issue 30): movement against the sector's newest released wave before this one.</summary>
    /// <exception cref="NotFoundException">The sector, wave, segment or category does not exist.</exception>
    internal Task<LeagueTable> ReleasedSegmentLeagueAsync(string sector, string wave, string segment, string category, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("released-segment-league", sector, wave, Names.Key(segment), Names.Key(category)),
            c => BuildSegmentAsync(sector, wave, segment, category, fromResponses: false, c, releasedPrevious: true), ct);

    /// <summary>The same table from the raw responses' segments with one SQL aggregate (the cross-check; never cached).</summary>
    public Task<LeagueTable> SegmentLeagueFromResponsesAsync(string sector, string wave, string segment, string category, CancellationToken ct = default) =>
        BuildSegmentAsync(sector, wave, segment, category, fromResponses: true, ct);

    private async Task<LeagueTable> BuildSegmentAsync(string sectorName, string waveCode, string segmentName, string categoryName, bool fromResponses, CancellationToken ct,
        bool releasedPrevious = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (sectorId, sector) = await FindSectorAsync(connection, sectorName, ct);
        var wave = await FindWaveAsync(connection, waveCode, ct);
        var (segment, category) = Find(await SegmentsOfAsync(connection, sectorId, wave.Id, ct), segmentName, categoryName, sector, wave.Name);
        var previous = await PreviousWaveAsync(connection, sectorId, wave.Name, releasedPrevious, ct);

        int[] waveIds = previous is { } p ? [wave.Id, p.Id] : [wave.Id];
        var whole = fromResponses
            ? await RoleRollups.ComputeFromResponsesAsync(connection, settings, sectorId, waveIds, ct)
            : await RoleRollups.ReadAsync(connection, sectorId, waveIds, ct);
        var segments = fromResponses
            ? await SegmentRollups.ComputeFromResponsesAsync(connection, settings, sectorId, waveIds, ct, segment)
            : await SegmentRollups.ReadAsync(connection, sectorId, waveIds, segment, ct);
        var brands = await BrandNamesAsync(connection, sectorId, ct);
        return SegmentTables.Build(sector, wave.Name, segment, category, SegmentBrandWaves(segments, whole, brands, wave.Id, segment, category), settings,
            previous is { } pw ? (pw.Name, SegmentBrandWaves(segments, whole, brands, pw.Id, segment, category)) : null)
            with { Draft = !(await ReleasedWavesAsync(connection, sectorId, ct)).Contains(wave.Id) };
    }

    /// <summary>
    /// A brand's row in one segment's category in every wave in which the category has data (oldest
    /// first), with each wave's segment table for context (movement against the same category the wave
    /// before); one read of the sector's rollups. The segment and category are the store's spelling (a table's <see cref="SegmentCut"/>).
    /// </summary>
    /// <exception cref="NotFoundException">The sector does not exist.</exception>
    public Task<IReadOnlyList<(LeagueTable Table, LeagueRow Row)>> SegmentTrendAsync(string sector, string brand, string segment, string category, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("segment-trend", sector, brand, segment, category), async c =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(c);
            var (sectorId, sectorName) = await FindSectorAsync(connection, sector, c);
            var waves = await WavesOfAsync(connection, c);
            int[] ids = [.. waves.Select(w => w.Id)];
            var segments = await SegmentRollups.ReadAsync(connection, sectorId, ids, segment, c);
            var whole = await RoleRollups.ReadAsync(connection, sectorId, ids, c);
            var brands = await BrandNamesAsync(connection, sectorId, c);
            var trend = new List<(LeagueTable, LeagueRow)>();
            for (var i = 0; i < waves.Count; i++)
            {
                var current = SegmentBrandWaves(segments, whole, brands, waves[i].Id, segment, category);
                if (current.Count == 0) continue;
                var table = SegmentTables.Build(sectorName, waves[i].Name, segment, category, current, settings,
                    i > 0 ? (waves[i - 1].Name, SegmentBrandWaves(segments, whole, brands, waves[i - 1].Id, segment, category)) : null);
                if (table.Find(brand) is { } row) trend.Add((table, row));
            }
            return (IReadOnlyList<(LeagueTable, LeagueRow)>)trend;
        }, ct);

    /// <summary>
    /// Step 26 for the lenses: the Six Pillars and KEI tables over the brands' customers in one
    /// segment's category (from the segment rollups, with the segment minimums), of the lenses the wave's customers answered.
    /// </summary>
    /// <exception cref="NotFoundException">The sector, wave, segment or category does not exist.</exception>
    public Task<IReadOnlyList<LensTable>> SegmentLensesAsync(string sector, string wave, string segment, string category, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("segment-lenses", sector, wave, Names.Key(segment), Names.Key(category)), async c =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(c);
            var (sectorId, sectorName) = await FindSectorAsync(connection, sector, c);
            var (waveId, waveCode) = await FindWaveAsync(connection, wave, c);
            var (spelledSegment, spelledCategory) = Find(await SegmentsOfAsync(connection, sectorId, waveId, c), segment, category, sectorName, waveCode);
            var rollups = await SegmentRollups.ReadAsync(connection, sectorId, [waveId], spelledSegment, c);
            var brands = await BrandNamesAsync(connection, sectorId, c);
            var customers = rollups.Where(x => x.Key.Category == spelledCategory && x.Key.Role == Role.Customer)
                .Select(x => (brands[x.Key.BrandId], x.Value)).ToList();
            var draft = !(await ReleasedWavesAsync(connection, sectorId, c)).Contains(waveId);
            IReadOnlyList<LensTable> tables = [.. new[] { Lens.Cee, Lens.Kei }
                .Select(lens => SegmentTables.BuildLens(sectorName, waveCode, lens, spelledSegment, spelledCategory, customers, settings) with { Draft = draft })
                .Where(t => t.HasAnswers)];
            return tables;
        }, ct);

    /// <summary>
    /// Step 27: a brand's customers in each category of each segment of a wave against its other
    /// customers of the segment; empty when the wave's file carried no segments for it.
    /// </summary>
    /// <exception cref="NotFoundException">The sector, wave or brand does not exist.</exception>
    public Task<IReadOnlyList<SegmentContrast>> SegmentContrastsAsync(string sector, string wave, string brand, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("segment-contrasts", sector, wave, brand), async c =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(c);
            var (sectorId, sectorName) = await FindSectorAsync(connection, sector, c);
            var (waveId, _) = await FindWaveAsync(connection, wave, c);
            var key = KeyOf(brand, "brand");
            var (brandId, name) = (await BrandNamesAsync(connection, sectorId, c)).FirstOrDefault(b => Names.Key(b.Value) == key);
            if (name is null) throw new NotFoundException(new("NotFound.BrandOfSector", sectorName, Names.Printable(brand)));
            return SegmentRollups.Contrasts(name, await SegmentRollups.ReadPairsAsync(connection, [(waveId, brandId)], c), settings);
        }, ct);

    /// <summary>The stored spelling of a segment and category, by the name rule; a sentence listing the wave's own when there is none.</summary>
    internal static (string Segment, string Category) Find(IReadOnlyList<SegmentInfo> segments, string segment, string category, string sector, string wave)
    {
        var found = segments.FirstOrDefault(s => Names.Same(s.Name, segment))
            ?? throw new NotFoundException(segments.Count == 0
                ? new("NotFound.NoSegments", sector, wave)
                : new("NotFound.Segment", Names.Printable(segment), sector, wave, segments.Select(s => (object)s.Name).ToList()));
        var spelled = found.Categories.FirstOrDefault(c => Names.Same(c, category))
            ?? throw new NotFoundException(new("NotFound.Category", Names.Printable(category), found.Name, wave, found.Categories.Cast<object>().ToList()));
        return (found.Name, spelled);
    }

    /// <summary>
    /// The brands with respondents in the category in a wave (step 26): their customers and prospects
    /// in it, all their prospects, and whether any of their prospects carries the segment.
    /// </summary>
    internal static List<SegmentBrandWave> SegmentBrandWaves(Dictionary<SegmentRollupKey, RoleStatistics> segments,
        Dictionary<RollupKey, RoleStatistics> whole, Dictionary<int, string> brands, int waveId, string segment, string category)
    {
        var carried = segments.Keys.Where(k => k.WaveId == waveId && k.Role == Role.Prospect).Select(k => k.BrandId).ToHashSet();
        return [.. segments.Keys.Where(k => k.WaveId == waveId && k.Category == category).Select(k => k.BrandId).Distinct()
            .Select(brandId => new SegmentBrandWave(brands[brandId],
                segments.GetValueOrDefault(new SegmentRollupKey(waveId, brandId, Role.Customer, segment, category), RoleStatistics.Empty),
                segments.GetValueOrDefault(new SegmentRollupKey(waveId, brandId, Role.Prospect, segment, category), RoleStatistics.Empty),
                whole.GetValueOrDefault(new RollupKey(waveId, brandId, Role.Prospect), RoleStatistics.Empty),
                carried.Contains(brandId)))];
    }
}
