using System.Collections.Concurrent;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;
using Npgsql;

namespace CxPlus.Data.Clients;

/// <summary>A brand a client's organisation holds, by id and current names.</summary>
public sealed record ScopedBrand(int BrandId, int SectorId, string Sector, string Brand);

/// <summary>
/// One of a client's own brands in a wave (<see cref="ClientReads.BrandAsync(ClientScope, string, string, string, Func{int, string}, string, CancellationToken)"/>, or within a segment view): its row in full within
/// the client's view of the table, its history of waves, oldest first, and its priorities.
/// </summary>
public sealed record OwnBrand(LeagueTable Table, LeagueRow Row, IReadOnlyList<(LeagueTable Table, LeagueRow Row)> History, PriorityMatrix? Priorities,
    IReadOnlyList<OwnLens> Lenses, IReadOnlyList<SegmentContrast> Segments, Scoring.Comments.BrandThemes? Themes = null);

/// <summary>
/// A member's own brand in a lens (Six Pillars or KEI): its customers' score and items, beside the
/// sector's average and best. Its rank in the lens is not among them: that table is not published.
/// </summary>
/// <param name="Own">The brand's lens row: base, score and items (no rank, index or position).</param>
/// <param name="Items">The lens's items, in order.</param>
/// <param name="Sector">The sector's averages and bests.</param>
public sealed record OwnLens(LensRow Own, IReadOnlyList<Predictor> Items, SectorLens Sector);

/// <summary>
/// What a client user may read: its organisation and the brands it holds (issue 27). Every read of
/// a client goes through <see cref="ClientReads"/> with it; <see cref="Key"/> is part of every
/// cache key, so one organisation's result is never served to another, nor after a grant changes.
/// </summary>
public sealed record ClientScope(int OrganisationId, string Organisation, IReadOnlyList<ScopedBrand> Brands)
{
    /// <summary>The organisation and the exact brands it holds, for cache keys.</summary>
    public string Key { get; } = $"{OrganisationId}:{string.Join(',', Brands.Select(b => b.BrandId).Order())}";

    /// <summary>Whether the organisation holds this brand (by the one name rule).</summary>
    public bool Holds(string sector, string brand) => Brands.Any(b => Names.Same(b.Sector, sector) && Names.Same(b.Brand, brand));

    /// <summary>The sectors it has a brand in, in name order.</summary>
    public IReadOnlyList<string> Sectors => [.. Brands.Select(b => b.Sector).Distinct(Names.Comparer).Order(StringComparer.OrdinalIgnoreCase)];
}

/// <summary>
/// A client's reads, enforced twice. Here, in the data layer: a client reaches only the sectors it
/// holds a brand in, and of the other brands only the published headline (<see cref="PublishedTables"/>).
/// And in PostgreSQL: every query runs as the role <c>cxplus_client</c> with the organisation set
/// for the transaction, under row-level security that lets it read its own brands' rows and the
/// published tables of its sectors, nothing else (the migration <c>ClientScope</c>); so a check
/// forgotten here still cannot leak another member's detail.
/// </summary>
public sealed class ClientReads(NpgsqlDataSource dataSource, PublishedTables publisher, ScoringSettings settings, StoreChanges? changes = null, LeagueQueries? league = null)
{
    private readonly ResultCache _cache = new(changes);
    /// <summary>The agency's queries, for what needs respondent rows (a brand's own drivers), asked only of a brand read under row-level security.</summary>
    private readonly LeagueQueries _league = league ?? new LeagueQueries(dataSource, settings, changes);
    private readonly ConcurrentDictionary<string, (long Accounts, long? Data, ClientScope? Scope)> _scopes = new(StringComparer.Ordinal);

    /// <summary>The PostgreSQL role a client's queries run as (no login; the app's role is a member of it).</summary>
    public const string Role = "cxplus_client";

