using System.Globalization;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;
using Npgsql;

namespace CxPlus.Data;

/// <summary>Identifies one driver group: a random group of one brand's customers in one wave.</summary>
public readonly record struct DriverGroupKey(int WaveId, int BrandId, int Group);

/// <summary>How a <see cref="DriverGroup"/> is flattened into a row's <c>sums</c>: the factors' cross-products (29), then the pillars' (37).</summary>
public static class DriverGroupLayout
{
    private static readonly int FactorLength = CrossProducts.LengthFor(SuccessFactors.Count + 1);

    /// <summary>Doubles in a row's array.</summary>
    public static readonly int Length = FactorLength + CrossProducts.LengthFor(Lenses.Pillars.Count + 1);

    public static double[] ToArray(DriverGroup g) => [.. g.Factors.Sums, .. g.Pillars.Sums];

    public static DriverGroup FromArray(double[] a)
    {
        if (a.Length != Length) throw new InvalidDataException($"A driver group has {Length} sums; found {a.Length}. Rebuild the rollups.");
        return new DriverGroup(new CrossProducts(SuccessFactors.Count + 1, a[..FactorLength]), new CrossProducts(Lenses.Pillars.Count + 1, a[FactorLength..]));
    }
}

/// <summary>
/// The driver-group table (step 22 at scale): each random group's key-driver sums per brand and
/// wave, kept in step with the responses exactly as <see cref="RoleRollups"/> are (added by an
/// import, subtracted by an undo, moved by a merge, rebuilt from the raw rows), so that a brand's
/// or a sector's bootstrap reads a few thousand sums instead of millions of respondents.
/// </summary>
public static class DriverGroups
{
    /// <summary>Adds group sums (creating rows as needed), inside the caller's transaction.</summary>
    public static Task AddAsync(NpgsqlConnection connection, IReadOnlyDictionary<DriverGroupKey, DriverGroup> additions, CancellationToken ct) =>
        ChangeAsync(connection, additions, subtract: false, ct);

    /// <summary>Takes removed respondents' sums out (an undo); a group left without respondents is deleted.</summary>
    public static Task SubtractAsync(NpgsqlConnection connection, IReadOnlyDictionary<DriverGroupKey, DriverGroup> removals, CancellationToken ct) =>
        ChangeAsync(connection, removals, subtract: true, ct);

    private static async Task ChangeAsync(NpgsqlConnection connection, IReadOnlyDictionary<DriverGroupKey, DriverGroup> changes, bool subtract, CancellationToken ct)
    {
        if (changes.Count == 0) return;
        var keys = changes.Keys.ToArray();
        var current = new Dictionary<DriverGroupKey, DriverGroup>();
        await using (var select = new NpgsqlCommand("""
            SELECT x.wave_id, x.brand_id, x.grp, x.sums FROM driver_groups x
            JOIN unnest($1::int[], $2::int[], $3::smallint[]) AS k(wave_id, brand_id, grp)
              ON x.wave_id = k.wave_id AND x.brand_id = k.brand_id AND x.grp = k.grp
            FOR UPDATE OF x
            """, connection))
        {
            AddKeys(select, keys);
            await using var r = await select.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                current[new DriverGroupKey(r.GetInt32(0), r.GetInt32(1), r.GetInt16(2))] = DriverGroupLayout.FromArray(r.GetFieldValue<double[]>(3));
        }
        var result = changes.ToDictionary(c => c.Key, c => current.TryGetValue(c.Key, out var now)
            ? subtract ? now - c.Value : now + c.Value
            : subtract ? DriverGroup.Empty : c.Value);
        await WriteAsync(connection, result.Where(x => x.Value.N > 0).ToDictionary(), ct);
        var emptied = result.Where(x => x.Value.N <= 0).Select(x => x.Key).ToArray();
        if (emptied.Length == 0) return;
        await using var delete = new NpgsqlCommand("""
            DELETE FROM driver_groups x USING unnest($1::int[], $2::int[], $3::smallint[]) AS k(wave_id, brand_id, grp)
            WHERE x.wave_id = k.wave_id AND x.brand_id = k.brand_id AND x.grp = k.grp
            """, connection);
        AddKeys(delete, emptied);
        await delete.ExecuteNonQueryAsync(ct);
    }

    private static void AddKeys(NpgsqlCommand command, IReadOnlyCollection<DriverGroupKey> keys)
    {
        command.Parameters.Add(new() { Value = keys.Select(k => k.WaveId).ToArray() });
        command.Parameters.Add(new() { Value = keys.Select(k => k.BrandId).ToArray() });
        command.Parameters.Add(new() { Value = keys.Select(k => (short)k.Group).ToArray() });
    }

