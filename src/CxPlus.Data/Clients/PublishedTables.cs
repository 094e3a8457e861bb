using System.Text.Json;
using System.Text.Json.Serialization;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Scoring.Lenses;
using Npgsql;

namespace CxPlus.Data.Clients;

/// <summary>
/// How other members' brands are shown to a client (setting <c>Clients__Competitors</c>):
/// by name, as the published CX+ tables do, or as "Brand 1", "Brand 2", … in the order of the table.
/// </summary>
public enum CompetitorNames
{
    Named,
    Anonymous,
}

/// <summary>A sector's published table as stored: each brand's headline, and the sector's factor averages and bests.</summary>
/// <param name="Table">The table; a brand shown anonymously has an empty name.</param>
/// <param name="BrandIds">Each row's brand id, in row order (a client finds its own rows by them).</param>
/// <param name="Anonymous">Written without the brands' names (<see cref="CompetitorNames.Anonymous"/>).</param>
/// <param name="Lenses">The Six Pillars and KEI across the sector (averages and bests), of the lenses its customers answered.</param>
public sealed record Published(LeagueTable Table, IReadOnlyList<int> BrandIds, bool Anonymous, IReadOnlyList<SectorLens> Lenses)
{
    /// <summary>A segment view's brands (by id) whose expectation is that of all their prospects (step 26); the view names them as it names their rows.</summary>
    public IReadOnlyList<int> AllProspects { get; init; } = [];

    /// <summary>Per factor, the ranked brands' scores summed (average, best, and what a difference from the average needs), unnamed: the table's <see cref="LeagueTable.PublishedFactors"/>.</summary>
    public IReadOnlyList<SectorFactor> Factors => SectorFactor.Of(Table);
}

/// <summary>
/// Writes the published form of a sector's league table (<see cref="PublishedTable"/>): the one
/// place where the full table of every brand turns into what every member may see. It runs on the
/// agency's connection and returns nothing of the full table; a client's requests then read the
/// published row under row-level security (<see cref="ClientReads"/>). A row is written once per
/// store generation and sector-wave, when a client first asks for it.
/// </summary>
public sealed class PublishedTables(NpgsqlDataSource dataSource, ScoringSettings settings, CompetitorNames competitors)
{
    /// <summary>The computation is never cached: the row is stamped with the generation read before it, so it is never newer than its stamp says.</summary>
    private readonly LeagueQueries _league = new(dataSource, settings);

    public CompetitorNames Competitors => competitors;

