using System.Globalization;
using CxPlus.Data.League;
using CxPlus.Scoring.Lenses;
using Npgsql;

namespace CxPlus.Data.Importing;

/// <summary>A wave whose respondent rows retention removes (or removed): when it was last imported into, and how many rows.</summary>
public sealed record RetentionWave(string Wave, DateTimeOffset LastImportedAt, long Rows);

/// <summary>
/// Storage limitation (GDPR art. 5(1)(e)): respondent rows are kept only as long as they are needed.
/// A wave's rows go once its last import is more than the retention period old; what was published
/// from them stays, because it never needed them: the rollups (sums per brand, wave and role) are
/// kept, and the key drivers, whose intervals come from resampling respondents, are computed one last
/// time and frozen (<see cref="FrozenDriverResults"/>). The driver groups go with the rows: a group of
/// a small brand holds a handful of respondents, close enough to their answers to count as theirs.
/// <para>
/// A retained wave is closed: no import adds to or replaces it, none of its imports can be undone,
/// a merge that would need its respondents is refused, and a rollup rebuild keeps its rollups.
/// All of it in one transaction under the import lock, with one audit record per wave.
/// </para>
/// </summary>
public sealed class RespondentRetention(NpgsqlDataSource dataSource, LeagueQueries queries, AuditLog audit, TimeProvider clock, StoreChanges? changes = null)
{
    /// <summary>The longest period the setting takes (a century; longer is surely a mistake).</summary>
    public const int MaxMonths = 1200;

