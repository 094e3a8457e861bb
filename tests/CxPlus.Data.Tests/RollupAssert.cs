using CxPlus.Data.Model;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

public static class RollupAssert
{
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
        stored.Keys.Should().BeEquivalentTo(fromResponses.Keys);
        foreach (var (key, stats) in stored) Same(stats, fromResponses[key], key.ToString());
        await GroupsMatchResponsesAsync(connection, settings);
    }

    /// <summary>The stored driver groups are those one SQL aggregate computes from the raw responses.</summary>
    public static async Task GroupsMatchResponsesAsync(Npgsql.NpgsqlConnection connection, ScoringSettings settings)
    {
        var stored = await DriverGroups.ReadAllAsync(connection, default);
        var fromResponses = await DriverGroups.ComputeFromRowsAsync(connection, settings, "responses", default);
        stored.Keys.Should().BeEquivalentTo(fromResponses.Keys);
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
