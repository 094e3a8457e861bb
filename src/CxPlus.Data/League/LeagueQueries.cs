using CxPlus.Scoring;
using Npgsql;

namespace CxPlus.Data.League;

/// <summary>A sector, wave or brand asked for by name that the store does not hold.</summary>
/// <summary>Something asked for is not there: its sentence as data (<see cref="Sentence"/>), its message in English.</summary>
public sealed class NotFoundException(Sentence sentence) : SentenceException(sentence);

/// <summary>A sector as listed to users.</summary>
public sealed record SectorInfo(string Name, int Brands, IReadOnlyList<string> Waves);

/// <summary>A brand as the search finds it: its sector and the latest wave in which it has data.</summary>
public sealed record BrandEntry(string Sector, string Brand, string LatestWave);

/// <summary>A wave as listed to users.</summary>
public sealed record WaveInfo(string Code, long Responses);

/// <summary>
/// League tables from the store: reads a few rollup rows (this wave's and the previous one's)
/// and hands them to <see cref="LeagueTable.Build"/>. Names match by the one name rule (<see cref="Names"/>).
/// With <see cref="StoreChanges"/> (the web app), results are kept for the current store
/// generation (<see cref="ResultCache"/>); without it (the CLI, a one-off) every call computes.
/// </summary>
public sealed partial class LeagueQueries(NpgsqlDataSource dataSource, ScoringSettings settings, StoreChanges? changes = null)
{
    private readonly ResultCache _cache = new(changes);

    public ScoringSettings Settings => settings;

    /// <summary>Sectors with their brand counts and the waves in which they have data, in name order.</summary>
    public Task<IReadOnlyList<SectorInfo>> SectorsAsync(CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("sectors"), ComputeSectorsAsync, ct);

