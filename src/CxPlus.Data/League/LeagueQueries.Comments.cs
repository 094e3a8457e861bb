using CxPlus.Scoring;
using CxPlus.Scoring.Comments;
using Npgsql;

namespace CxPlus.Data.League;

/// <summary>Step 30: a comment's tone is its author's NPS group; nothing is guessed from the words.</summary>
public enum Tone
{
    /// <summary>NPS 9-10.</summary>
    Promoter,
    /// <summary>NPS 7-8.</summary>
    Passive,
    /// <summary>NPS 0-6.</summary>
    Detractor,
}

/// <summary>Which comments of a sector's wave to show (every part optional).</summary>
/// <param name="Brand">One brand of the sector.</param>
/// <param name="Tone">Its authors' NPS group.</param>
/// <param name="Segment">A segment's category (step 26): both or neither.</param>
/// <param name="Words">Search words: PostgreSQL's full-text search, each comment in its own language.</param>
/// <param name="Page">From 1.</param>
/// <param name="Theme">A theme of the coding frame, by its key: the comments that mention it (step 29), its words marked.</param>
public sealed record CommentFilter(string? Brand = null, Tone? Tone = null, (string Segment, string Category)? Segment = null, string? Words = null, int Page = 1,
    string? Theme = null)
{
    /// <summary>Comments on one page.</summary>
    public const int PageSize = 20;

    /// <summary>The longest search the page and the API take.</summary>
    public const int MaxWords = 200;
}

/// <summary>One comment as shown: its brand, its author's role and tone, its text (redacted when imported) and the parts the search matched.</summary>
/// <param name="Brand">The brand it was written about.</param>
/// <param name="Role">Customer or prospect.</param>
/// <param name="Language">nl or en.</param>
/// <param name="Tone">Its author's NPS group; null without an NPS answer (prospects).</param>
/// <param name="Text">The comment as stored (its personal data replaced at import).</param>
/// <param name="Parts">The text in order, each part marked when the search words matched it.</param>
public sealed record CommentEntry(string Brand, Role Role, string Language, Tone? Tone, string Text, IReadOnlyList<(string Text, bool Matched)> Parts);

/// <summary>Steps 29-30 over a sector's wave, with the frame they were computed with.</summary>
public sealed record SectorThemes(string Sector, string Wave, long FrameVersion, CodingFrame Frame, IReadOnlyList<BrandThemes> Brands)
{
    /// <summary>A brand's themes (by the name rule); null when none of its customers commented.</summary>
    public BrandThemes? Of(string brand) => Brands.FirstOrDefault(b => Names.Same(b.Brand, brand));
}

/// <summary>How many comments a sector's wave holds (a class, as the result cache keeps them).</summary>
public sealed record CommentCount(long Comments);

/// <summary>A page of a sector's comments in a wave (both as the store spells them) and how many match in all.</summary>
public sealed record CommentPage(string Sector, string Wave, IReadOnlyList<CommentEntry> Comments, long Total, int Page)
{
    public int Pages => (int)Math.Max(1, (Total + CommentFilter.PageSize - 1) / CommentFilter.PageSize);
}

public sealed partial class LeagueQueries
{
    // ts_headline marks matches with two control characters, which no stored comment holds (the reader keeps none).
    private const char MatchStart = '\u0002', MatchEnd = '\u0003';

