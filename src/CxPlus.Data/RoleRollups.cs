using System.Globalization;
using CxPlus.Data.Model;
using CxPlus.Scoring;
using CxPlus.Scoring.Lenses;
using Npgsql;

namespace CxPlus.Data;

/// <summary>Identifies one rollup row: a role of a brand in a wave.</summary>
public readonly record struct RollupKey(int WaveId, int BrandId, Role Role);

/// <summary>
/// The rollup table of sufficient statistics (ADR 0001): added to by each import in its own
/// transaction, read by league queries, and rebuildable from the raw responses with one SQL
/// aggregate (an implementation independent of the importer's, which the tests compare).
/// </summary>
public static class RoleRollups
{
    /// <summary>Adds statistics to the rollups (creating rows as needed), inside the caller's transaction.</summary>
    public static Task AddAsync(NpgsqlConnection connection, IReadOnlyDictionary<RollupKey, RoleStatistics> additions, CancellationToken ct) =>
        ChangeAsync(connection, additions, subtract: false, ct);

    /// <summary>
    /// Takes the statistics of removed respondents out of the rollups (an undo), inside the caller's
    /// transaction; a rollup left without any respondent is deleted. Only the touched rows are read
    /// and written: no raw response is scanned.
    /// </summary>
    public static Task SubtractAsync(NpgsqlConnection connection, IReadOnlyDictionary<RollupKey, RoleStatistics> removals, CancellationToken ct) =>
        ChangeAsync(connection, removals, subtract: true, ct);

    private static async Task ChangeAsync(NpgsqlConnection connection, IReadOnlyDictionary<RollupKey, RoleStatistics> additions, bool subtract, CancellationToken ct)
    {
        if (additions.Count == 0) return;
        var keys = additions.Keys.ToArray();
        var current = new Dictionary<RollupKey, RoleStatistics>();
        await using (var select = new NpgsqlCommand("""
            SELECT x.wave_id, x.brand_id, x.role, x.sums FROM role_rollups x
            JOIN unnest($1::int[], $2::int[], $3::smallint[]) AS k(wave_id, brand_id, role)
              ON x.wave_id = k.wave_id AND x.brand_id = k.brand_id AND x.role = k.role
            FOR UPDATE OF x
            """, connection))
        {
            select.Parameters.Add(new() { Value = keys.Select(k => k.WaveId).ToArray() });
            select.Parameters.Add(new() { Value = keys.Select(k => k.BrandId).ToArray() });
            select.Parameters.Add(new() { Value = keys.Select(k => (short)k.Role).ToArray() });
            await using var r = await select.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                current[new RollupKey(r.GetInt32(0), r.GetInt32(1), (Role)r.GetInt16(2))] = RollupLayout.FromArray(r.GetFieldValue<double[]>(3));
        }

        var (write, delete) = Changed(current, additions, subtract);
        await WriteAsync(connection, write, ct);
        await DeleteKeysAsync(connection, delete, ct);
    }

    /// <summary>
    /// The rows a change leaves (<paramref name="current"/> plus or minus <paramref name="changes"/>,
    /// by key) and the keys left without any respondent, which go: for the rollups and the segment rollups alike.
    /// </summary>
    internal static (Dictionary<TKey, RoleStatistics> Write, TKey[] Delete) Changed<TKey>(
        Dictionary<TKey, RoleStatistics> current, IReadOnlyDictionary<TKey, RoleStatistics> changes, bool subtract) where TKey : notnull
    {
        if (!subtract) return (changes.ToDictionary(a => a.Key, a => current.TryGetValue(a.Key, out var c) ? c + a.Value : a.Value), []);
        var left = changes.Where(a => current.ContainsKey(a.Key)).ToDictionary(a => a.Key, a => current[a.Key] - a.Value);
        return (left.Where(l => l.Value.Qualifying + l.Value.Incomplete > 0).ToDictionary(),
            [.. left.Where(l => l.Value.Qualifying + l.Value.Incomplete <= 0).Select(l => l.Key)]);
    }

    /// <summary>The sums of an aggregate's row (<see cref="AggregateSql"/>): <see cref="RollupLayout"/>'s columns after wave_id, brand_id, role.</summary>
    internal static RoleStatistics SumsOf(NpgsqlDataReader r)
    {
        var sums = new double[RollupLayout.Length];
        for (var i = 0; i < sums.Length; i++) sums[i] = r.IsDBNull(3 + i) ? 0 : r.GetDouble(3 + i);
        return RollupLayout.FromArray(sums);
    }