    private async Task<IReadOnlyList<SectorInfo>> ComputeSectorsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.name, count(DISTINCT b.id)::int,
                   coalesce(array_agg(DISTINCT w.code) FILTER (WHERE w.code IS NOT NULL), '{}')
            FROM sectors s
            LEFT JOIN brands b ON b.sector_id = s.id
            LEFT JOIN role_rollups x ON x.brand_id = b.id
            LEFT JOIN waves w ON w.id = x.wave_id
            GROUP BY s.id, s.name ORDER BY s.name_key
            """);
        var result = new List<SectorInfo>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result.Add(new SectorInfo(r.GetString(0), r.GetInt32(1), [.. r.GetFieldValue<string[]>(2).Order(StringComparer.Ordinal)]));
        return result;
    }

    /// <summary>Every brand with data, across all sectors, with the latest wave in which it has data (for the brand search).</summary>
    public Task<IReadOnlyList<BrandEntry>> BrandDirectoryAsync(CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("directory"), ComputeBrandDirectoryAsync, ct);

    private async Task<IReadOnlyList<BrandEntry>> ComputeBrandDirectoryAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.name, b.name, max(w.code COLLATE "C")
            FROM role_rollups x JOIN brands b ON b.id = x.brand_id JOIN sectors s ON s.id = b.sector_id JOIN waves w ON w.id = x.wave_id
            GROUP BY s.name, b.name ORDER BY b.name, s.name
            """);
        var result = new List<BrandEntry>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result.Add(new BrandEntry(r.GetString(0), r.GetString(1), r.GetString(2)));
        return result;
    }

    /// <summary>A sector's brands in name order.</summary>
    /// <exception cref="NotFoundException">The sector does not exist.</exception>
    public async Task<IReadOnlyList<string>> BrandsAsync(string sector, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (sectorId, _) = await FindSectorAsync(connection, sector, ct);
        return [.. (await BrandNamesAsync(connection, sectorId, ct)).Values.Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Waves in wave order with their response counts.</summary>
    public Task<IReadOnlyList<WaveInfo>> WavesAsync(CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("waves"), ComputeWavesAsync, ct);

    private async Task<IReadOnlyList<WaveInfo>> ComputeWavesAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT w.code, coalesce(sum(x.respondents), 0)::bigint FROM waves w LEFT JOIN role_rollups x ON x.wave_id = w.id
            GROUP BY w.id, w.code ORDER BY w.code COLLATE "C"
            """);
        var result = new List<WaveInfo>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result.Add(new WaveInfo(r.GetString(0), r.GetInt64(1)));
        return result;
    }

    /// <summary>The league table of a sector in a wave, from the rollups.</summary>
    /// <exception cref="NotFoundException">The sector or wave does not exist.</exception>
    public Task<LeagueTable> LeagueAsync(string sector, string wave, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("league", sector, wave), c => BuildAsync(sector, wave, fromResponses: false, c), ct);

    /// <summary>
    /// The table members are shown (issue 30): the same numbers, with movement against the sector's
    /// newest released wave before this one, since a draft wave does not exist for them.
    /// </summary>
    /// <exception cref="NotFoundException">The sector or wave does not exist.</exception>
    internal Task<LeagueTable> ReleasedLeagueAsync(string sector, string wave, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("released-league", sector, wave), c => BuildAsync(sector, wave, fromResponses: false, c, releasedPrevious: true), ct);

    /// <summary>
    /// The table a reader should meet first for a sector: its newest wave in which some brand is
    /// ranked (a wave whose fieldwork has only begun ranks nobody and says little), or its newest
    /// wave when none ranks anyone.
    /// </summary>
    public async Task<LeagueTable> LatestRankedAsync(SectorInfo sector, CancellationToken ct = default)
    {
        foreach (var wave in sector.Waves.Reverse())
            if (await LeagueAsync(sector.Name, wave, ct) is var table && table.Rows.Any(r => r.Eligible)) return table;
        return await LeagueAsync(sector.Name, sector.Waves[^1], ct);
    }

    /// <summary>The same table computed from the raw responses with one SQL aggregate (the cross-check and the baseline; never cached).</summary>
    public Task<LeagueTable> LeagueFromResponsesAsync(string sector, string wave, CancellationToken ct = default) =>
        BuildAsync(sector, wave, fromResponses: true, ct);

    /// <summary>
    /// A brand's league row in every wave in which its sector has data (oldest first), with each
    /// wave's table for context; a wave in which the brand has no data is left out.
    /// </summary>
    public Task<IReadOnlyList<(LeagueTable Table, LeagueRow Row)>> TrendAsync(string sectorName, string brand, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("trend", sectorName, brand), c => ComputeTrendAsync(sectorName, brand, c), ct);

    private async Task<IReadOnlyList<(LeagueTable Table, LeagueRow Row)>> ComputeTrendAsync(string sectorName, string brand, CancellationToken ct)
    {
        // One connection and one read of the sector's rollups for every wave; each wave's table
        // (with movement against the wave before) is then built in memory.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (sectorId, sector) = await FindSectorAsync(connection, sectorName, ct);
        var waves = await WavesOfAsync(connection, ct);
        var statistics = await RoleRollups.ReadAsync(connection, sectorId, [.. waves.Select(w => w.Id)], ct);
        var brands = await BrandNamesAsync(connection, sectorId, ct);
        var released = await ReleasedWavesAsync(connection, sectorId, ct);

        var trend = new List<(LeagueTable, LeagueRow)>();
        for (var i = 0; i < waves.Count; i++)
        {
            var table = Table(sector, waves[i], i > 0 ? waves[i - 1] : null, statistics, brands, released);
            if (table.Find(brand) is { } row) trend.Add((table, row));
        }
        return trend;
    }

    /// <summary>
    /// A sector's league table in every wave in which it has data, oldest first (one read of its
    /// rollups): the trend of every brand at once.
    /// </summary>
    public Task<IReadOnlyList<LeagueTable>> HistoryAsync(string sectorName, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("history", sectorName), c => ComputeHistoryAsync(sectorName, c), ct);

    private async Task<IReadOnlyList<LeagueTable>> ComputeHistoryAsync(string sectorName, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (sectorId, sector) = await FindSectorAsync(connection, sectorName, ct);
        var waves = await WavesOfAsync(connection, ct);
        var statistics = await RoleRollups.ReadAsync(connection, sectorId, [.. waves.Select(w => w.Id)], ct);
        var brands = await BrandNamesAsync(connection, sectorId, ct);
        var held = statistics.Keys.Select(k => k.WaveId).ToHashSet();
        var released = await ReleasedWavesAsync(connection, sectorId, ct);
        return [.. waves.Select((w, i) => (w, i)).Where(x => held.Contains(x.w.Id))
            .Select(x => Table(sector, x.w, x.i > 0 ? waves[x.i - 1] : null, statistics, brands, released))];
    }

    private static async Task<List<(int Id, string Name)>> WavesOfAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var waves = new List<(int Id, string Code)>();
        await using var command = new NpgsqlCommand("SELECT id, code FROM waves ORDER BY code COLLATE \"C\"", connection);
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) waves.Add((r.GetInt32(0), r.GetString(1)));
        return waves;
    }

    private async Task<LeagueTable> BuildAsync(string sectorName, string waveCode, bool fromResponses, CancellationToken ct, bool releasedPrevious = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (sectorId, sector) = await FindSectorAsync(connection, sectorName, ct);
        var wave = await FindWaveAsync(connection, waveCode, ct);
        var previous = await PreviousWaveAsync(connection, sectorId, wave.Name, releasedPrevious, ct);

        int[] waveIds = previous is { } p ? [wave.Id, p.Id] : [wave.Id];
        var statistics = fromResponses
            ? await RoleRollups.ComputeFromResponsesAsync(connection, settings, sectorId, waveIds, ct)
            : await RoleRollups.ReadAsync(connection, sectorId, waveIds, ct);
        return Table(sector, wave, previous, statistics, await BrandNamesAsync(connection, sectorId, ct), await ReleasedWavesAsync(connection, sectorId, ct));
    }

    private LeagueTable Table(string sector, (int Id, string Name) wave, (int Id, string Name)? previous,
        Dictionary<RollupKey, RoleStatistics> statistics, Dictionary<int, string> brands, HashSet<int> released) =>
        LeagueTable.Build(sector, wave.Name, BrandWaves(statistics, brands, wave.Id), settings,
            previous is { } pw ? (pw.Name, BrandWaves(statistics, brands, pw.Id)) : null) with { Draft = !released.Contains(wave.Id) };

    /// <summary>
    /// The wave movement is measured against: the one before; for members (<paramref name="releasedOnly"/>,
    /// issue 30) the sector's newest released wave before it.
    /// </summary>
    private static async Task<(int Id, string Name)?> PreviousWaveAsync(NpgsqlConnection connection, int sectorId, string waveCode, bool releasedOnly, CancellationToken ct)
    {
        if (!releasedOnly)
            return await FindAsync(connection, "SELECT id, code FROM waves WHERE code COLLATE \"C\" < $1 ORDER BY code COLLATE \"C\" DESC LIMIT 1", waveCode, ct);
        await using var command = new NpgsqlCommand(
            "SELECT w.id, w.code FROM waves w JOIN wave_releases r ON r.wave_id = w.id AND r.sector_id = $2 WHERE w.code COLLATE \"C\" < $1 ORDER BY w.code COLLATE \"C\" DESC LIMIT 1", connection);
        command.Parameters.Add(new() { Value = waveCode });
        command.Parameters.Add(new() { Value = sectorId });
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetInt32(0), r.GetString(1)) : null;
    }

    /// <summary>The waves released to members in a sector (issue 30); every other wave of it is a draft.</summary>
    private static async Task<HashSet<int>> ReleasedWavesAsync(NpgsqlConnection connection, int sectorId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT wave_id FROM wave_releases WHERE sector_id = $1", connection);
        command.Parameters.Add(new() { Value = sectorId });
        var released = new HashSet<int>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) released.Add(r.GetInt32(0));
        return released;
    }

    private static async Task<(int Id, string Name)> FindSectorAsync(NpgsqlConnection connection, string sectorName, CancellationToken ct) =>
        await FindAsync(connection, "SELECT id, name FROM sectors WHERE name_key = $1", KeyOf(sectorName, "sector"), ct)
            ?? throw new NotFoundException(await ListedAsync(connection, "SELECT name FROM sectors ORDER BY name_key", "sector", Names.Printable(sectorName), ct));

    /// <summary>The key a lookup compares; a name no stored name can be (a control character, say) is simply not there.</summary>
    public static string KeyOf(string name, string what) =>
        Names.Problem(name) is null ? Names.Key(name) : throw new NotFoundException(new(what switch { "sector" => "NotFound.Sector", "wave" => "NotFound.Wave", _ => "NotFound.Brand" }, Names.Printable(name)));

    private static List<BrandWave> BrandWaves(Dictionary<RollupKey, RoleStatistics> statistics, Dictionary<int, string> brands, int waveId) =>
        [.. statistics.Keys.Where(k => k.WaveId == waveId).Select(k => k.BrandId).Distinct().Select(brandId => new BrandWave(
            brands[brandId],
            statistics.GetValueOrDefault(new RollupKey(waveId, brandId, Role.Customer), RoleStatistics.Empty),
            statistics.GetValueOrDefault(new RollupKey(waveId, brandId, Role.Prospect), RoleStatistics.Empty)))];

    private static async Task<Dictionary<int, string>> BrandNamesAsync(NpgsqlConnection connection, int sectorId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT id, name FROM brands WHERE sector_id = $1", connection);
        command.Parameters.Add(new() { Value = sectorId });
        var names = new Dictionary<int, string>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) names[r.GetInt32(0)] = r.GetString(1);
        return names;
    }

    /// <summary>The id and name of the row a one-parameter query finds; null when none.</summary>
    internal static async Task<(int Id, string Name)?> FindAsync(NpgsqlConnection connection, string sql, string value, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = value });
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetInt32(0), r.GetString(1)) : null;
    }

    /// <summary>"There is no sector "X". Sectors: A, B." (<paramref name="what"/>: sector or wave), or that the store is empty.</summary>
    private static async Task<Sentence> ListedAsync(NpgsqlConnection connection, string sql, string what, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var names = new List<object>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) names.Add(r.GetString(0));
        return names.Count == 0 ? new("NotFound.EmptyStore", new Sentence($"Noun.{what}"), name)
            : new(what == "sector" ? "NotFound.SectorListed" : "NotFound.WaveListed", name, names);
    }
}
