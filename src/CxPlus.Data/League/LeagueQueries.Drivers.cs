using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;
using Npgsql;

namespace CxPlus.Data.League;

/// <summary>Key drivers (step 22) and the lens tables (steps 24–25).</summary>
public sealed partial class LeagueQueries
{
    /// <summary>
    /// Key drivers of recommendation in a sector's wave: of one brand, or pooled over all the
    /// sector's brands (ranked or not) when <paramref name="brand"/> is null; the five factors
    /// for <see cref="Lens.Cx"/>, the six pillars for <see cref="Lens.Cee"/>. The weights come from
    /// the rollups' cross-products; with <paramref name="intervals"/>, the bootstrap reads the raw
    /// complete respondents (in a fixed order, seeded by sector, wave and brand) for each importance's interval.
    /// </summary>
    /// <exception cref="NotFoundException">The sector, wave or brand does not exist, or the brand has no responses in the wave.</exception>
    public Task<DriverResult> DriversAsync(string sector, string wave, string? brand, Lens lens = Lens.Cx, bool intervals = true, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key($"drivers-{lens.Key()}-{intervals}", sector, wave, brand),
            c => ComputeDriversAsync(sector, wave, brand, lens, intervals, c), ct);

    /// <summary>
    /// Step 26's key drivers: those of the customers in one segment's category, of a brand or pooled
    /// over the sector's brands, as <see cref="DriversAsync"/> gives them for whole brands (the
    /// weights from the segment rollups, the intervals from the category's own respondents).
    /// </summary>
    /// <exception cref="NotFoundException">The sector, wave, segment, category or brand does not exist, or the brand has no customers in the category.</exception>
    public Task<DriverResult> SegmentDriversAsync(string sector, string wave, string segment, string category, string? brand, Lens lens = Lens.Cx,
        bool intervals = true, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key($"segment-drivers-{lens.Key()}-{intervals}", sector, wave, Names.Key(segment), Names.Key(category), brand),
            c => ComputeDriversAsync(sector, wave, brand, lens, intervals, c, (segment, category)), ct);

    private async Task<DriverResult> ComputeDriversAsync(string sector, string wave, string? brand, Lens lens, bool intervals, CancellationToken ct,
        (string Segment, string Category)? cut = null)
    {
        if (lens == Lens.Kei) throw new ArgumentException("The KEI has three items and no drivers; ask for cx or cee.", nameof(lens));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (sectorId, sectorName) = await FindSectorAsync(connection, sector, ct);
        var (waveId, waveCode) = await FindWaveAsync(connection, wave, ct);
        Dictionary<RollupKey, RoleStatistics> statistics;
        if (cut is { } asked)
        {
            cut = Find(await SegmentsOfAsync(connection, sectorId, waveId, ct), asked.Segment, asked.Category, sectorName, waveCode);
            statistics = (await SegmentRollups.ReadAsync(connection, sectorId, [waveId], cut.Value.Segment, ct))
                .Where(x => x.Key.Category == cut.Value.Category)
                .ToDictionary(x => new RollupKey(x.Key.WaveId, x.Key.BrandId, x.Key.Role), x => x.Value);
        }
        else statistics = await RoleRollups.ReadAsync(connection, sectorId, [waveId], ct);
        var brands = await BrandNamesAsync(connection, sectorId, ct);
        int? brandId = null;
        string? brandName = null;
        if (brand is not null)
        {
            var key = KeyOf(brand, "brand");
            (brandId, brandName) = brands.Where(b => Names.Key(b.Value) == key).Select(b => ((int?)b.Key, b.Value)).FirstOrDefault();
            if (brandId is null)
                throw new NotFoundException(new("NotFound.BrandListed", Names.Printable(brand), sectorName, brands.Values.Order(StringComparer.OrdinalIgnoreCase).ToList<object>()));
            if (!statistics.ContainsKey(new RollupKey(waveId, brandId.Value, Role.Customer)))
                throw new NotFoundException(cut is { } c
                    ? new("NotFound.NoCustomersInCategory", brandName, c.Segment, c.Category, sectorName, waveCode)
                    : new("NotFound.NoCustomers", brandName, sectorName, waveCode));
        }

        var (predictors, variables) = lens == Lens.Cee ? (Lenses.Pillars, 7) : (KeyDrivers.Factors, SuccessFactors.Count + 1);
        var sums = statistics.Where(s => s.Key.Role == Role.Customer && (brandId is null || s.Key.BrandId == brandId))
            .Select(s => lens == Lens.Cee ? s.Value.Pillars.Drivers : s.Value.Drivers)
            .Aggregate(CrossProducts.Empty(variables), (a, b) => a + b);
        var point = KeyDrivers.Compute(sums, predictors, settings.MinDriverBase, settings.MinDriverIntervalBase);
        // Step 22 (v3): below the interval base the weights are indicative, and no raw row is read.
        if (!point.Estimable || point.Indicative || !intervals) return point;
        // Retention removed the respondents the bootstrap reads: the result frozen just before stands
        // (a segment's was never frozen: its weights from the rollups stand, without intervals).
        var (retained, frozen) = await FrozenDriverResults.ReadAsync(connection, waveId, sectorId, brandId, lens, ct);
        if (retained) return cut is null ? frozen ?? point : point;

        var seed = KeyDrivers.SeedOf([sectorName, waveCode, brandName, .. lens == Lens.Cx ? Array.Empty<string>() : [lens.Key()],
            .. cut is { } s ? [s.Segment, s.Category] : Array.Empty<string>()]);
        if (point.N >= KeyDrivers.GroupBootstrapFrom)
        {
            // Large bases: resample random groups (each brand's within it), never the respondents; a
            // segment's groups are summed from its category's rows, which the database does in one pass.
            var brandIds = brandId is { } one ? [one] : statistics.Keys.Where(k => k.Role == Role.Customer).Select(k => k.BrandId).Distinct().Order().ToArray();
            var groups = cut is { } inCut
                ? await DriverGroups.ComputeInSegmentAsync(connection, settings, waveId, brandIds, inCut.Segment, inCut.Category, ct)
                : await DriverGroups.ReadAsync(connection, waveId, brandIds, ct);
            IReadOnlyList<IReadOnlyList<CrossProducts>> strata = [.. groups.OrderBy(g => g.Key).Select(g =>
                (IReadOnlyList<CrossProducts>)[.. g.Value.Select(x => lens == Lens.Cee ? x.Pillars : x.Factors).Where(x => x.N > 0)]).Where(s => s.Count > 0)];
            return KeyDrivers.GroupBootstrap(strata, predictors, settings.MinDriverBase, settings.MinDriverIntervalBase, settings.ConfidenceLevel, seed, ct);
        }
        var rows = await CompleteRespondentsAsync(connection, sectorId, waveId, brandId, lens, cut, ct);
        return KeyDrivers.Bootstrap(rows, predictors, settings.MinDriverBase, settings.MinDriverIntervalBase, settings.ConfidenceLevel, seed, ct);
    }

