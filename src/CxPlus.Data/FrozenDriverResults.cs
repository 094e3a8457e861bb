using System.Text.Json;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;
using Npgsql;

namespace CxPlus.Data;

/// <summary>
/// Key drivers frozen by retention (<see cref="Model.FrozenDrivers"/>): step 22's bootstrap reads
/// respondents, so just before a wave's respondent rows go, every brand's and every sector's
/// drivers with intervals are computed and kept; from then on they are read back exactly.
/// </summary>
public static class FrozenDriverResults
{
    /// <summary>The JSON shape: names are not stored, so the reader's current names (and language) apply.</summary>
    private sealed record Stored(long N, double RSquared, bool Bootstrapped, int? IndicativeBelow, StoredImportance[] Predictors);

    private sealed record StoredImportance(string Key, double RawWeight, double Value, double? Se, double? Df, double? Low, double? High);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ToJson(DriverResult result) => JsonSerializer.Serialize(new Stored(result.N,
        result.RSquared ?? throw new ArgumentException("Only estimable drivers are frozen.", nameof(result)), result.Bootstrapped, result.IndicativeBelow,
        [.. result.Predictors.Select(p => new StoredImportance(p.Key, p.RawWeight, p.Importance.Value, p.Importance.StandardError,
            p.Importance.DegreesOfFreedom, p.Importance.Low, p.Importance.High))]), Json);

    public static DriverResult FromJson(string json, Lens lens)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, Json) ?? throw new InvalidDataException("An empty frozen driver result.");
        var names = (lens == Lens.Cee ? Lenses.Pillars : KeyDrivers.Factors).ToDictionary(p => p.Key, p => p.Name);
        return new DriverResult(stored.N, stored.RSquared, null,
            [.. stored.Predictors.Select(p => new DriverImportance(p.Key, names.GetValueOrDefault(p.Key, p.Key), p.RawWeight,
                Estimate.Restore(p.Value, p.Se, p.Df, p.Low, p.High)))],
            stored.Bootstrapped, stored.IndicativeBelow);
    }

    /// <summary>Stores one frozen result (inside the retention's transaction).</summary>
    internal static async Task WriteAsync(NpgsqlConnection connection, int waveId, int sectorId, int? brandId, Lens lens, DriverResult result, CancellationToken ct)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO frozen_drivers (wave_id, sector_id, brand_id, lens, result) VALUES ($1, $2, $3, $4, $5::json)", connection);
        insert.Parameters.Add(new() { Value = waveId });
        insert.Parameters.Add(new() { Value = sectorId });
        insert.Parameters.Add(new() { Value = brandId ?? 0 });
        insert.Parameters.Add(new() { Value = lens.Key() });
        insert.Parameters.Add(new() { Value = ToJson(result) });
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Whether the wave's respondents were removed by retention, and if so its frozen result for the
    /// brand (null: the sector pooled) in the lens, when one was frozen.
    /// </summary>
    internal static async Task<(bool Retained, DriverResult? Result)> ReadAsync(NpgsqlConnection connection, int waveId, int sectorId, int? brandId, Lens lens, CancellationToken ct)
    {
        await using var read = new NpgsqlCommand("""
            SELECT w.retained_at IS NOT NULL, f.result::text FROM waves w
            LEFT JOIN frozen_drivers f ON f.wave_id = w.id AND f.sector_id = $2 AND f.brand_id = $3 AND f.lens = $4
            WHERE w.id = $1
            """, connection);
        read.Parameters.Add(new() { Value = waveId });
        read.Parameters.Add(new() { Value = sectorId });
        read.Parameters.Add(new() { Value = brandId ?? 0 });
        read.Parameters.Add(new() { Value = lens.Key() });
        await using var r = await read.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return (false, null);
        return (r.GetBoolean(0), r.IsDBNull(1) ? null : FromJson(r.GetString(1), lens));
    }
}