    /// <summary>The scope of the signed-in user (by the user id claim); null when there is none, or no organisation.</summary>
    public async Task<ClientScope?> ScopeOfAsync(System.Security.Claims.ClaimsPrincipal? user, CancellationToken ct = default) =>
        user?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id ? await ScopeOfAsync(id, ct) : null;

    /// <summary>
    /// The scope of a user with the role Client; null when the user has no organisation (then it
    /// may read nothing). Remembered while neither the accounts generation (a grant, revoke or role
    /// change, on any instance) nor the data generation (a rename or merge) moves.
    /// </summary>
    public async Task<ClientScope?> ScopeOfAsync(string userId, CancellationToken ct = default)
    {
        var (accounts, data) = (changes?.Accounts, changes?.Data);
        if (accounts is { } a && _scopes.TryGetValue(userId, out var known) && known.Accounts == a && known.Data == data) return known.Scope;
        ClientScope? scope = null;
        await using (var command = dataSource.CreateCommand("""
            SELECT o.id, o.name, b.id, s.id, s.name, b.name FROM users u JOIN organisations o ON o.id = u.organisation_id
            LEFT JOIN organisation_brands g ON g.organisation_id = o.id LEFT JOIN brands b ON b.id = g.brand_id LEFT JOIN sectors s ON s.id = b.sector_id
            WHERE u.id = $1 ORDER BY s.name_key, b.name_key
            """))
        {
            command.Parameters.Add(new() { Value = userId });
            await using var r = await command.ExecuteReaderAsync(ct);
            var brands = new List<ScopedBrand>();
            (int Id, string Name)? organisation = null;
            while (await r.ReadAsync(ct))
            {
                organisation ??= (r.GetInt32(0), r.GetString(1));
                if (!r.IsDBNull(2)) brands.Add(new ScopedBrand(r.GetInt32(2), r.GetInt32(3), r.GetString(4), r.GetString(5)));
            }
            if (organisation is { } o) scope = new ClientScope(o.Id, o.Name, brands);
        }
        if (accounts is { } generation)
        {
            if (_scopes.Count >= 10_000) _scopes.Clear();
            _scopes[userId] = (generation, data, scope);
        }
        return scope;
    }

    /// <summary>
    /// The league table of a sector in a wave as the client may see it: its own brands' rows and
    /// every other brand's published headline (named, or "Brand k" through <paramref name="anonymous"/>
    /// when competitors are anonymous), with the sector's factor averages and bests.
    /// </summary>
    /// <param name="scope">The client's scope (<see cref="ScopeOfAsync(string, CancellationToken)"/>).</param>
    /// <param name="sector">The sector, one the client holds a brand in.</param>
    /// <param name="wave">The wave.</param>
    /// <param name="anonymous">The name of the k-th row of the table when competitors are anonymous, in the reader's language.</param>
    /// <param name="language">The reader's language (the names <paramref name="anonymous"/> gives depend on it).</param>
    /// <param name="ct">Cancels the wait (the computation goes on while others wait for it).</param>
    /// <exception cref="NotFoundException">No such sector among the client's, or no such wave.</exception>
    /// <param name="segment">Step 26: a segment view's segment and category (matched by the name rule); null for the whole brands.</param>
    /// <exception cref="NotFoundException">No such sector among the client's, no such wave, or no such segment or category in it.</exception>
    public Task<Published> LeagueAsync(ClientScope scope, string sector, string wave, Func<int, string> anonymous, string language, CancellationToken ct = default,
        (string Segment, string Category)? segment = null) =>
        _cache.GetAsync(ResultCache.Key("client-league", scope.Key, sector, wave, publisher.Competitors == CompetitorNames.Anonymous ? language : null,
                segment is { } cut ? Names.Key(cut.Segment) : null, segment is { } c2 ? Names.Key(c2.Category) : null),
            c => ComputeLeagueAsync(scope, sector, wave, anonymous, segment, c), ct);