    /// <summary>
    /// Publishes the table of a sector in a wave for <paramref name="generation"/> (unless a row of it, or a later one, is there);
    /// with <paramref name="cut"/>, that segment view's table (step 26) and its lenses.
    /// </summary>
    /// <exception cref="NotFoundException">The wave has no such segment or category (the sentence names those it has).</exception>
    internal async Task PublishAsync(int sectorId, int waveId, long generation, (string Segment, string Category)? cut, CancellationToken ct)
    {
        string sector, wave;
        var brandIds = new Dictionary<string, int>(Names.Comparer);
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            await using var names = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new("SELECT s.name, w.code FROM sectors s, waves w WHERE s.id = $1 AND w.id = $2") { Parameters = { new() { Value = sectorId }, new() { Value = waveId } } },
                    new("SELECT id, name FROM brands WHERE sector_id = $1") { Parameters = { new() { Value = sectorId } } },
                },
            };
            await using var r = await names.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return; // gone meanwhile: nothing to publish
            (sector, wave) = (r.GetString(0), r.GetString(1));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct)) brandIds[r.GetString(1)] = r.GetInt32(0);
        }
        LeagueTable full;
        if (cut is { } asked)
            // An unknown segment or category is the reader's to hear (the sector and wave were just read).
            full = await _league.ReleasedSegmentLeagueAsync(sector, wave, asked.Segment, asked.Category, ct);
        else
        {
            try
            {
                full = await _league.ReleasedLeagueAsync(sector, wave, ct);
            }
            catch (NotFoundException)
            {
                return; // renamed or removed between the two reads: the next request publishes afresh
            }
        }
        if (full.Rows.Any(row => !brandIds.ContainsKey(row.Brand))) return; // a brand renamed between the reads: likewise

        IReadOnlyList<LensTable> lenses;
        try
        {
            lenses = full.Segment is { } inSegment
                ? await _league.SegmentLensesAsync(sector, wave, inSegment.Segment, inSegment.Category, ct)
                : await _league.AnsweredLensesAsync(sector, wave, ct);
        }
        catch (NotFoundException)
        {
            return;
        }
        var body = ToJson(full, [.. full.Rows.Select(row => brandIds[row.Brand])], competitors, lenses);
        // A later generation replaces a row; so does the same one written the other way (the installation
        // switched Clients__Competitors: a table with names must not stay for anonymous readers) or in an older form.
        await using var write = dataSource.CreateCommand("""
            INSERT INTO published_tables (sector_id, wave_id, generation, body, segment_key, category_key) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
            ON CONFLICT (sector_id, wave_id, segment_key, category_key) DO UPDATE SET generation = excluded.generation, body = excluded.body
            WHERE published_tables.generation < excluded.generation
               OR (published_tables.generation = excluded.generation AND (published_tables.body->'Anonymous' IS DISTINCT FROM excluded.body->'Anonymous'
                   OR published_tables.body->'Format' IS DISTINCT FROM excluded.body->'Format'))
            """);
        var (segmentKey, categoryKey) = KeysOf(cut);
        foreach (var value in new object[] { sectorId, waveId, generation, body, segmentKey, categoryKey }) write.Parameters.Add(new() { Value = value });
        await write.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A published table's key columns for a segment view (by the name rule); empty for the whole brands.</summary>
    internal static (string Segment, string Category) KeysOf((string Segment, string Category)? cut) =>
        cut is { } c ? (Names.Key(c.Segment), Names.Key(c.Category)) : ("", "");

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new EstimateConverter(), new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record StoredRole(long N, long Incomplete, double? EffectiveBase, Estimate? Score);

    private sealed record StoredRow(int BrandId, string Brand, int? Rank, bool Eligible, string? Reason, Estimate? Index, Movement? Movement,
        RankRange? RankRange, VersusAverage? VersusAverage, IReadOnlyList<BaseShortfall>? Shortfalls,
        StoredRole Customers, StoredRole Prospects, Estimate? Gap, double? AppliedGap, Estimate? Score, Verdict? Verdict, bool GapAboveCapNotSignificantly);

    private sealed record StoredTable(string Sector, string Wave, string? PreviousWave, double? Average, IReadOnlyList<StoredRow> Rows,
        IReadOnlyList<SectorFactor> Factors, bool Anonymous, int Format, IReadOnlyList<SectorLens>? Lenses, StoredSegment? Segment = null);

    /// <summary>A segment view's segment and category, and the brands (by id, never by name: competitors may be anonymous) whose expectation is that of all their prospects.</summary>
    private sealed record StoredSegment(string Segment, string Category, IReadOnlyList<int> AllProspects);

    /// <summary>
    /// The form of the stored body; a row of an older form is published afresh when read
    /// (2: the sector factors carry their sums, issue 27's brand page; 3: the lenses' averages and bests).
    /// </summary>
    internal const int Format = 3;

    /// <summary>
    /// The published form of a full table: every row's headline only (<see cref="BrandResult.Headline"/>),
    /// names withheld when competitors are anonymous (the client's view names its own rows from its
    /// own brands), and the sector's factor averages and bests.
    /// </summary>
    internal static string ToJson(LeagueTable full, IReadOnlyList<int> brandIds, CompetitorNames competitors, IReadOnlyList<LensTable> lenses)
    {
        static StoredRole Role(RoleScore r) => new(r.N, r.Incomplete, r.EffectiveBase, r.Score);
        var rows = full.Rows.Select((row, i) =>
        {
            var headline = row.Result.Headline();
            return new StoredRow(brandIds[i], competitors == CompetitorNames.Anonymous ? "" : row.Brand, row.Rank, row.Eligible, row.Reason, row.Index,
                row.Movement, row.RankRange, row.VersusAverage, row.Shortfalls, Role(headline.Customers), Role(headline.Prospects),
                headline.Gap, headline.AppliedGap, headline.Score, headline.Verdict, headline.GapAboveCapNotSignificantly);
        }).ToList();
        return JsonSerializer.Serialize(new StoredTable(full.Sector, full.Wave, full.PreviousWave, full.Average, rows, SectorFactor.Of(full),
            competitors == CompetitorNames.Anonymous, Format, [.. lenses.Select(SectorLens.Of)],
            full.Segment is { } cut ? new StoredSegment(cut.Segment, cut.Category, [.. full.Rows.Select((r, i) => (r, i))
                .Where(x => cut.AllProspects.Contains(x.r.Brand, Names.Comparer)).Select(x => brandIds[x.i])]) : null), Json);
    }

    /// <summary>A published table read back, under the settings the app computes with; null when it is of an older form.</summary>
    internal static Published? FromJson(string json, ScoringSettings settings)
    {
        var stored = JsonSerializer.Deserialize<StoredTable>(json, Json) ?? throw new InvalidDataException("An empty published table.");
        if (stored.Format != Format) return null;
        RoleScore Role(Role role, StoredRole r) =>
            new RoleScore(role, r.N, r.Incomplete, r.EffectiveBase, r.Score, [], null, null, null).Headline();
        var rows = stored.Rows.Select(r => new LeagueRow(r.Rank,
            BrandResult.Restore(r.Brand, Role(Scoring.Role.Customer, r.Customers), Role(Scoring.Role.Prospect, r.Prospects), r.Gap, r.AppliedGap, r.Score, r.Verdict, r.GapAboveCapNotSignificantly),
            r.Eligible, r.Reason, r.Index, r.Movement, r.RankRange, r.VersusAverage, r.Shortfalls ?? [])).ToList();
        // A segment view's table was ranked with the segment minimums (step 26), and says so.
        var tableSettings = stored.Segment is null ? settings : settings.ForSegments();
        return new Published(new LeagueTable(stored.Sector, stored.Wave, tableSettings, stored.Average, rows, stored.PreviousWave)
            {
                PublishedFactors = stored.Factors,
                Segment = stored.Segment is { } cut ? new SegmentCut(cut.Segment, cut.Category, [.. stored.Rows.Where(r => cut.AllProspects.Contains(r.BrandId)).Select(r => r.Brand)]) : null,
            },
            [.. stored.Rows.Select(r => r.BrandId)], stored.Anonymous, stored.Lenses ?? [])
            { AllProspects = stored.Segment?.AllProspects ?? [] };
    }

    /// <summary>An estimate as its five numbers, to the last bit (as <see cref="FrozenDriverResults"/> keeps them).</summary>
    private sealed class EstimateConverter : JsonConverter<Estimate>
    {
        private sealed record Numbers(double Value, double? StandardError, double? DegreesOfFreedom, double? Low, double? High);

        public override Estimate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var n = JsonSerializer.Deserialize<Numbers>(ref reader, Inner) ?? throw new JsonException("An empty estimate.");
            return Estimate.Restore(n.Value, n.StandardError, n.DegreesOfFreedom, n.Low, n.High);
        }

        public override void Write(Utf8JsonWriter writer, Estimate value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new Numbers(value.Value, value.StandardError, value.DegreesOfFreedom, value.Low, value.High), Inner);

        private static readonly JsonSerializerOptions Inner = new()
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
    }
}