    /// <summary>
    /// Upserts group rows: binary COPY into a temporary table, then one INSERT … ON CONFLICT. An
    /// import writes up to 64 groups for each of its brands and waves: thousands of rows, which as
    /// single statements cost more than the import's own COPY of a hundred thousand responses.
    /// </summary>
    private static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyDictionary<DriverGroupKey, DriverGroup> groups, CancellationToken ct)
    {
        if (groups.Count == 0) return;
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS driver_groups_in (wave_id int, brand_id int, grp smallint, sums float8[]) ON COMMIT DELETE ROWS", connection))
            await create.ExecuteNonQueryAsync(ct);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY driver_groups_in (wave_id, brand_id, grp, sums) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (key, group) in groups)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(key.WaveId, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(key.BrandId, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await copy.WriteAsync((short)key.Group, NpgsqlTypes.NpgsqlDbType.Smallint, ct);
                await copy.WriteAsync(DriverGroupLayout.ToArray(group), NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Double, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO driver_groups (wave_id, brand_id, grp, sums) SELECT wave_id, brand_id, grp, sums FROM driver_groups_in
            ON CONFLICT (wave_id, brand_id, grp) DO UPDATE SET sums = excluded.sums;
            DELETE FROM driver_groups_in;
            """, connection);
        await upsert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Removes the groups of the given (wave, brand) pairs (a replace).</summary>
    public static async Task DeleteAsync(NpgsqlConnection connection, IReadOnlyCollection<(int WaveId, int BrandId)> pairs, CancellationToken ct)
    {
        if (pairs.Count == 0) return;
        await using var delete = new NpgsqlCommand(
            "DELETE FROM driver_groups x USING unnest($1::int[], $2::int[]) AS p(wave_id, brand_id) WHERE x.wave_id = p.wave_id AND x.brand_id = p.brand_id",
            connection);
        delete.Parameters.AddPairs(pairs);
        await delete.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The groups of the given brands in a wave, by brand (groups in group order).</summary>
    public static async Task<Dictionary<int, List<DriverGroup>>> ReadAsync(NpgsqlConnection connection, int waveId, IReadOnlyCollection<int> brandIds, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT brand_id, sums FROM driver_groups WHERE wave_id = $1 AND brand_id = ANY($2) ORDER BY brand_id, grp", connection);
        command.Parameters.Add(new() { Value = waveId });
        command.Parameters.Add(new() { Value = brandIds.ToArray() });
        var result = new Dictionary<int, List<DriverGroup>>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var brand = r.GetInt32(0);
            if (!result.TryGetValue(brand, out var list)) result[brand] = list = [];
            list.Add(DriverGroupLayout.FromArray(r.GetFieldValue<double[]>(1)));
        }
        return result;
    }

    /// <summary>Every group's sums, as stored (for tests and the rebuild's check).</summary>
    public static Task<Dictionary<DriverGroupKey, DriverGroup>> ReadAllAsync(NpgsqlConnection connection, CancellationToken ct) =>
        ReadKeyedAsync(new NpgsqlCommand("SELECT wave_id, brand_id, grp, sums FROM driver_groups", connection), ct);

    /// <summary>The groups of the given (wave, brand) pairs (a merge moves them).</summary>
    public static Task<Dictionary<DriverGroupKey, DriverGroup>> ReadPairsAsync(NpgsqlConnection connection, IReadOnlyCollection<(int WaveId, int BrandId)> pairs, CancellationToken ct)
    {
        var command = new NpgsqlCommand("""
            SELECT x.wave_id, x.brand_id, x.grp, x.sums FROM driver_groups x
            JOIN unnest($1::int[], $2::int[]) AS p(wave_id, brand_id) ON p.wave_id = x.wave_id AND p.brand_id = x.brand_id
            """, connection);
        command.Parameters.AddPairs(pairs);
        return ReadKeyedAsync(command, ct);
    }

    private static async Task<Dictionary<DriverGroupKey, DriverGroup>> ReadKeyedAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var disposing = command;
        var result = new Dictionary<DriverGroupKey, DriverGroup>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[new DriverGroupKey(r.GetInt32(0), r.GetInt32(1), r.GetInt16(2))] = DriverGroupLayout.FromArray(r.GetFieldValue<double[]>(3));
        return result;
    }

    /// <summary>
    /// The group sums computed straight from rows shaped like <c>responses</c> (the table itself, or
    /// the rows an undo deleted) with one SQL aggregate, independent of the importer's.
    /// </summary>
    public static async Task<Dictionary<DriverGroupKey, DriverGroup>> ComputeFromRowsAsync(NpgsqlConnection connection, ScoringSettings settings, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(AggregateSql(settings, table), connection) { CommandTimeout = 0 };
        var result = new Dictionary<DriverGroupKey, DriverGroup>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[new DriverGroupKey(r.GetInt32(0), r.GetInt32(1), r.GetInt16(2))] = GroupOf(r);
        return result;
    }

    /// <summary>A group from a row of <see cref="AggregateSql"/>: its sums after wave_id, brand_id and grp.</summary>
    private static DriverGroup GroupOf(NpgsqlDataReader r)
    {
        var sums = new double[DriverGroupLayout.Length];
        for (var i = 0; i < sums.Length; i++) sums[i] = r.GetDouble(3 + i);
        return DriverGroupLayout.FromArray(sums);
    }

    /// <summary>
    /// Step 26: the groups of the given brands' customers in one segment's category in a wave, by
    /// brand (groups in group order), summed from their responses in one aggregate. Segment groups
    /// are not stored: a category's rows are a fraction of a wave's, and the database sums them in one pass.
    /// </summary>
    public static async Task<Dictionary<int, List<DriverGroup>>> ComputeInSegmentAsync(NpgsqlConnection connection, ScoringSettings settings,
        int waveId, int[] brandIds, string segment, string category, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            AggregateSql(settings, "responses", "AND r.wave_id = $1 AND r.brand_id = ANY($2) AND r.segments ->> $3 = $4") + "\nORDER BY brand_id, grp", connection);
        command.Parameters.Add(new() { Value = waveId });
        command.Parameters.Add(new() { Value = brandIds });
        command.Parameters.Add(new() { Value = segment });
        command.Parameters.Add(new() { Value = category });
        var result = new Dictionary<int, List<DriverGroup>>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (!result.TryGetValue(r.GetInt32(1), out var groups)) result[r.GetInt32(1)] = groups = [];
            groups.Add(GroupOf(r));
        }
        return result;
    }

    /// <summary>Replaces every group with sums from the raw responses (with <see cref="RoleRollups.RebuildAsync"/>).</summary>
    public static async Task RebuildAsync(NpgsqlConnection connection, ScoringSettings settings, CancellationToken ct)
    {
        var all = await ComputeFromRowsAsync(connection, settings, "responses", ct);
        await using (var clear = new NpgsqlCommand("DELETE FROM driver_groups", connection))
            await clear.ExecuteNonQueryAsync(ct);
        foreach (var chunk in all.Chunk(5000)) await WriteAsync(connection, chunk.ToDictionary(), ct);
    }

    /// <summary>Customers' cross-products per (wave, brand, group), in <see cref="DriverGroupLayout"/> order after wave_id, brand_id, grp.</summary>
    private static string AggregateSql(ScoringSettings settings, string table, string filter = "")
    {
        static string F(double d) => d.ToString("R", CultureInfo.InvariantCulture) + "::float8";
        string Rescaled(string column) => $"100.0::float8 * (r.{column} - {settings.ScaleMin})::float8 / {F(settings.ScaleMax - settings.ScaleMin)}";
        // Each value rescaled once, in the inner query; the aggregate multiplies the ready columns.
        string[] factors = [.. SuccessFactors.All.Select((_, k) => $"f{k}"), "y"];
        string[] pillars = [.. Lenses.Pillars.Select((_, k) => $"p{k}"), "y"];
        static string Cross(string complete, string[] v)
        {
            var terms = new List<string> { $"count(*) FILTER (WHERE {complete})::float8", $"coalesce(sum(w) FILTER (WHERE {complete}), 0)" };
            terms.AddRange(v.Select(x => $"coalesce(sum(w * {x}) FILTER (WHERE {complete}), 0)"));
            for (var i = 0; i < v.Length; i++)
                for (var j = i; j < v.Length; j++) terms.Add($"coalesce(sum(w * {v[i]} * {v[j]}) FILTER (WHERE {complete}), 0)");
            return string.Join(",\n  ", terms);
        }
        var values = string.Join(",\n    ", SuccessFactors.All.Select((f, k) => $"{Rescaled(f.Key())} AS f{k}")
            .Concat(Lenses.Pillars.Select((p, k) => $"{Rescaled(p.Key)} AS p{k}")));
        var factorsComplete = string.Join(" AND ", SuccessFactors.All.Select(f => $"r.{f.Key()} IS NOT NULL"));
        var pillarsComplete = string.Join(" AND ", Lenses.Pillars.Select(p => $"r.{p.Key} IS NOT NULL"));
        return $"""
            SELECT wave_id, brand_id, grp,
              {Cross("fc", factors)},
              {Cross("pc", pillars)}
            FROM (
              SELECT r.wave_id, r.brand_id, r.grp, r.weight AS w, r.nps::float8 AS y,
                ({factorsComplete}) AS fc, ({pillarsComplete}) AS pc,
                {values}
              FROM {table} r
              WHERE r.role = {(short)Role.Customer} AND r.nps IS NOT NULL {filter}) x
            WHERE fc OR pc
            GROUP BY wave_id, brand_id, grp
            """;
    }
}
