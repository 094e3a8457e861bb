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

    private static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyDictionary<DriverGroupKey, DriverGroup> groups, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (key, group) in groups)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO driver_groups (wave_id, brand_id, grp, sums) VALUES ($1, $2, $3, $4)
                ON CONFLICT (wave_id, brand_id, grp) DO UPDATE SET sums = excluded.sums
                """);
            command.Parameters.Add(new() { Value = key.WaveId });
            command.Parameters.Add(new() { Value = key.BrandId });
            command.Parameters.Add(new() { Value = (short)key.Group });
            command.Parameters.Add(new() { Value = DriverGroupLayout.ToArray(group) });
            batch.BatchCommands.Add(command);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
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
        {
            var sums = new double[DriverGroupLayout.Length];
            for (var i = 0; i < sums.Length; i++) sums[i] = r.GetDouble(3 + i);
            result[new DriverGroupKey(r.GetInt32(0), r.GetInt32(1), r.GetInt16(2))] = DriverGroupLayout.FromArray(sums);
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
    private static string AggregateSql(ScoringSettings settings, string table)
    {
        static string F(double d) => d.ToString("R", CultureInfo.InvariantCulture) + "::float8";
        string Rescaled(string column) => $"100.0::float8 * (r.{column} - {settings.ScaleMin})::float8 / {F(settings.ScaleMax - settings.ScaleMin)}";
        string[] factors = [.. SuccessFactors.All.Select(f => Rescaled(f.Key())), "r.nps::float8"];
        string[] pillars = [.. Lenses.Pillars.Select(p => Rescaled(p.Key)), "r.nps::float8"];
        static string Cross(string complete, string[] v)
        {
            var terms = new List<string> { $"count(*) FILTER (WHERE {complete})::float8", $"coalesce(sum(r.weight) FILTER (WHERE {complete}), 0)" };
            terms.AddRange(v.Select(x => $"coalesce(sum(r.weight * {x}) FILTER (WHERE {complete}), 0)"));
            for (var i = 0; i < v.Length; i++)
                for (var j = i; j < v.Length; j++) terms.Add($"coalesce(sum(r.weight * {v[i]} * {v[j]}) FILTER (WHERE {complete}), 0)");
            return string.Join(",\n  ", terms);
        }
        var factorsComplete = string.Join(" AND ", SuccessFactors.All.Select(f => $"r.{f.Key()} IS NOT NULL").Append("r.nps IS NOT NULL"));
        var pillarsComplete = string.Join(" AND ", Lenses.Pillars.Select(p => $"r.{p.Key} IS NOT NULL").Append("r.nps IS NOT NULL"));
        return $"""
            SELECT r.wave_id, r.brand_id, r.grp,
              {Cross(factorsComplete, factors)},
              {Cross(pillarsComplete, pillars)}
            FROM {table} r
            WHERE r.role = {(short)Role.Customer} AND r.nps IS NOT NULL
            GROUP BY r.wave_id, r.brand_id, r.grp
            HAVING count(*) FILTER (WHERE ({factorsComplete}) OR ({pillarsComplete})) > 0
            """;
    }
}