    /// <summary>
    /// Step 23's priority matrix of a brand in its sector's table (or of every brand in it when
    /// <paramref name="brand"/> is null): its own key drivers with intervals, the sector's pooled
    /// ones where its own are not estimable.
    /// </summary>
    public Task<IReadOnlyDictionary<string, PriorityMatrix>> PrioritiesAsync(LeagueTable table, string? brand = null, CancellationToken ct = default) =>
        // Keyed by the table's sector, wave and segment view: in one generation there is one table for them.
        _cache.GetAsync(ResultCache.Key("priorities", table.Sector, table.Wave, brand, table.Segment?.Segment, table.Segment?.Category),
            c => ComputePrioritiesAsync(table, brand, c), ct);

    private async Task<IReadOnlyDictionary<string, PriorityMatrix>> ComputePrioritiesAsync(LeagueTable table, string? brand, CancellationToken ct)
    {
        var rows = brand is null ? table.Rows : [table.Find(brand) ?? throw new NotFoundException(new("NotFound.BrandInWave", table.Sector, Names.Printable(brand), table.Wave))];
        var result = new Dictionary<string, PriorityMatrix>(Names.Comparer);
        foreach (var row in rows) result[row.Brand] = await PriorityAsync(table, row, ct);
        return result;
    }

    /// <summary>
    /// One brand's priority matrix in a table: the table may be a member's view of it (issue 27),
    /// whose sector factors are published sums; the drivers are the brand's own, or the sector's pooled.
    /// </summary>
    internal async Task<PriorityMatrix> PriorityAsync(LeagueTable table, LeagueRow row, CancellationToken ct)
    {
        // A segment table's priorities come from the drivers within its category (step 26).
        Task<DriverResult> Drivers(string? brand) => table.Segment is { } cut
            ? SegmentDriversAsync(table.Sector, table.Wave, cut.Segment, cut.Category, brand, Lens.Cx, intervals: true, ct)
            : DriversAsync(table.Sector, table.Wave, brand, Lens.Cx, intervals: true, ct);
        var own = row.Result.Customers.N > 0 ? await Drivers(row.Brand) : null;
        // Cached: a table's brands without their own drivers share the one pooled computation.
        var sector = own is { Estimable: true } ? null : await Drivers(null);
        return PriorityMatrix.Build(table, row.Brand, own ?? new DriverResult(0, null, "no customer responses", [], Problem: new DriverProblem(DriverIssue.NoCustomers)), sector ?? own!);
    }

