using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;
using Npgsql;

namespace CxPlus.Data.Releases;

/// <summary>A sector's wave and whether members may see it (issue 30): released, by whom and when, or a draft.</summary>
/// <param name="Sector">As the store spells it.</param>
/// <param name="Wave">As the store spells it.</param>
/// <param name="Brands">The brands with responses in it.</param>
/// <param name="Respondents">Its customers and prospects.</param>
/// <param name="ReleasedAt">When it was released; null for a draft.</param>
/// <param name="ReleasedBy">Who released it; null for a draft.</param>
public sealed record WaveState(string Sector, string Wave, int Brands, long Respondents, DateTimeOffset? ReleasedAt, string? ReleasedBy)
{
    public bool Released => ReleasedAt is not null;

    /// <summary>Released by the update that introduced releases (every wave it found), not by a person.</summary>
    public bool ReleasedByTheUpdate => ReleasedBy == WaveRelease.ByTheUpdate;
}

/// <summary>What a release or a withdrawal did: the sectors whose wave changed, and those already as asked.</summary>
public sealed record ReleaseOutcome(string Wave, IReadOnlyList<string> Changed, IReadOnlyList<string> Unchanged);

/// <summary>
/// Releasing a wave to members and withdrawing it (issue 30). A wave is a draft for a sector from its
/// first import until a data manager releases it; members and their API tokens see released waves
/// only (row-level security reads <c>wave_releases</c>, so a draft does not exist for them). Each change
/// is one transaction under the import lock, audited, and bumps the store generation, so every cached
/// page and table on every instance shows it at once.
/// </summary>
public sealed class WaveReleases(NpgsqlDataSource dataSource, AuditLog audit, StoreChanges? changes = null)
{
    /// <summary>Every sector's waves with data, newest wave first, each released or a draft.</summary>
    public async Task<IReadOnlyList<WaveState>> ListAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.name, w.code, count(DISTINCT x.brand_id)::int, sum(x.respondents)::bigint, r.released_at, r.released_by
            FROM role_rollups x JOIN brands b ON b.id = x.brand_id JOIN sectors s ON s.id = b.sector_id JOIN waves w ON w.id = x.wave_id
            LEFT JOIN wave_releases r ON r.sector_id = s.id AND r.wave_id = w.id
            GROUP BY s.name, s.name_key, w.code, r.released_at, r.released_by
            ORDER BY w.code COLLATE "C" DESC, s.name_key
            """);
        var list = new List<WaveState>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new WaveState(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetString(5)));
        return list;
    }

    /// <summary>Releases a wave to members: in one sector, or in every sector that has data in it.</summary>
    /// <exception cref="NotFoundException">No such wave or sector, or the sector has no responses in the wave.</exception>
    public Task<ReleaseOutcome> ReleaseAsync(string wave, string? sector, string by, CancellationToken ct = default) =>
        ChangeAsync(wave, sector, by, release: true, ct);

    /// <summary>Withdraws a released wave: members no longer see it (nor its movement), until it is released again.</summary>
    /// <exception cref="NotFoundException">No such wave or sector, or the sector has no responses in the wave.</exception>
    public Task<ReleaseOutcome> WithdrawAsync(string wave, string? sector, string by, CancellationToken ct = default) =>
        ChangeAsync(wave, sector, by, release: false, ct);

    private async Task<ReleaseOutcome> ChangeAsync(string wave, string? sector, string by, bool release, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Under the import lock: a release and an import of the same wave do not interleave.
        await ImportHistory.LockAsync(connection, ct);
        var (waveId, waveCode) = await LeagueQueries.FindAsync(connection, "SELECT id, code FROM waves WHERE code_key = $1", LeagueQueries.KeyOf(wave, "wave"), ct)
            ?? throw new NotFoundException(new("NotFound.Wave", Names.Printable(wave)));
        // The sectors with responses in the wave, and whether each is released.
        var sectors = new List<(int Id, string Name, bool Released)>();
        await using (var command = new NpgsqlCommand("""
            SELECT DISTINCT s.id, s.name, s.name_key, r.sector_id IS NOT NULL
            FROM role_rollups x JOIN brands b ON b.id = x.brand_id JOIN sectors s ON s.id = b.sector_id
            LEFT JOIN wave_releases r ON r.sector_id = s.id AND r.wave_id = x.wave_id
            WHERE x.wave_id = $1 ORDER BY s.name_key
            """, connection))
        {
            command.Parameters.Add(new() { Value = waveId });
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) sectors.Add((r.GetInt32(0), r.GetString(1), r.GetBoolean(3)));
        }
        if (sector is not null)
        {
            var key = LeagueQueries.KeyOf(sector, "sector");
            var (sectorId, sectorName) = await LeagueQueries.FindAsync(connection, "SELECT id, name FROM sectors WHERE name_key = $1", key, ct)
                ?? throw new NotFoundException(new("NotFound.Sector", Names.Printable(sector)));
            sectors = sectors.Where(s => s.Id == sectorId).ToList();
            if (sectors.Count == 0) throw new NotFoundException(new("Release.NoData", sectorName, waveCode));
        }
        else if (sectors.Count == 0) throw new NotFoundException(new("Release.WaveEmpty", waveCode));

        var changing = sectors.Where(s => s.Released != release).ToList();
        var queued = 0;
        foreach (var s in changing)
        {
            await using (var command = new NpgsqlCommand(release
                ? "INSERT INTO wave_releases (sector_id, wave_id, released_at, released_by) VALUES ($1, $2, now(), $3)"
                : "DELETE FROM wave_releases WHERE sector_id = $1 AND wave_id = $2", connection))
            {
                command.Parameters.Add(new() { Value = s.Id });
                command.Parameters.Add(new() { Value = waveId });
                if (release) command.Parameters.Add(new() { Value = Names.Printable(by) });
                await command.ExecuteNonQueryAsync(ct);
            }
            // The subscribers' messages, in the same transaction: a release is never without them, nor they without it.
            if (release) queued += await Deliveries.EnqueueAsync(connection, s.Id, waveId, ct);
        }
        if (changing.Count > 0)
        {
            await audit.RecordAsync(by, release ? "release" : "withdraw", $"{waveCode}: {string.Join(", ", changing.Select(s => s.Name))}",
                release ? $"released to members; {queued} messages queued" : "withdrawn from members", connection, ct);
            await StoreGeneration.BumpAsync(connection, ct);
        }
        await transaction.CommitAsync(ct);
        if (changing.Count > 0 && changes is not null) await changes.RefreshAsync(CancellationToken.None); // this process's caches, at once
        return new ReleaseOutcome(waveCode, [.. changing.Select(s => s.Name)], [.. sectors.Except(changing).Select(s => s.Name)]);
    }
}