    /// <summary>
    /// A sector's comments in a wave, newest import first, filtered by brand, tone, segment and
    /// search words (PostgreSQL's full-text search over the GIN index, each comment read with its own
    /// language's dictionary, the words with both), with the matched words marked; paged.
    /// </summary>
    /// <exception cref="NotFoundException">The sector, wave, brand, segment or category does not exist.</exception>
    public async Task<CommentPage> CommentsAsync(string sector, string wave, CommentFilter filter, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (sectorId, sectorName) = await FindSectorAsync(connection, sector, ct);
        var (waveId, waveCode) = await FindWaveAsync(connection, wave, ct);
        var brands = await BrandNamesAsync(connection, sectorId, ct);
        int? brandId = null;
        if (filter.Brand is { } brand)
        {
            var key = KeyOf(brand, "brand");
            brandId = brands.Where(b => Names.Key(b.Value) == key).Select(b => (int?)b.Key).FirstOrDefault()
                ?? throw new NotFoundException(new("NotFound.BrandListed", Names.Printable(brand), sectorName, brands.Values.Order(StringComparer.OrdinalIgnoreCase).ToList<object>()));
        }
        (string Segment, string Category)? segment = filter.Segment is { } asked
            ? Find(await SegmentsOfAsync(connection, sectorId, waveId, ct), asked.Segment, asked.Category, sectorName, waveCode)
            : null;
        var words = string.IsNullOrWhiteSpace(filter.Words) ? null : filter.Words.Trim();
        var (frame, theme) = filter.Theme is { } asking ? await ThemeOfAsync(asking, ct) : (null, -1);
        var (low, high) = filter.Tone switch { Tone.Promoter => (9, 10), Tone.Passive => (7, 8), Tone.Detractor => (0, 6), _ => (0, 10) };

        // Search words: each comment's stored vector against the words read with its language's dictionary,
        // inside the one GIN index over (wave, vector); comments of an import whose vectors are not filled
        // yet (CommentSearch: seconds after it) are read from their text, so a search never misses one.
        // The wave and the brands are also written "+ 0" outside the index's conditions: ANDed with the
        // block-range index's bitmap (lossy, a wave's page ranges) the result would be lossy too, and every
        // comment of the wave rechecked (docs/performance.md). Without words that index narrows the rows.
        var pending = words is null ? [] : await Comments.CommentSearch.PendingImportsAsync(connection, ct);
        const string dutch = "plainto_tsquery('dutch', $6)", english = "plainto_tsquery('english', $6)";
        var search = words is null ? "" : $"""
            AND (c.wave_id = $1 AND c.search @@ {dutch} AND c.language = 'nl'
                 OR c.wave_id = $1 AND c.search @@ {english} AND c.language <> 'nl'
                 {(pending.Length == 0 ? "" : $"OR c.import_id = ANY($10) AND c.search IS NULL AND {Comments.CommentSearch.Vector} @@ CASE c.language WHEN 'nl' THEN {dutch} ELSE {english} END")})
            """;
        var headline = words is null ? "NULL"
            : $"ts_headline(CASE p.language WHEN 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, p.text, CASE p.language WHEN 'nl' THEN {dutch} ELSE {english} END, 'StartSel={MatchStart}, StopSel={MatchEnd}, HighlightAll=true')";
        // The page is cut before the words are marked: ts_headline reads only the comments shown.
        await using var command = new NpgsqlCommand($"""
            WITH page AS (
              SELECT c.brand_id, c.role, c.language, c.nps, c.text, c.import_id, c.line, count(*) OVER () AS total
              FROM comments c
              WHERE {(words is null ? "c.wave_id = $1 AND c.brand_id = ANY($2)" : "c.wave_id + 0 = $1 AND c.brand_id + 0 = ANY($2)")}
                AND ($3::int IS NULL OR c.brand_id = $3)
                AND ($4::smallint = 0 AND $5::smallint = 10 OR c.nps BETWEEN $4 AND $5)
                {(segment is null ? "" : "AND c.segments ->> $8 = $9")}
                {search}
              ORDER BY c.import_id DESC, c.line
              LIMIT {(frame is null ? CommentFilter.PageSize : "ALL")} OFFSET $7)
            SELECT b.name, p.role, p.language, p.nps, p.text, {headline}, p.total
            FROM page p JOIN brands b ON b.id = p.brand_id
            ORDER BY p.import_id DESC, p.line
            """, connection);
        command.Parameters.Add(new() { Value = waveId });
        command.Parameters.Add(new() { Value = brands.Keys.ToArray() });
        command.Parameters.Add(new() { Value = (object?)brandId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = (short)low });
        command.Parameters.Add(new() { Value = (short)high });
        command.Parameters.Add(new() { Value = words ?? "" });
        // With a theme every comment the rest of the filter keeps is read, and the frame's own matcher (the one
        // that counts the theme's share) keeps those that mention it: the page is cut here.
        var skip = (Math.Max(1, filter.Page) - 1) * CommentFilter.PageSize;
        command.Parameters.Add(new() { Value = frame is null ? skip : 0 });
        command.Parameters.Add(new() { Value = segment?.Segment ?? "" });
        command.Parameters.Add(new() { Value = segment?.Category ?? "" });
        if (pending.Length > 0) command.Parameters.Add(new() { Value = pending });
        var list = new List<CommentEntry>();
        long total = 0;
        await using (var r = await command.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var (text, language) = (r.GetString(4), r.GetString(2));
                if (frame is null) total = r.GetInt64(6);
                else if (!frame.Mentions(text, language)[theme] || total++ < skip || list.Count == CommentFilter.PageSize) continue;
                // Search words are marked where given (what the reader typed), else the theme's words.
                IReadOnlyList<(string, bool)> parts = !r.IsDBNull(5) ? Parts(r.GetString(5)) : frame is not null ? frame.Mark(text, language, theme) : [(text, false)];
                list.Add(new CommentEntry(r.GetString(0), (Role)r.GetInt16(1), language, r.IsDBNull(3) ? null : ToneOf(r.GetInt16(3)), text, parts));
            }
        // A page past the last still says how many there are.
        if (list.Count == 0 && filter.Page > 1 && frame is null) total = (await CommentsAsync(sector, wave, filter with { Page = 1 }, ct)).Total;
        return new CommentPage(sectorName, waveCode, list, total, Math.Max(1, filter.Page));
    }

