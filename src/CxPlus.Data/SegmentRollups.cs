using CxPlus.Data.Model;
using CxPlus.Scoring;
using Npgsql;

namespace CxPlus.Data;

/// <summary>Identifies one segment rollup row: a role of a brand in a wave, among the respondents of a segment's category.</summary>
public readonly record struct SegmentRollupKey(int WaveId, int BrandId, Role Role, string Segment, string Category);

/// <summary>
/// The segment rollups (methodology step 26): <see cref="RoleRollups"/>' sufficient statistics once
/// more per segment and category, kept in step by the same operations (import, replace, undo,
/// erasure, merge, rebuild) in the same transactions. Names are stored as the store first met them
/// (<see cref="SpellingsAsync"/>), so the same category from two files is one row.
/// </summary>
public static class SegmentRollups
{
    /// <summary>Adds statistics (creating rows as needed), inside the caller's transaction.</summary>
    public static Task AddAsync(NpgsqlConnection connection, IReadOnlyDictionary<SegmentRollupKey, RoleStatistics> additions, CancellationToken ct) =>
        ChangeAsync(connection, additions, subtract: false, ct);

    /// <summary>Takes removed respondents' statistics out (an undo, an erasure); a row left without respondents is deleted.</summary>
    public static Task SubtractAsync(NpgsqlConnection connection, IReadOnlyDictionary<SegmentRollupKey, RoleStatistics> removals, CancellationToken ct) =>
        ChangeAsync(connection, removals, subtract: true, ct);

    private static async Task ChangeAsync(NpgsqlConnection connection, IReadOnlyDictionary<SegmentRollupKey, RoleStatistics> changes, bool subtract, CancellationToken ct)
    {
        if (changes.Count == 0) return;
        var keys = changes.Keys.ToArray();
        var current = new Dictionary<SegmentRollupKey, RoleStatistics>();
        await using (var select = new NpgsqlCommand($"""
            SELECT {Columns} FROM segment_rollups x
            JOIN unnest($1::int[], $2::int[], $3::smallint[], $4::text[], $5::text[]) AS k(wave_id, brand_id, role, segment, category)
              ON x.wave_id = k.wave_id AND x.brand_id = k.brand_id AND x.role = k.role AND x.segment = k.segment AND x.category = k.category
            FOR UPDATE OF x
            """, connection))
        {
            AddKeys(select.Parameters, keys);
            await ReadIntoAsync(select, current, ct);
        }
        var (write, empty) = RoleRollups.Changed(current, changes, subtract);
        await WriteAsync(connection, write, ct);
        if (empty.Length == 0) return;
        await using var delete = new NpgsqlCommand("""
            DELETE FROM segment_rollups x USING unnest($1::int[], $2::int[], $3::smallint[], $4::text[], $5::text[]) AS k(wave_id, brand_id, role, segment, category)
            WHERE x.wave_id = k.wave_id AND x.brand_id = k.brand_id AND x.role = k.role AND x.segment = k.segment AND x.category = k.category
            """, connection);
        AddKeys(delete.Parameters, empty);
        await delete.ExecuteNonQueryAsync(ct);
    }

    private static void AddKeys(NpgsqlParameterCollection parameters, IReadOnlyCollection<SegmentRollupKey> keys)
    {
        parameters.Add(new() { Value = keys.Select(k => k.WaveId).ToArray() });
        parameters.Add(new() { Value = keys.Select(k => k.BrandId).ToArray() });
        parameters.Add(new() { Value = keys.Select(k => (short)k.Role).ToArray() });
        parameters.Add(new() { Value = keys.Select(k => k.Segment).ToArray() });
        parameters.Add(new() { Value = keys.Select(k => k.Category).ToArray() });
    }