    private async Task<Published> ComputeLeagueAsync(ClientScope scope, string sectorName, string waveCode, Func<int, string> anonymous,
        (string Segment, string Category)? segment, CancellationToken ct)
    {
        var (segmentKey, categoryKey) = PublishedTables.KeysOf(segment);
        long? published = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (sectorId, waveId, current, stored, body) = await InScopeAsync(scope, async connection =>
            {
                var (sector, wave) = await SectorAndWaveAsync(connection, sectorName, waveCode, ct);
                await using var command = new NpgsqlCommand("""
                    SELECT (SELECT generation FROM store_state WHERE id = 1), p.generation, p.body::text
                    FROM (SELECT 1) one LEFT JOIN published_tables p ON p.sector_id = $1 AND p.wave_id = $2 AND p.segment_key = $3 AND p.category_key = $4
                    """, connection);
                command.Parameters.Add(new() { Value = sector });
                command.Parameters.Add(new() { Value = wave });
                command.Parameters.Add(new() { Value = segmentKey });
                command.Parameters.Add(new() { Value = categoryKey });
                await using var r = await command.ExecuteReaderAsync(ct);
                await r.ReadAsync(ct);
                return (sector, wave, r.GetInt64(0), r.IsDBNull(1) ? (long?)null : r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2));
            }, ct);
            // Current, or at least as new as the one this request had published (the store may have moved on
            // since), and written the way this installation shows competitors.
            if (body is not null && stored >= (published ?? current)
                && PublishedTables.FromJson(body, settings) is { } found && found.Anonymous == (publisher.Competitors == CompetitorNames.Anonymous))
                return View(scope, found, anonymous);
            await publisher.PublishAsync(sectorId, waveId, current, segment, ct);
            published = current;
        }
        // Published each time and each time gone again: the sector or wave was renamed or removed meanwhile.
        throw new NotFoundException(new("NotFound.Sector", Names.Printable(sectorName)));
    }

    /// <summary>
    /// The client's view of a table (<see cref="LeagueAsync"/>) with its own brands' rows in full
    /// (<see cref="OwnBrandsAsync(ClientScope, LeagueTable, CancellationToken)"/>): what its league files hold.
    /// </summary>
    public async Task<LeagueTable> TableAsync(ClientScope scope, string sector, string wave, Func<int, string> anonymous, string language, CancellationToken ct = default,
        (string Segment, string Category)? segment = null)
    {
        var view = (await LeagueAsync(scope, sector, wave, anonymous, language, ct, segment)).Table;
        var own = (await OwnBrandsAsync(scope, view, ct)).ToDictionary(r => r.Brand, Names.Comparer);
        return view with { Rows = [.. view.Rows.Select(r => own.TryGetValue(r.Brand, out var full) && scope.Holds(view.Sector, r.Brand) ? r with { Result = full } : r)] };
    }

    /// <summary>
    /// The waves in which the client's brands in a sector have data, oldest first (read under
    /// row-level security, which leaves it its own brands' rollups only).
    /// </summary>
    public Task<IReadOnlyList<string>> WavesAsync(ClientScope scope, string sector, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("client-waves", scope.Key, sector), c => InScopeAsync(scope, async connection =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT DISTINCT w.code COLLATE "C" FROM role_rollups x JOIN brands b ON b.id = x.brand_id JOIN sectors s ON s.id = b.sector_id
                JOIN waves w ON w.id = x.wave_id WHERE s.name_key = $1 ORDER BY 1
                """, connection);
            command.Parameters.Add(new() { Value = LeagueQueries.KeyOf(sector, "sector") });
            var waves = new List<string>();
            await using var r = await command.ExecuteReaderAsync(c);
            while (await r.ReadAsync(c)) waves.Add(r.GetString(0));
            return (IReadOnlyList<string>)waves;
        }, c), ct);

    /// <summary>
    /// The client's own brands in full within a view of a table: the whole brands' (<see cref="OwnBrandsAsync(ClientScope, string, string, CancellationToken)"/>),
    /// or a segment view's, from their own segment rollups (step 26, with the segment minimums).
    /// </summary>
    public Task<IReadOnlyList<BrandResult>> OwnBrandsAsync(ClientScope scope, LeagueTable view, CancellationToken ct = default) =>
        view.Segment is not { } cut
            ? OwnBrandsAsync(scope, view.Sector, view.Wave, ct)
            : _cache.GetAsync(ResultCache.Key("client-own-segment", scope.Key, view.Sector, view.Wave, cut.Segment, cut.Category), c => InScopeAsync(scope, async connection =>
            {
                var (sectorId, waveId) = await SectorAndWaveAsync(connection, view.Sector, view.Wave, c);
                var names = scope.Brands.ToDictionary(b => b.BrandId, b => b.Brand);
                // Its own brands' rows only, twice over: row-level security, and the scope's brands here.
                var segments = (await SegmentRollups.ReadAsync(connection, sectorId, [waveId], cut.Segment, c)).Where(x => names.ContainsKey(x.Key.BrandId)).ToDictionary();
                var whole = await RoleRollups.ReadAsync(connection, sectorId, [waveId], c);
                return (IReadOnlyList<BrandResult>)[.. LeagueQueries.SegmentBrandWaves(segments, whole, names, waveId, cut.Segment, cut.Category)
                    .Select(b => BrandResult.Compute(b.Scored, view.Settings))
                    .OrderBy(r => r.Brand, StringComparer.OrdinalIgnoreCase)];
            }, c), ct);

    /// <summary>
    /// The segments and categories in which the client's brands of a sector have respondents in a
    /// wave (step 26), read under row-level security from their own segment rollups; each opens that
    /// segment view of the sector's table.
    /// </summary>
    public Task<IReadOnlyList<SegmentInfo>> SegmentsAsync(ClientScope scope, string sector, string wave, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("client-segments", scope.Key, sector, wave), c => InScopeAsync(scope, async connection =>
        {
            var (sectorId, waveId) = await SectorAndWaveAsync(connection, sector, wave, c);
            return await LeagueQueries.SegmentsOfAsync(connection, sectorId, waveId, c);
        }, c), ct);

    /// <summary>
    /// The client's own brands of a sector in a wave, in full (every factor, gap, NPS, CSAT and CES),
    /// computed from their own rollups, the only ones row-level security lets the client role read.
    /// </summary>
    public Task<IReadOnlyList<BrandResult>> OwnBrandsAsync(ClientScope scope, string sector, string wave, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("client-own", scope.Key, sector, wave), c => InScopeAsync(scope, async connection =>
        {
            var (sectorId, waveId) = await SectorAndWaveAsync(connection, sector, wave, c);
            var statistics = await RoleRollups.ReadAsync(connection, sectorId, [waveId], c);
            var names = scope.Brands.ToDictionary(b => b.BrandId, b => b.Brand);
            return (IReadOnlyList<BrandResult>)[.. statistics.Keys.Select(k => k.BrandId).Distinct().Where(names.ContainsKey)
                .Select(id => BrandResult.Compute(new BrandWave(names[id],
                    statistics.GetValueOrDefault(new RollupKey(waveId, id, Scoring.Role.Customer), RoleStatistics.Empty),
                    statistics.GetValueOrDefault(new RollupKey(waveId, id, Scoring.Role.Prospect), RoleStatistics.Empty)), settings))
                .OrderBy(r => r.Brand, StringComparer.OrdinalIgnoreCase)];
        }, c), ct);

    /// <summary>
    /// One of the client's own brands in a wave, in full, as its brand page and reports show it: its
    /// row (every factor, gap, NPS, CSAT and CES from its own rollups; rank, index and movement as
    /// published) within the client's view of the table, whose sector factors are the published
    /// sums; the same for every wave it has data in; and its priorities. The brand is found twice:
    /// among the scope's brands, and in rollups read as the client role; only then are its own
    /// drivers asked of the agency's queries (they need respondent rows no client role may read).
    /// </summary>
    /// <exception cref="NotFoundException">Not one of the organisation's brands, or no data of it in the wave.</exception>
    public Task<OwnBrand> BrandAsync(ClientScope scope, string sector, string wave, string brand, Func<int, string> anonymous, string language, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("client-brand", scope.Key, sector, wave, brand, publisher.Competitors == CompetitorNames.Anonymous ? language : null),
            c => ComputeBrandAsync(scope, sector, wave, brand, anonymous, language, c), ct);

    private async Task<OwnBrand> ComputeBrandAsync(ClientScope scope, string sector, string wave, string brand, Func<int, string> anonymous, string language, CancellationToken ct)
    {
        var held = Held(scope, sector, brand);
        var (waves, statistics, segments) = await InScopeAsync(scope, async connection =>
        {
            var waves = new List<(int Id, string Code)>();
            await using (var command = new NpgsqlCommand("SELECT id, code FROM waves ORDER BY code COLLATE \"C\"", connection))
            await using (var r = await command.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) waves.Add((r.GetInt32(0), r.GetString(1)));
            // Step 27 needs the brand's own segment rollups only, read under row-level security as its rollups are.
            (int, int)[] pair = [.. waves.Where(w => Names.Same(w.Code, wave)).Select(w => (w.Id, held.BrandId))];
            return (waves, await RoleRollups.ReadAsync(connection, held.SectorId, [.. waves.Select(w => w.Id)], ct),
                await SegmentRollups.ReadPairsAsync(connection, pair, ct));
        }, ct);
        RoleStatistics Of(int waveId, Scoring.Role role) => statistics.GetValueOrDefault(new RollupKey(waveId, held.BrandId, role), RoleStatistics.Empty);
        var own = waves.Where(w => statistics.ContainsKey(new RollupKey(w.Id, held.BrandId, Scoring.Role.Customer)) || statistics.ContainsKey(new RollupKey(w.Id, held.BrandId, Scoring.Role.Prospect))).ToList();
        if (!own.Any(w => Names.Same(w.Code, wave)))
        {
            if (!waves.Any(w => Names.Same(w.Code, wave))) throw new NotFoundException(new("NotFound.Wave", Names.Printable(wave)));
            throw new NotFoundException(new("NotFound.BrandInWave", held.Sector, held.Brand, Names.Printable(wave)));
        }

        var history = new List<(LeagueTable Table, LeagueRow Row)>();
        IReadOnlyList<OwnLens> lenses = [];
        foreach (var (waveId, code) in own)
        {
            var view = await LeagueAsync(scope, held.Sector, code, anonymous, language, ct);
            if (Names.Same(code, wave))
                lenses = [.. view.Lenses.Where(l => LensTable.Answered(l.Lens, Of(waveId, Scoring.Role.Customer))).Select(l =>
                {
                    var table = LensTable.Build(view.Table.Sector, code, l.Lens, [(held.Brand, Of(waveId, Scoring.Role.Customer))], settings);
                    return new OwnLens(table.Rows[0] with { Rank = null, Index = null, RankRange = null, VersusAverage = null }, table.Items, l);
                })];
            var index = view.BrandIds.ToList().IndexOf(held.BrandId);
            if (index < 0) continue; // published before the brand's data came: the next generation has it
            var result = BrandResult.Compute(new BrandWave(held.Brand, Of(waveId, Scoring.Role.Customer), Of(waveId, Scoring.Role.Prospect)), settings);
            var row = view.Table.Rows[index] with { Result = result };
            history.Add((view.Table with { Rows = [.. view.Table.Rows.Select((r, i) => i == index ? row : r)] }, row));
        }
        var (table, current) = history.FirstOrDefault(h => Names.Same(h.Table.Wave, wave));
        if (table is null) throw new NotFoundException(new("NotFound.BrandInWave", held.Sector, held.Brand, Names.Printable(wave)));
        return new OwnBrand(table, current, history, await _league.PriorityAsync(table, current, ct), lenses,
            SegmentRollups.Contrasts(held.Brand, segments, settings), OwnThemes(await _league.ThemesAsync(table.Sector, table.Wave, ct), held.Brand));
    }

    /// <summary>
    /// One of the client's own brands within a segment view (step 26), as its brand page shows it: its
    /// row in the category's table (its own segment rollups in full, the others' published headline),
    /// its trend in that category over the released waves that have it, and its priorities from the
    /// drivers within the category. Segments and reports are the whole brand's.
    /// </summary>
    /// <exception cref="NotFoundException">Not one of its brands, a wave it may not see, an unknown segment or category, or no respondents of the brand in it.</exception>
    public async Task<OwnBrand> BrandAsync(ClientScope scope, string sector, string wave, string brand, (string Segment, string Category) segment,
        Func<int, string> anonymous, string language, CancellationToken ct = default)
    {
        var held = Held(scope, sector, brand);
        var table = await TableAsync(scope, held.Sector, wave, anonymous, language, ct, segment);
        var cut = table.Segment!;
        var row = table.Find(held.Brand)
            ?? throw new NotFoundException(new("NotFound.BrandInCategory", held.Brand, cut.Segment, cut.Category, table.Sector, table.Wave));
        var history = new List<(LeagueTable Table, LeagueRow Row)>();
        foreach (var w in await WavesAsync(scope, held.Sector, ct))
        {
            LeagueTable inWave;
            try
            {
                inWave = Names.Same(w, table.Wave) ? table : await TableAsync(scope, held.Sector, w, anonymous, language, ct, (cut.Segment, cut.Category));
            }
            catch (NotFoundException)
            {
                continue; // that wave's files did not carry the segment or the category
            }
            if (inWave.Find(held.Brand) is { } inRow) history.Add((inWave, inRow));
        }
        return new OwnBrand(table, row, history, await _league.PriorityAsync(table, row, ct), [], []);
    }

    /// <summary>
    /// What its customers say (steps 29-30): its own shares and quotes, and the rest of the sector only
    /// as the share it is compared with, when that rest is two brands or more (with one, the
    /// difference would give away that brand's share).
    /// </summary>
    private static Scoring.Comments.BrandThemes? OwnThemes(SectorThemes sector, string brand) =>
        sector.Of(brand) is not { } own ? null
        : sector.Brands.Count(b => !Names.Same(b.Brand, brand) && b.Commenters > 0) >= 2 ? own
        : own with { Themes = [.. own.Themes.Select(t => t with { VersusRest = null, PValue = null, QValue = null, Significant = null })] };

    /// <summary>
    /// The alerts of the client's own brands of a sector in a released wave (issue 30), against the
    /// sector's previous released wave; no other brand's.
    /// </summary>
    /// <exception cref="NotFoundException">No such sector among the client's, or the wave is not one it may see.</exception>
    public async Task<SectorAlerts> AlertsAsync(ClientScope scope, string sector, string wave, CancellationToken ct = default)
    {
        var own = scope.Brands.Where(b => Names.Same(b.Sector, sector)).ToList();
        if (own.Count == 0) throw new NotFoundException(new("NotFound.Sector", Names.Printable(sector)));
        await VisibleWaveAsync(scope, own[0].Sector, wave, ct);
        var alerts = await _league.AlertsAsync(own[0].Sector, wave, ct);
        return alerts with { Alerts = [.. alerts.Alerts.Where(a => own.Any(b => Names.Same(b.Brand, a.Brand)))] };
    }

    /// <summary>
    /// The comments on one of the client's own brands in a wave (issue 29: a member reads its own
    /// brands' comments only), filtered as the agency's comments are; a segment filter takes the
    /// segments of its own brands only, so no other brand's segment is named, even in an error.
    /// </summary>
    /// <exception cref="NotFoundException">Not one of the organisation's brands, an unknown wave, segment, category or theme.</exception>
    public async Task<CommentPage> CommentsAsync(ClientScope scope, string sector, string wave, string brand, CommentFilter filter, CancellationToken ct = default)
    {
        var held = Held(scope, sector, brand);
        await VisibleWaveAsync(scope, held.Sector, wave, ct);
        if (filter.Segment is { } asked)
            filter = filter with { Segment = LeagueQueries.Find(await SegmentsAsync(scope, held.Sector, wave, ct), asked.Segment, asked.Category, held.Sector, Names.Printable(wave)) };
        return await _league.CommentsAsync(held.Sector, wave, filter with { Brand = held.Brand }, ct);
    }

    /// <summary>One of the scope's brands (by the name rule).</summary>
    /// <exception cref="NotFoundException">Not one of the organisation's brands.</exception>
    private static ScopedBrand Held(ClientScope scope, string sector, string brand) =>
        scope.Brands.FirstOrDefault(b => Names.Same(b.Sector, sector) && Names.Same(b.Brand, brand))
        ?? throw new NotFoundException(new("NotFound.BrandNotHeld", Names.Printable(brand), Names.Printable(sector)));

    /// <summary>
    /// Checks the wave is one the client may see in the sector (released, with its brands' data; issue 30),
    /// before anything is read with the agency's rights.
    /// </summary>
    /// <exception cref="NotFoundException">It is not.</exception>
    private async Task VisibleWaveAsync(ClientScope scope, string sector, string wave, CancellationToken ct)
    {
        if (!(await WavesAsync(scope, sector, ct)).Any(w => Names.Same(w, wave)))
            throw new NotFoundException(new("NotFound.Wave", Names.Printable(wave)));
    }

    /// <summary>The client's view of a published table: its own brands by their names, the others as published or as "Brand k".</summary>
    private static Published View(ClientScope scope, Published published, Func<int, string> anonymous)
    {
        var own = scope.Brands.ToDictionary(b => b.BrandId, b => b.Brand);
        var rows = published.Table.Rows.Select((row, i) =>
            own.TryGetValue(published.BrandIds[i], out var name) ? row with { Result = row.Result.Named(name) }
            : published.Anonymous || row.Brand.Length == 0 ? row with { Result = row.Result.Named(anonymous(i + 1)) }
            : row).ToList();
        // A segment view names the brands whose expectation is all their prospects' as it names their rows.
        var segment = published.Table.Segment is { } cut
            ? cut with { AllProspects = [.. rows.Where((_, i) => published.AllProspects.Contains(published.BrandIds[i])).Select(r => r.Brand)] }
            : null;
        return published with { Table = published.Table with { Rows = rows, Segment = segment } };
    }

    /// <summary>Runs <paramref name="read"/> in a transaction as the client role with the organisation set: row-level security applies to every query in it.</summary>
    private async Task<T> InScopeAsync<T>(ClientScope scope, Func<NpgsqlConnection, Task<T>> read, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        // The id is an integer, written into the statement (two statements take no parameters).
        await using (var enter = new NpgsqlCommand(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"SELECT set_config('cxplus.organisation', '{scope.OrganisationId}', true); SET LOCAL ROLE {Role}"), connection))
            await enter.ExecuteNonQueryAsync(ct);
        var result = await read(connection);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// A sector's and a wave's ids, read as the client role: row-level security shows it only the
    /// sectors it holds a brand in, so another sector is "not there", as an unknown one.
    /// </summary>
    private static async Task<(int SectorId, int WaveId)> SectorAndWaveAsync(NpgsqlConnection connection, string sector, string wave, CancellationToken ct) =>
        (await IdAsync(connection, "SELECT id FROM sectors WHERE name_key = $1", LeagueQueries.KeyOf(sector, "sector"), ct)
            ?? throw new NotFoundException(new("NotFound.Sector", Names.Printable(sector))),
         await IdAsync(connection, "SELECT id FROM waves WHERE code_key = $1", LeagueQueries.KeyOf(wave, "wave"), ct)
            ?? throw new NotFoundException(new("NotFound.Wave", Names.Printable(wave))));

    private static async Task<int?> IdAsync(NpgsqlConnection connection, string sql, string value, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = value });
        return await command.ExecuteScalarAsync(ct) is int id ? id : null;
    }
}
