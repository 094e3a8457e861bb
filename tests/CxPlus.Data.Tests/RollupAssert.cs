using CxPlus.Data.Model;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

public static class RollupAssert
{
    /// <summary>
    /// The same keys, as sets. (FluentAssertions' BeEquivalentTo matches thousands of keys pairwise,
    /// which took minutes when the two came in different orders.)
    /// </summary>
    public static void SameKeys<T>(IEnumerable<T> actual, IEnumerable<T> expected)
    {
        var (a, e) = (actual.ToHashSet(), expected.ToHashSet());
        a.Except(e).Should().BeEmpty("no key should be stored that the responses do not give");
        e.Except(a).Should().BeEmpty("every key the responses give should be stored");
    }

    /// <summary>Every sum equal up to floating-point rounding (sums are added in a different order).</summary>
    public static void Same(RoleStatistics actual, RoleStatistics expected, string because)
    {
        var a = RollupLayout.ToArray(actual);
        var e = RollupLayout.ToArray(expected);
        for (var i = 0; i < a.Length; i++)
            a[i].Should().BeApproximately(e[i], 1e-9 * Math.Max(1, Math.Abs(e[i])), $"sum #{i} of {because}");
    }

    /// <summary>The stored rollups are those one SQL aggregate computes from the raw responses: the same keys, every sum.</summary>
    public static async Task MatchResponsesAsync(PostgresDatabase db, ScoringSettings settings)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        var fromResponses = await RoleRollups.ComputeFromResponsesAsync(connection, settings, null, null, default);
        await using var command = db.DataSource.CreateCommand("SELECT wave_id, brand_id, role, sums FROM role_rollups");
        var stored = new Dictionary<RollupKey, RoleStatistics>();
        await using (var r = await command.ExecuteReaderAsync())
            while (await r.ReadAsync())
                stored[new RollupKey(r.GetInt32(0), r.GetInt32(1), (Role)r.GetInt16(2))] = RollupLayout.FromArray(r.GetFieldValue<double[]>(3));
        SameKeys(stored.Keys, fromResponses.Keys);
        foreach (var (key, stats) in stored) Same(stats, fromResponses[key], key.ToString());
        await SegmentsMatchResponsesAsync(connection, settings);
        await GroupsMatchResponsesAsync(connection, settings);
    }

    /// <summary>Every stored segment rollup (step 26) as the SQL aggregate computes it from the responses' segments.</summary>
    public static async Task SegmentsMatchResponsesAsync(Npgsql.NpgsqlConnection connection, ScoringSettings settings)
    {
        var fromResponses = await SegmentRollups.ComputeFromResponsesAsync(connection, settings, null, null, default);
        var stored = await ReadSegmentsAsync(connection);
        SameKeys(stored.Keys, fromResponses.Keys);
        foreach (var (key, stats) in stored) Same(stats, fromResponses[key], key.ToString());
    }

    /// <summary>Every stored segment rollup.</summary>
    public static async Task<Dictionary<SegmentRollupKey, RoleStatistics>> ReadSegmentsAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var command = new Npgsql.NpgsqlCommand("SELECT wave_id, brand_id, role, segment, category, sums FROM segment_rollups", connection);
        var stored = new Dictionary<SegmentRollupKey, RoleStatistics>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync())
            stored[new SegmentRollupKey(r.GetInt32(0), r.GetInt32(1), (Role)r.GetInt16(2), r.GetString(3), r.GetString(4))] = RollupLayout.FromArray(r.GetFieldValue<double[]>(5));
        return stored;
    }

    /// <summary>The stored driver groups are those one SQL aggregate computes from the raw responses.</summary>
    public static async Task GroupsMatchResponsesAsync(Npgsql.NpgsqlConnection connection, ScoringSettings settings)
    {
        var stored = await DriverGroups.ReadAllAsync(connection, default);
        var fromResponses = await DriverGroups.ComputeFromRowsAsync(connection, settings, "responses", default);
        SameKeys(stored.Keys, fromResponses.Keys);
        // Thousands of groups of 66 sums: compared in plain arithmetic, then asserted once.
        var differences = new List<string>();
        foreach (var (key, group) in stored)
        {
            var (a, e) = (DriverGroupLayout.ToArray(group), DriverGroupLayout.ToArray(fromResponses[key]));
            for (var i = 0; i < a.Length; i++)
                if (Math.Abs(a[i] - e[i]) > 1e-9 * Math.Max(1, Math.Abs(e[i]))) differences.Add($"sum #{i} of group {key}: {a[i]} against {e[i]}");
        }
        differences.Should().BeEmpty();
    }
}