    /// <summary>Upserts rows (one batch: a large file brings a few thousand).</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyDictionary<SegmentRollupKey, RoleStatistics> rollups, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (key, stats) in rollups)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO segment_rollups (wave_id, brand_id, role, segment, category, respondents, sums) VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (wave_id, segment, category, brand_id, role) DO UPDATE SET respondents = excluded.respondents, sums = excluded.sums
                """);
            foreach (var value in new object[] { key.WaveId, key.BrandId, (short)key.Role, key.Segment, key.Category, stats.Qualifying, RollupLayout.ToArray(stats) })
                command.Parameters.Add(new() { Value = value });
            batch.BatchCommands.Add(command);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    private const string Columns = "x.wave_id, x.brand_id, x.role, x.segment, x.category, x.sums";

    private static async Task ReadIntoAsync(NpgsqlCommand command, Dictionary<SegmentRollupKey, RoleStatistics> into, CancellationToken ct)
    {
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            into[new SegmentRollupKey(r.GetInt32(0), r.GetInt32(1), (Role)r.GetInt16(2), r.GetString(3), r.GetString(4))] =
                RollupLayout.FromArray(r.GetFieldValue<double[]>(5));
    }

    /// <summary>The rollups of one segment (every category) of a sector's brands in the given waves.</summary>
    public static async Task<Dictionary<SegmentRollupKey, RoleStatistics>> ReadAsync(NpgsqlConnection connection, int sectorId, int[] waveIds, string segment, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {Columns} FROM segment_rollups x JOIN brands b ON b.id = x.brand_id
            WHERE x.wave_id = ANY($2) AND x.segment = $3 AND b.sector_id = $1
            """, connection);
        command.Parameters.Add(new() { Value = sectorId });
        command.Parameters.Add(new() { Value = waveIds });
        command.Parameters.Add(new() { Value = segment });
        var result = new Dictionary<SegmentRollupKey, RoleStatistics>();
        await ReadIntoAsync(command, result, ct);
        return result;
    }

    /// <summary>Every segment rollup of the given (wave, brand) pairs.</summary>
    public static async Task<Dictionary<SegmentRollupKey, RoleStatistics>> ReadPairsAsync(NpgsqlConnection connection, IReadOnlyCollection<(int WaveId, int BrandId)> pairs, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {Columns} FROM segment_rollups x
            JOIN unnest($1::int[], $2::int[]) AS p(wave_id, brand_id) ON p.wave_id = x.wave_id AND p.brand_id = x.brand_id
            """, connection);
        command.Parameters.AddPairs(pairs);
        var result = new Dictionary<SegmentRollupKey, RoleStatistics>();
        await ReadIntoAsync(command, result, ct);
        return result;
    }

    /// <summary>Removes every segment rollup of the given (wave, brand) pairs (a replace, a merge's source).</summary>
    public static async Task DeleteAsync(NpgsqlConnection connection, IReadOnlyCollection<(int WaveId, int BrandId)> pairs, CancellationToken ct)
    {
        await using var delete = new NpgsqlCommand(
            "DELETE FROM segment_rollups x USING unnest($1::int[], $2::int[]) AS p(wave_id, brand_id) WHERE x.wave_id = p.wave_id AND x.brand_id = p.brand_id",
            connection);
        delete.Parameters.AddPairs(pairs);
        await delete.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The statistics straight from the raw responses' segments with one SQL aggregate (the
    /// rollups' independent implementation): for a sector's brands in the given waves, or for
    /// everything when <paramref name="sectorId"/> is null; of one <paramref name="segment"/> only when given.
    /// </summary>
    public static Task<Dictionary<SegmentRollupKey, RoleStatistics>> ComputeFromResponsesAsync(
        NpgsqlConnection connection, ScoringSettings settings, int? sectorId, int[]? waveIds, CancellationToken ct, string? segment = null) =>
        sectorId is null
            ? ComputeAsync(connection, settings, "responses", "", [], ct)
            : ComputeAsync(connection, settings, "responses",
                "WHERE r.wave_id = ANY($2) AND r.brand_id IN (SELECT id FROM brands WHERE sector_id = $1)" + (segment is null ? "" : " AND g.segment = $3"),
                segment is null ? [sectorId.Value, waveIds ?? []] : [sectorId.Value, waveIds ?? [], segment], ct);

    /// <summary>The same aggregate over a table shaped like <c>responses</c> (the rows an undo just deleted).</summary>
    public static Task<Dictionary<SegmentRollupKey, RoleStatistics>> ComputeFromRowsAsync(NpgsqlConnection connection, ScoringSettings settings, string table, CancellationToken ct) =>
        ComputeAsync(connection, settings, table, "", [], ct);

    private static async Task<Dictionary<SegmentRollupKey, RoleStatistics>> ComputeAsync(
        NpgsqlConnection connection, ScoringSettings settings, string table, string filter, object[] parameters, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RoleRollups.AggregateSql(settings, filter, table, bySegment: true), connection);
        command.CommandTimeout = 0; // as the rollups' rebuild: a large store takes as long as it takes
        foreach (var p in parameters) command.Parameters.Add(new() { Value = p });
        var result = new Dictionary<SegmentRollupKey, RoleStatistics>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[new SegmentRollupKey(r.GetInt32(0), r.GetInt32(1), (Role)r.GetInt16(2), r.GetString(3 + RollupLayout.Length), r.GetString(4 + RollupLayout.Length))] =
                RoleRollups.SumsOf(r);
        return result;
    }

    /// <summary>
    /// Replaces every segment rollup with statistics computed from the stored responses (with
    /// <see cref="RoleRollups.RebuildAsync"/>, and once for a store whose imports came before the
    /// segment rollups). Waves whose respondent rows retention removed keep theirs.
    /// </summary>
    public static async Task<int> RebuildAsync(NpgsqlConnection connection, ScoringSettings settings, CancellationToken ct)
    {
        var all = await ComputeFromResponsesAsync(connection, settings, null, null, ct);
        await using (var clear = new NpgsqlCommand(
            "DELETE FROM segment_rollups x WHERE NOT EXISTS (SELECT 1 FROM waves w WHERE w.id = x.wave_id AND w.retained_at IS NOT NULL)", connection))
            await clear.ExecuteNonQueryAsync(ct);
        await WriteAsync(connection, all, ct);
        return all.Count;
    }

    /// <summary>
    /// Step 27 for one brand in one wave, from its segment rollups (<see cref="ReadPairsAsync"/> of
    /// that pair): each segment's categories, in name order, against the brand's other customers of the segment.
    /// </summary>
    public static IReadOnlyList<SegmentContrast> Contrasts(string brand, IReadOnlyDictionary<SegmentRollupKey, RoleStatistics> rollups, ScoringSettings settings) =>
        [.. rollups.Keys.GroupBy(k => k.Segment).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(segment =>
            SegmentContrast.Compute(brand, segment.Key, [.. segment.Select(k => k.Category).Distinct().Order(StringComparer.OrdinalIgnoreCase).Select(category =>
            {
                var key = segment.First() with { Category = category };
                return (category, rollups.GetValueOrDefault(key with { Role = Role.Customer }, RoleStatistics.Empty),
                    rollups.GetValueOrDefault(key with { Role = Role.Prospect }, RoleStatistics.Empty));
            })], settings))];

    /// <summary>
    /// The segments and categories the store holds, as it spells them: a file's "Age" and "flanders"
    /// are stored as the "age" and "Flanders" met first (the name rule decides sameness).
    /// </summary>
    public static async Task<Dictionary<string, List<string>>> SpellingsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var result = new Dictionary<string, List<string>>(Names.Comparer);
        await using var command = new NpgsqlCommand("SELECT DISTINCT segment, category FROM segment_rollups", connection);
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (!result.TryGetValue(r.GetString(0), out var categories)) result[r.GetString(0)] = categories = [];
            categories.Add(r.GetString(1));
        }
        return result;
    }
}