    /// <summary>
    /// The complete respondents step 22 uses (customers who rated every factor, or every pillar,
    /// and answered NPS), rescaled, in brand-key then respondent order so that a seed always draws the same resamples.
    /// </summary>
    private async Task<List<(double[] Values, double Weight)>> CompleteRespondentsAsync(
        NpgsqlConnection connection, int sectorId, int waveId, int? brandId, Lens lens, (string Segment, string Category)? cut, CancellationToken ct)
    {
        var columns = lens == Lens.Cee ? Lenses.Pillars.Select(p => p.Key).ToArray() : [.. SuccessFactors.All.Select(f => f.Key())];
        var list = string.Join(", ", columns.Select(c => "r." + c));
        var complete = string.Join(" AND ", columns.Select(c => $"r.{c} IS NOT NULL"));
        await using var command = new NpgsqlCommand($"""
            SELECT {list}, r.nps, r.weight FROM responses r JOIN brands b ON b.id = r.brand_id
            WHERE r.wave_id = $1 AND b.sector_id = $2 AND ($3::int IS NULL OR r.brand_id = $3) AND r.role = {(short)Role.Customer}
              AND {complete} AND r.nps IS NOT NULL{(cut is null ? "" : " AND r.segments ->> $4 = $5")}
            ORDER BY b.name_key, r.respondent_id
            """, connection);
        command.Parameters.Add(new() { Value = waveId });
        command.Parameters.Add(new() { Value = sectorId });
        command.Parameters.Add(new() { Value = (object?)brandId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        if (cut is { } c)
        {
            command.Parameters.Add(new() { Value = c.Segment });
            command.Parameters.Add(new() { Value = c.Category });
        }
        var rows = new List<(double[], double)>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var values = new double[columns.Length + 1];
            for (var k = 0; k < columns.Length; k++) values[k] = settings.Rescale(r.GetInt16(k));
            values[columns.Length] = r.GetInt16(columns.Length);
            rows.Add((values, r.GetDouble(columns.Length + 1)));
        }
        return rows;
    }

    /// <summary>A sector's table in the Six Pillars or KEI lens for a wave (from the rollups).</summary>
    /// <exception cref="NotFoundException">The sector or wave does not exist.</exception>
    public async Task<LensTable> LensAsync(string sector, string wave, Lens lens, CancellationToken ct = default) =>
        (await LensesAsync(sector, wave, ct)).Single(t => t.Lens == lens);

    /// <summary>The lenses other than CX+ whose questions some brand's customers answered in a sector's wave: none for a file without them.</summary>
    public async Task<IReadOnlyList<LensTable>> AnsweredLensesAsync(string sector, string wave, CancellationToken ct = default) =>
        [.. (await LensesAsync(sector, wave, ct)).Where(t => t.HasAnswers)];

    /// <summary>Both lens tables of a sector's wave (one read of its rollups, kept for the generation).</summary>
    private Task<IReadOnlyList<LensTable>> LensesAsync(string sector, string wave, CancellationToken ct) =>
        _cache.GetAsync(ResultCache.Key("lenses", sector, wave), c => ComputeLensesAsync(sector, wave, [Lens.Cee, Lens.Kei], c), ct);

    private async Task<IReadOnlyList<LensTable>> ComputeLensesAsync(string sector, string wave, Lens[] lenses, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (sectorId, sectorName) = await FindSectorAsync(connection, sector, ct);
        var (waveId, waveCode) = await FindWaveAsync(connection, wave, ct);
        var statistics = await RoleRollups.ReadAsync(connection, sectorId, [waveId], ct);
        var brands = await BrandNamesAsync(connection, sectorId, ct);
        var customers = BrandWaves(statistics, brands, waveId).Select(b => (b.Brand, b.Customers)).ToList();
        var draft = !(await ReleasedWavesAsync(connection, sectorId, ct)).Contains(waveId);
        return [.. lenses.Select(lens => LensTable.Build(sectorName, waveCode, lens, customers, settings) with { Draft = draft })];
    }

    private static async Task<(int Id, string Name)> FindWaveAsync(NpgsqlConnection connection, string waveCode, CancellationToken ct) =>
        await FindAsync(connection, "SELECT id, code FROM waves WHERE code_key = $1", KeyOf(waveCode, "wave"), ct)
            ?? throw new NotFoundException(await ListedAsync(connection, "SELECT code FROM waves ORDER BY code COLLATE \"C\"", "wave", Names.Printable(waveCode), ct));
}