    private static async Task DeleteKeysAsync(NpgsqlConnection connection, IReadOnlyCollection<RollupKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return;
        await using var delete = new NpgsqlCommand("""
            DELETE FROM role_rollups x USING unnest($1::int[], $2::int[], $3::smallint[]) AS k(wave_id, brand_id, role)
            WHERE x.wave_id = k.wave_id AND x.brand_id = k.brand_id AND x.role = k.role
            """, connection);
        delete.Parameters.Add(new() { Value = keys.Select(k => k.WaveId).ToArray() });
        delete.Parameters.Add(new() { Value = keys.Select(k => k.BrandId).ToArray() });
        delete.Parameters.Add(new() { Value = keys.Select(k => (short)k.Role).ToArray() });
        await delete.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Upserts rollup rows.</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyDictionary<RollupKey, RoleStatistics> rollups, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (key, stats) in rollups)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO role_rollups (wave_id, brand_id, role, respondents, sums) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (wave_id, brand_id, role) DO UPDATE SET respondents = excluded.respondents, sums = excluded.sums
                """);
            command.Parameters.Add(new() { Value = key.WaveId });
            command.Parameters.Add(new() { Value = key.BrandId });
            command.Parameters.Add(new() { Value = (short)key.Role });
            command.Parameters.Add(new() { Value = stats.Qualifying });
            command.Parameters.Add(new() { Value = RollupLayout.ToArray(stats) });
            batch.BatchCommands.Add(command);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Reads the rollups of a sector's brands in the given waves.</summary>
    public static async Task<Dictionary<RollupKey, RoleStatistics>> ReadAsync(NpgsqlConnection connection, int sectorId, int[] waveIds, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT x.wave_id, x.brand_id, x.role, x.sums FROM role_rollups x JOIN brands b ON b.id = x.brand_id
            WHERE b.sector_id = $1 AND x.wave_id = ANY($2)
            """, connection);
        command.Parameters.Add(new() { Value = sectorId });
        command.Parameters.Add(new() { Value = waveIds });
        var result = new Dictionary<RollupKey, RoleStatistics>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[new RollupKey(r.GetInt32(0), r.GetInt32(1), (Role)r.GetInt16(2))] = RollupLayout.FromArray(r.GetFieldValue<double[]>(3));
        return result;
    }

    /// <summary>Reads the rollups (both roles) of given (wave, brand) pairs.</summary>
    public static async Task<Dictionary<RollupKey, RoleStatistics>> ReadPairsAsync(NpgsqlConnection connection, IReadOnlyCollection<(int WaveId, int BrandId)> pairs, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT x.wave_id, x.brand_id, x.role, x.sums FROM role_rollups x
            JOIN unnest($1::int[], $2::int[]) AS p(wave_id, brand_id) ON p.wave_id = x.wave_id AND p.brand_id = x.brand_id
            """, connection);
        command.Parameters.AddPairs(pairs);
        var result = new Dictionary<RollupKey, RoleStatistics>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[new RollupKey(r.GetInt32(0), r.GetInt32(1), (Role)r.GetInt16(2))] = RollupLayout.FromArray(r.GetFieldValue<double[]>(3));
        return result;
    }

    /// <summary>
    /// Computes the statistics straight from the raw responses with one SQL aggregate, for a
    /// sector's brands in the given waves, or for everything when <paramref name="sectorId"/> is null.
    /// </summary>
    public static Task<Dictionary<RollupKey, RoleStatistics>> ComputeFromResponsesAsync(
        NpgsqlConnection connection, ScoringSettings settings, int? sectorId, int[]? waveIds, CancellationToken ct) =>
        sectorId is null
            ? ComputeAsync(connection, settings, "", [], ct)
            : ComputeAsync(connection, settings, "WHERE r.wave_id = ANY($2) AND r.brand_id IN (SELECT id FROM brands WHERE sector_id = $1)",
                [sectorId.Value, waveIds ?? []], ct);

    /// <summary>
    /// The same aggregate over the rows of a table shaped like <c>responses</c> (e.g. the rows an
    /// undo just deleted, kept in a temporary table): what they add to the rollups.
    /// </summary>
    public static Task<Dictionary<RollupKey, RoleStatistics>> ComputeFromRowsAsync(NpgsqlConnection connection, ScoringSettings settings, string table, CancellationToken ct) =>
        ComputeAsync(connection, settings, "", [], ct, table);

    /// <summary>Removes the rollups (both roles) of the given (wave, brand) pairs.</summary>
    public static async Task DeleteAsync(NpgsqlConnection connection, IReadOnlyCollection<(int WaveId, int BrandId)> pairs, CancellationToken ct)
    {
        await using var delete = new NpgsqlCommand(
            "DELETE FROM role_rollups x USING unnest($1::int[], $2::int[]) AS p(wave_id, brand_id) WHERE x.wave_id = p.wave_id AND x.brand_id = p.brand_id",
            connection);
        delete.Parameters.AddPairs(pairs);
        await delete.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Dictionary<RollupKey, RoleStatistics>> ComputeAsync(
        NpgsqlConnection connection, ScoringSettings settings, string filter, object[] parameters, CancellationToken ct, string table = "responses")
    {
        await using var command = new NpgsqlCommand(AggregateSql(settings, filter, table), connection);
        // A rebuild aggregates every stored response (187 sums a row): on a large store or a busy
        // machine that takes longer than Npgsql's default 30 s, and a timeout would only undo it.
        command.CommandTimeout = 0;
        foreach (var p in parameters) command.Parameters.Add(new() { Value = p });
        var result = new Dictionary<RollupKey, RoleStatistics>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[new RollupKey(r.GetInt32(0), r.GetInt32(1), (Role)r.GetInt16(2))] = SumsOf(r);
        return result;
    }

    /// <summary>
    /// Replaces every rollup, and every driver group, with statistics computed from the raw responses
    /// (after a settings change, or to repair). Waves whose respondent rows retention removed keep
    /// their rollups as they are: there is nothing left to compute them from.
    /// </summary>
    /// <remarks>Runs in the caller's transaction (begin one): the rollups are replaced whole or not at all.</remarks>
    public static async Task<int> RebuildAsync(NpgsqlConnection connection, ScoringSettings settings, CancellationToken ct)
    {
        var all = await ComputeFromResponsesAsync(connection, settings, null, null, ct);
        await using (var clear = new NpgsqlCommand(
            "DELETE FROM role_rollups x WHERE NOT EXISTS (SELECT 1 FROM waves w WHERE w.id = x.wave_id AND w.retained_at IS NOT NULL)", connection))
            await clear.ExecuteNonQueryAsync(ct);
        await WriteAsync(connection, all, ct);
        await SegmentRollups.RebuildAsync(connection, settings, ct);
        await DriverGroups.RebuildAsync(connection, settings, ct);
        await StoreGeneration.BumpAsync(connection, ct);
        return all.Count;
    }

    /// <summary>
    /// The aggregate: columns in <see cref="RollupLayout"/> order after wave_id, brand_id, role; with
    /// <paramref name="bySegment"/>, one group per segment and category a row carries (step 26; its
    /// json pairs), their names last.
    /// </summary>
    internal static string AggregateSql(ScoringSettings settings, string filter, string table, bool bySegment = false)
    {
        static string F(double d) => d.ToString("R", CultureInfo.InvariantCulture) + "::float8";
        string Rescaled(string column) => $"100.0::float8 * (r.{column} - {settings.ScaleMin})::float8 / {F(settings.ScaleMax - settings.ScaleMin)}";
        var factors = SuccessFactors.All.Select(f => f.Key()).ToArray();
        var pillars = Lenses.Pillars.Select(p => p.Key).ToArray();
        var kei = Lenses.KeiItems.Select(p => p.Key).ToArray();
        var rescaled = string.Join(",\n", factors.Select((c, k) => $"{Rescaled(c)} AS s{k}").Concat(pillars.Select((c, k) => $"{Rescaled(c)} AS p{k}")));
        var codes = string.Join(",\n", kei.Select((c, k) => $"CASE WHEN r.{c} >= 4 THEN 1.0 WHEN r.{c} <= 2 THEN -1.0 WHEN r.{c} = 3 THEN 0.0 END::float8 AS k{k}"));
        var rated = string.Join(" + ", factors.Select(c => $"(r.{c} IS NOT NULL)::int"));
        var pillarsRated = string.Join(" + ", pillars.Select(c => $"(r.{c} IS NOT NULL)::int"));
        string Mean(string prefix, IReadOnlyList<double> weights) =>
            "(" + string.Join(" + ", weights.Select((a, k) => $"coalesce({F(a)} * {prefix}{k}, 0)")) + ") / (" +
            string.Join(" + ", weights.Select((a, k) => $"CASE WHEN {prefix}{k} IS NULL THEN 0 ELSE {F(a)} END")) + ")";

        static string Weighted(string y) =>
            $"count({y})::float8, coalesce(sum(w) FILTER (WHERE {y} IS NOT NULL), 0), coalesce(sum(w * w) FILTER (WHERE {y} IS NOT NULL), 0), " +
            $"coalesce(sum(w * {y}), 0), coalesce(sum(w * w * {y}), 0), coalesce(sum(w * w * {y} * {y}), 0)";
        static string Share(string y, string high, string low) =>
            $"count({y})::float8, coalesce(sum(w) FILTER (WHERE {y} IS NOT NULL), 0), coalesce(sum(w * w) FILTER (WHERE {y} IS NOT NULL), 0), " +
            $"coalesce(sum(w) FILTER (WHERE {high}), 0), coalesce(sum(w) FILTER (WHERE {low}), 0)";
        // Step 22's sums over the rows where `complete` holds, in CrossProducts' layout.
        static string Cross(string complete, string[] v)
        {
            var terms = new List<string> { $"count(*) FILTER (WHERE {complete})::float8", $"coalesce(sum(w) FILTER (WHERE {complete}), 0)" };
            terms.AddRange(v.Select(x => $"coalesce(sum(w * {x}) FILTER (WHERE {complete}), 0)"));
            for (var i = 0; i < v.Length; i++)
                for (var j = i; j < v.Length; j++) terms.Add($"coalesce(sum(w * {v[i]} * {v[j]}) FILTER (WHERE {complete}), 0)");
            return string.Join(",\n  ", terms);
        }
        var min = ScoringSettings.MinFactorsRated;
        var minPillars = Lenses.MinPillarsRated;

        var (segmentOf, segmentJoin, segment) = bySegment
            ? ("g.segment, g.category, ", "CROSS JOIN LATERAL json_each_text(r.segments) AS g(segment, category)", "segment, category, ")
            : ("", "", "");
        return $"""
            WITH rescaled AS (
              SELECT {segmentOf}r.wave_id, r.brand_id, r.role, r.weight AS w, r.nps, r.csat, r.ces, ({rated}) AS rated, ({pillarsRated}) AS prated,
              {rescaled},
              {codes}
              FROM {table} r {segmentJoin} {filter}
            ), q AS (
              SELECT {segment}wave_id, brand_id, role, w, rated, prated,
                CASE WHEN rated >= {min} THEN {Mean("s", settings.FactorWeights)} END AS c,
                {string.Join(",\n    ", Enumerable.Range(0, 5).Select(k => $"CASE WHEN rated >= {min} THEN s{k} END AS q{k}"))},
                CASE WHEN rated >= {min} THEN nps END AS nps,
                CASE WHEN rated >= {min} THEN csat END AS csat,
                CASE WHEN rated >= {min} THEN ces::float8 END AS ces,
                rated = 5 AND nps IS NOT NULL AS driver,
                nps::float8 AS y,
                CASE WHEN prated >= {minPillars} THEN {Mean("p", settings.PillarWeights)} END AS cee,
                {string.Join(",\n    ", Enumerable.Range(0, 6).Select(k => $"CASE WHEN prated >= {minPillars} THEN p{k} END AS pq{k}, p{k}"))},
                prated = 6 AND nps IS NOT NULL AS pillar_driver,
                CASE WHEN k0 IS NOT NULL AND k1 IS NOT NULL AND k2 IS NOT NULL THEN 100.0 * (k0 + k1 + k2) / 3.0 END AS kei,
                {string.Join(",\n    ", Enumerable.Range(0, 3).Select(k => $"CASE WHEN k0 IS NOT NULL AND k1 IS NOT NULL AND k2 IS NOT NULL THEN 100.0 * k{k} END AS ki{k}"))}
              FROM rescaled
            )
            SELECT wave_id, brand_id, role,
              count(*) FILTER (WHERE rated < {min})::float8,
              {Weighted("c")},
              {string.Join(",\n  ", Enumerable.Range(0, 5).Select(k => Weighted($"q{k}")))},
              {Weighted("ces")},
              {Share("nps", "nps >= 9", "nps <= 6")},
              {Share("csat", "csat >= 4", "false")},
              {Cross("driver", ["q0", "q1", "q2", "q3", "q4", "y"])},
              count(*) FILTER (WHERE prated BETWEEN 1 AND {minPillars - 1})::float8,
              {Weighted("cee")},
              {string.Join(",\n  ", Enumerable.Range(0, 6).Select(k => Weighted($"pq{k}")))},
              {Cross("pillar_driver", ["p0", "p1", "p2", "p3", "p4", "p5", "y"])},
              {Weighted("kei")},
              {string.Join(",\n  ", Enumerable.Range(0, 3).Select(k => Weighted($"ki{k}")))}{(bySegment ? ",\n  segment, category" : "")}
            FROM q GROUP BY {segment}wave_id, brand_id, role
            """;
    }
}