    /// <summary>The waves whose rows are older than <paramref name="months"/> (a dry run: nothing changes).</summary>
    /// <exception cref="ArgumentException">Not 1 to <see cref="MaxMonths"/> months.</exception>
    public async Task<IReadOnlyList<RetentionWave>> DueAsync(int months, CancellationToken ct = default)
    {
        var cutoff = Cutoff(months);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. (await DueAsync(connection, cutoff, ct)).Select(d => d.Wave)];
    }

    /// <summary>The waves retention has closed, with when.</summary>
    public async Task<IReadOnlyList<(string Wave, DateTimeOffset RetainedAt)>> RetainedAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT code, retained_at FROM waves WHERE retained_at IS NOT NULL ORDER BY code COLLATE \"C\"");
        var result = new List<(string, DateTimeOffset)>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result.Add((r.GetString(0), r.GetFieldValue<DateTimeOffset>(1)));
        return result;
    }

    /// <summary>
    /// Removes the respondent rows of every wave last imported into more than <paramref name="months"/>
    /// ago, freezing its key drivers first; returns the waves it closed (none when nothing was due).
    /// </summary>
    /// <exception cref="ArgumentException">Not 1 to <see cref="MaxMonths"/> months.</exception>
    public async Task<IReadOnlyList<RetentionWave>> RetainAsync(int months, string by, CancellationToken ct = default)
    {
        var cutoff = Cutoff(months);
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ImportHistory.LockAsync(connection, ct);
        var due = await DueAsync(connection, cutoff, ct);
        if (due.Count == 0) return [];

        foreach (var (id, wave) in due) await FreezeDriversAsync(connection, id, wave.Wave, ct);
        int[] ids = [.. due.Select(d => d.Id)];
        var imports = new List<long>();
        await using (var delete = new NpgsqlCommand(
            "WITH d AS (DELETE FROM responses WHERE wave_id = ANY($1) RETURNING import_id) SELECT DISTINCT import_id FROM d", connection))
        {
            delete.CommandTimeout = 0; // millions of rows take as long as they take; the caller's cancellation still applies
            delete.Parameters.Add(new() { Value = ids });
            await using var r = await delete.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) imports.Add(r.GetInt64(0));
        }
        await using (var batch = new NpgsqlBatch(connection))
        {
            batch.BatchCommands.Add(new("DELETE FROM driver_groups WHERE wave_id = ANY($1)") { Parameters = { new() { Value = ids } } });
            // Comments are respondent-level data too (step 28: what each respondent wrote).
            batch.BatchCommands.Add(new("DELETE FROM comments WHERE wave_id = ANY($1)") { Parameters = { new() { Value = ids } }, });
            batch.BatchCommands.Add(new("UPDATE waves SET retained_at = $2 WHERE id = ANY($1)") { Parameters = { new() { Value = ids }, new() { Value = now } } });
            batch.BatchCommands.Add(new("UPDATE imports SET retained_at = $2 WHERE id = ANY($1) AND retained_at IS NULL")
                { Parameters = { new() { Value = imports.ToArray() }, new() { Value = now } } });
            await batch.ExecuteNonQueryAsync(ct);
        }
        await StoreGeneration.BumpAsync(connection, ct);
        foreach (var (_, wave) in due)
            await audit.RecordAsync(by, "retain", $"wave {wave.Wave}", string.Create(CultureInfo.InvariantCulture,
                $"{wave.Rows:#,0} respondent rows removed (last import {wave.LastImportedAt:yyyy-MM-dd}, more than {months} months ago); rollups and key drivers kept"), connection, ct);
        await transaction.CommitAsync(ct);
        if (changes is not null) await changes.RefreshAsync(CancellationToken.None); // this process's caches, at once
        return [.. due.Select(d => d.Wave)];
    }

    private DateTimeOffset Cutoff(int months) =>
        months is >= 1 and <= MaxMonths
            ? clock.GetUtcNow().AddMonths(-months)
            : throw new ArgumentException($"The retention period is a whole number of months from 1 to {MaxMonths}; {months} is not.");

    /// <summary>Waves with stored rows whose newest (standing) import is older than the cutoff; one scan of the responses.</summary>
    private static async Task<List<(int Id, RetentionWave Wave)>> DueAsync(NpgsqlConnection connection, DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT w.id, w.code, max(i.imported_at), count(*) FROM responses r
            JOIN imports i ON i.id = r.import_id JOIN waves w ON w.id = r.wave_id
            WHERE w.retained_at IS NULL
            GROUP BY w.id, w.code HAVING max(i.imported_at) < $1
            ORDER BY w.code COLLATE "C"
            """, connection) { CommandTimeout = 0 };
        command.Parameters.Add(new() { Value = cutoff });
        var due = new List<(int, RetentionWave)>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            due.Add((r.GetInt32(0), new RetentionWave(r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetInt64(3))));
        return due;
    }

    /// <summary>
    /// Every sector's pooled drivers and every brand's, in both lenses with drivers, computed as the
    /// pages compute them (the bootstrap still has its respondents); those with intervals are kept.
    /// The rest come from the rollups alone and need nothing frozen.
    /// </summary>
    private async Task FreezeDriversAsync(NpgsqlConnection connection, int waveId, string wave, CancellationToken ct)
    {
        var brands = new List<(int SectorId, string Sector, int BrandId, string Brand)>();
        await using (var list = new NpgsqlCommand($"""
            SELECT s.id, s.name, b.id, b.name FROM role_rollups x JOIN brands b ON b.id = x.brand_id JOIN sectors s ON s.id = b.sector_id
            WHERE x.wave_id = $1 AND x.role = {(short)Scoring.Role.Customer} ORDER BY s.id, b.id
            """, connection))
        {
            list.Parameters.Add(new() { Value = waveId });
            await using var r = await list.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) brands.Add((r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetString(3)));
        }
        // Read through the queries (another connection): under the import lock nothing changes meanwhile.
        var targets = brands.GroupBy(b => (b.SectorId, b.Sector))
            .SelectMany(s => s.Select(b => (s.Key.SectorId, s.Key.Sector, (int?)b.BrandId, (string?)b.Brand)).Prepend((s.Key.SectorId, s.Key.Sector, null, null)));
        foreach (var (sectorId, sector, brandId, brand) in targets)
            foreach (var lens in new[] { Lens.Cx, Lens.Cee })
                if (await queries.DriversAsync(sector, wave, brand, lens, intervals: true, ct) is { Bootstrapped: true } result)
                    await FrozenDriverResults.WriteAsync(connection, waveId, sectorId, brandId, lens, result, ct);
    }
}