    /// <summary>How many comments a sector's wave holds (0 when its files had no comment column); kept for the store generation.</summary>
    /// <exception cref="NotFoundException">The sector or wave does not exist.</exception>
    public Task<CommentCount> CommentCountAsync(string sector, string wave, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("comment-count", sector, wave), async c =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(c);
            var (sectorId, _) = await FindSectorAsync(connection, sector, c);
            var (waveId, _) = await FindWaveAsync(connection, wave, c);
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM comments c WHERE c.wave_id = $1 AND c.brand_id = ANY($2)", connection);
            command.Parameters.Add(new() { Value = waveId });
            command.Parameters.Add(new() { Value = (await BrandNamesAsync(connection, sectorId, c)).Keys.ToArray() });
            return new CommentCount((long)(await command.ExecuteScalarAsync(c))!);
        }, ct);

    /// <summary>
    /// Steps 29-30 in a sector's wave: each brand's theme shares among its qualifying customers who
    /// commented, against the other brands' commenters, and each theme's impact on NPS, with the
    /// coding frame as it is now (kept per store generation and frame version, so a frame change shows at once).
    /// </summary>
    /// <exception cref="NotFoundException">The sector or wave does not exist.</exception>
    public async Task<SectorThemes> ThemesAsync(string sector, string wave, CancellationToken ct = default)
    {
        var frame = await Comments.CodingFrames.ReadAsync(dataSource, ct);
        return await _cache.GetAsync(ResultCache.Key("themes", sector, wave, frame.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), async c =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(c);
            var (sectorId, sectorName) = await FindSectorAsync(connection, sector, c);
            var (waveId, waveCode) = await FindWaveAsync(connection, wave, c);
            await using var command = new NpgsqlCommand($"""
                SELECT b.name, c.weight, c.nps, c.rated >= {ScoringSettings.MinFactorsRated}, c.text, c.language
                FROM comments c JOIN brands b ON b.id = c.brand_id
                WHERE c.wave_id = $1 AND c.brand_id = ANY($2) AND c.role = {(short)Role.Customer}
                ORDER BY c.import_id DESC, c.line
                """, connection);
            // The sector's brands by id: the block-range index then reads their page ranges of the wave only.
            command.Parameters.Add(new() { Value = waveId });
            command.Parameters.Add(new() { Value = (await BrandNamesAsync(connection, sectorId, c)).Keys.ToArray() });
            var commenters = new List<Commenter>();
            await using (var r = await command.ExecuteReaderAsync(c))
                while (await r.ReadAsync(c))
                    commenters.Add(new Commenter(r.GetString(0), r.GetDouble(1), r.IsDBNull(2) ? null : r.GetInt16(2), r.GetBoolean(3), r.GetString(4), r.GetString(5)));
            return new SectorThemes(sectorName, waveCode, frame.Version, frame.Frame, ThemeShares.Compute(commenters, frame.Frame, settings));
        }, ct);
    }

    /// <summary>
    /// <see cref="ThemesAsync(string, string, CancellationToken)"/>, asked for one brand: a brand of the sector without comments has
    /// no themes (and is no error); a brand the sector's wave does not have is named.
    /// </summary>
    /// <exception cref="NotFoundException">The sector, wave or brand does not exist.</exception>
    public async Task<SectorThemes> ThemesAsync(string sector, string wave, string? brand, CancellationToken ct = default)
    {
        var themes = await ThemesAsync(sector, wave, ct);
        if (brand is not null && themes.Of(brand) is null && (await LeagueAsync(sector, wave, ct)) is var table && table.Find(brand) is null)
            throw new NotFoundException(new("NotFound.BrandInWave", table.Sector, Names.Printable(brand), table.Wave));
        return themes;
    }

    /// <summary>The frame now and the place in it of the theme with this key.</summary>
    /// <exception cref="NotFoundException">The frame has no such theme (its keys are listed).</exception>
    private async Task<(CodingFrame Frame, int Theme)> ThemeOfAsync(string key, CancellationToken ct)
    {
        var frame = (await Comments.CodingFrames.ReadAsync(dataSource, ct)).Frame;
        var at = frame.Themes.ToList().FindIndex(t => Names.Same(t.Key, key));
        return at >= 0 ? (frame, at) : throw new NotFoundException(new("NotFound.Theme", Names.Printable(key), frame.Themes.Select(t => (object)t.Key).ToList()));
    }

    private static Tone ToneOf(int nps) => nps >= 9 ? Tone.Promoter : nps >= 7 ? Tone.Passive : Tone.Detractor;

    /// <summary>ts_headline's text cut into its marked and unmarked parts.</summary>
    private static List<(string, bool)> Parts(string marked)
    {
        var parts = new List<(string, bool)>();
        var at = 0;
        while (at < marked.Length)
        {
            var start = marked.IndexOf(MatchStart, at);
            if (start < 0) { parts.Add((marked[at..], false)); break; }
            if (start > at) parts.Add((marked[at..start], false));
            var end = marked.IndexOf(MatchEnd, start + 1);
            if (end < 0) end = marked.Length;
            parts.Add((marked[(start + 1)..end], true));
            at = end + 1;
        }
        return parts;
    }
}
