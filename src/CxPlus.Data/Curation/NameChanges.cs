using System.Globalization;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;
using Npgsql;

namespace CxPlus.Data.Curation;

/// <summary>A rename or merge that was refused, with the reason in words; nothing was changed.</summary>
public sealed class NameChangeRefusedException(Sentence reason) : SentenceException(reason);

/// <summary>
/// Renaming and merging sectors and brands (data managers' tools): each change is one
/// transaction under the import lock, bumps the store generation, and leaves an audit record.
/// A rename keeps every response and rollup (they point at ids); a merge moves one brand's
/// responses to the other and recomputes the rollups it touched from the raw rows, so every
/// page, export and report shows the new names and numbers at once.
/// </summary>
public sealed class NameChanges(NpgsqlDataSource dataSource, AuditLog audit, StoreChanges? changes = null)
{
    public async Task RenameSectorAsync(string sector, string newName, string by, CancellationToken ct = default)
    {
        var name = Valid(newName, "sector");
        await InTransactionAsync(by, "rename-sector", $"{sector} → {name}", async connection =>
        {
            var (id, old) = await SectorAsync(connection, sector, ct);
            if (await IdAsync(connection, "SELECT id FROM sectors WHERE name_key = $1 AND id <> $2", ct, Names.Key(name), id) is not null)
                throw new NameChangeRefusedException(new("Names.SectorExists", name, old));
            await ExecuteAsync(connection, "UPDATE sectors SET name = $1, name_key = $2 WHERE id = $3", ct, name, Names.Key(name), id);
            await FormerSectorNameAsync(connection, Names.Key(old), id, ct);
            return ($"{old} → {name}", "renamed");
        }, ct);
    }

    public async Task RenameBrandAsync(string sector, string brand, string newName, string by, CancellationToken ct = default)
    {
        var name = Valid(newName, "brand");
        await InTransactionAsync(by, "rename-brand", $"{brand} ({sector}) → {name}", async connection =>
        {
            var (sectorId, sectorName) = await SectorAsync(connection, sector, ct);
            var (id, old) = await BrandAsync(connection, sectorId, sectorName, brand, ct);
            if (await IdAsync(connection, "SELECT id FROM brands WHERE sector_id = $1 AND name_key = $2 AND id <> $3", ct, sectorId, Names.Key(name), id) is not null)
                throw new NameChangeRefusedException(new("Names.BrandExists", sectorName, name, old));
            await ExecuteAsync(connection, "UPDATE brands SET name = $1, name_key = $2 WHERE id = $3", ct, name, Names.Key(name), id);
            await FormerBrandNameAsync(connection, sectorId, Names.Key(old), id, ct);
            return ($"{old} ({sectorName}) → {name}", "renamed");
        }, ct);
    }

    /// <summary>Moves every response of <paramref name="from"/> to <paramref name="into"/> (same sector) and removes <paramref name="from"/>.</summary>
    public async Task<int> MergeBrandAsync(string sector, string from, string into, string by, CancellationToken ct = default)
    {
        var moved = 0;
        await InTransactionAsync(by, "merge-brand", $"{from} into {into} ({sector})", async connection =>
        {
            var (sectorId, sectorName) = await SectorAsync(connection, sector, ct);
            var (fromId, fromName) = await BrandAsync(connection, sectorId, sectorName, from, ct);
            var (intoId, intoName) = await BrandAsync(connection, sectorId, sectorName, into, ct);
            if (fromId == intoId) throw new NameChangeRefusedException(new("Names.SameBrand", fromName, intoName));
            moved = await MergeBrandIdsAsync(connection, fromId, intoId, fromName, intoName, ct);
            return ($"{fromName} into {intoName} ({sectorName})", $"{moved} responses moved");
        }, ct);
        return moved;
    }

    /// <summary>
    /// Moves every brand of <paramref name="from"/> into <paramref name="into"/>; a brand whose name
    /// <paramref name="into"/> already has is merged into that brand. Then removes <paramref name="from"/>.
    /// </summary>
    public async Task<int> MergeSectorAsync(string from, string into, string by, CancellationToken ct = default)
    {
        var moved = 0;
        await InTransactionAsync(by, "merge-sector", $"{from} into {into}", async connection =>
        {
            var (fromId, fromName) = await SectorAsync(connection, from, ct);
            var (intoId, intoName) = await SectorAsync(connection, into, ct);
            if (fromId == intoId) throw new NameChangeRefusedException(new("Names.SameSector", fromName, intoName));
            var brands = new List<(int Id, string Name, int? Twin)>();
            await using (var list = new NpgsqlCommand("""
                SELECT b.id, b.name, t.id FROM brands b LEFT JOIN brands t ON t.sector_id = $2 AND t.name_key = b.name_key
                WHERE b.sector_id = $1 ORDER BY b.id
                """, connection))
            {
                list.Parameters.Add(new() { Value = fromId });
                list.Parameters.Add(new() { Value = intoId });
                await using var r = await list.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) brands.Add((r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt32(2)));
            }
            // Likewise a sector's pooled drivers in a retained wave: both sectors in one such wave stay apart.
            if (await ScalarAsync(connection, """
                SELECT string_agg(DISTINCT w.code, ', ') FROM role_rollups a JOIN brands ab ON ab.id = a.brand_id
                JOIN role_rollups b ON b.wave_id = a.wave_id JOIN brands bb ON bb.id = b.brand_id JOIN waves w ON w.id = a.wave_id
                WHERE ab.sector_id = $1 AND bb.sector_id = $2 AND w.retained_at IS NOT NULL
                """, ct, fromId, intoId) is string closed)
                throw new NameChangeRefusedException(new("Names.SectorsRetained", fromName, intoName, closed));
            await ExecuteAsync(connection, "UPDATE frozen_drivers SET sector_id = $1 WHERE sector_id = $2", ct, intoId, fromId);
            // Issue 30: a wave only the merged sector had keeps its release; where both had data the
            // sector merged into keeps its own state (a draft stays a draft until it is checked).
            await ExecuteAsync(connection, """
                INSERT INTO wave_releases (sector_id, wave_id, released_at, released_by)
                SELECT $1, r.wave_id, r.released_at, r.released_by FROM wave_releases r
                WHERE r.sector_id = $2 AND NOT EXISTS (SELECT 1 FROM role_rollups x JOIN brands b ON b.id = x.brand_id WHERE b.sector_id = $1 AND x.wave_id = r.wave_id)
                ON CONFLICT DO NOTHING
                """, ct, intoId, fromId);
            foreach (var (id, name, twin) in brands)
            {
                if (twin is { } target) moved += await MergeBrandIdsAsync(connection, id, target, name, name, ct);
                else await ExecuteAsync(connection, "UPDATE brands SET sector_id = $1 WHERE id = $2", ct, intoId, id);
            }
            // Old links follow: the sector's names, and its brands' former names, now lead into the other.
            await ExecuteAsync(connection, "UPDATE sector_former_names SET sector_id = $1 WHERE sector_id = $2", ct, intoId, fromId);
            await FormerSectorNameAsync(connection, Names.Key(fromName), intoId, ct);
            await ExecuteAsync(connection, """
                UPDATE brand_former_names f SET sector_id = $1 WHERE f.sector_id = $2
                AND NOT EXISTS (SELECT 1 FROM brand_former_names t WHERE t.sector_id = $1 AND t.name_key = f.name_key)
                """, ct, intoId, fromId);
            await ExecuteAsync(connection, "DELETE FROM sectors WHERE id = $1", ct, fromId);
            return ($"{fromName} into {intoName}", string.Create(CultureInfo.InvariantCulture, $"{brands.Count} brands moved, {brands.Count(b => b.Twin is not null)} of them merged"));
        }, ct);
        return moved;
    }

    private async Task<int> MergeBrandIdsAsync(NpgsqlConnection connection, int fromId, int intoId, string from, string into, CancellationToken ct)
    {
        // In a wave whose respondents retention removed, the merged brand's key drivers could not be
        // computed again: two brands both in such a wave stay apart. One alone keeps its frozen drivers.
        if (await ScalarAsync(connection, """
            SELECT string_agg(DISTINCT w.code, ', ') FROM role_rollups a
            JOIN role_rollups b ON b.wave_id = a.wave_id AND b.brand_id = $2 JOIN waves w ON w.id = a.wave_id
            WHERE a.brand_id = $1 AND w.retained_at IS NOT NULL
            """, ct, fromId, intoId) is string closed)
            throw new NameChangeRefusedException(new("Names.BrandsRetained", from, into, closed));

        // One respondent answering about both brands in one wave would become a repeat: refuse, counting them
        // per wave with the first one's line in its file (the store keeps pseudonyms, not the fieldwork ids).
        var clashes = new List<object>();
        await using (var find = new NpgsqlCommand("""
            SELECT w.code, count(*), (array_agg(a.line ORDER BY a.import_id, a.line))[1], (array_agg(i.file_name ORDER BY a.import_id, a.line))[1]
            FROM responses a
            JOIN responses b ON b.wave_id = a.wave_id AND b.respondent_id = a.respondent_id AND b.brand_id = $2
            JOIN waves w ON w.id = a.wave_id JOIN imports i ON i.id = a.import_id
            WHERE a.brand_id = $1 GROUP BY w.code ORDER BY w.code COLLATE "C" LIMIT 6
            """, connection))
        {
            find.Parameters.Add(new() { Value = fromId });
            find.Parameters.Add(new() { Value = intoId });
            await using var r = await find.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                clashes.Add(new Sentence("Names.Shared", r.GetInt64(1), r.GetString(0), r.GetInt32(2), r.GetString(3)));
        }
        if (clashes.Count > 0)
            throw new NameChangeRefusedException(new("Names.SharedRespondents", from, into, clashes.Take(5).ToList(), clashes.Count > 5 ? new Sentence("Names.More") : ""));

        await ExecuteAsync(connection, "UPDATE frozen_drivers SET brand_id = $1 WHERE brand_id = $2", ct, intoId, fromId);

        var waves = new List<int>();
        await using (var list = new NpgsqlCommand("SELECT DISTINCT wave_id FROM role_rollups WHERE brand_id = $1", connection))
        {
            list.Parameters.Add(new() { Value = fromId });
            await using var r = await list.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) waves.Add(r.GetInt32(0));
        }
        var moved = await ExecuteAsync(connection, "UPDATE responses SET brand_id = $1 WHERE brand_id = $2", ct, intoId, fromId);
        await ExecuteAsync(connection, "UPDATE comments SET brand_id = $1 WHERE brand_id = $2", ct, intoId, fromId);
        // The sums are additive and the two brands' respondents disjoint: the merged brand's rollups
        // are the sum of both, with no raw response read again.
        (int WaveId, int BrandId)[] fromPairs = [.. waves.Select(w => (w, fromId))];
        var fromRollups = await RoleRollups.ReadPairsAsync(connection, fromPairs, ct);
        await RoleRollups.DeleteAsync(connection, fromPairs, ct);
        await RoleRollups.AddAsync(connection, fromRollups.ToDictionary(x => x.Key with { BrandId = intoId }, x => x.Value), ct);
        var fromSegments = await SegmentRollups.ReadPairsAsync(connection, fromPairs, ct);
        await SegmentRollups.DeleteAsync(connection, fromPairs, ct);
        await SegmentRollups.AddAsync(connection, fromSegments.ToDictionary(x => x.Key with { BrandId = intoId }, x => x.Value), ct);
        // Each respondent keeps its group, so the groups add likewise.
        var fromGroups = await DriverGroups.ReadPairsAsync(connection, fromPairs, ct);
        await DriverGroups.DeleteAsync(connection, fromPairs, ct);
        await DriverGroups.AddAsync(connection, fromGroups.ToDictionary(x => x.Key with { BrandId = intoId }, x => x.Value), ct);
        // Old links to the merged brand, and to its own former names, lead to the brand it joined.
        var sectorId = (int)(await IdAsync(connection, "SELECT sector_id FROM brands WHERE id = $1", ct, fromId))!;
        await ExecuteAsync(connection, "UPDATE brand_former_names SET brand_id = $1 WHERE brand_id = $2", ct, intoId, fromId);
        await FormerBrandNameAsync(connection, sectorId, Names.Key(from), intoId, ct);
        // An organisation that held the merged brand holds the brand it joined (its grants die with it otherwise).
        await ExecuteAsync(connection, """
            INSERT INTO organisation_brands (organisation_id, brand_id, granted_at)
            SELECT organisation_id, $1, granted_at FROM organisation_brands WHERE brand_id = $2 ON CONFLICT DO NOTHING
            """, ct, intoId, fromId);
        await ExecuteAsync(connection, "DELETE FROM brands WHERE id = $1", ct, fromId);
        return moved;
    }

    /// <summary>Runs a change in one transaction under the import lock; <paramref name="target"/> names it as asked, the change names it as stored.</summary>
    private async Task InTransactionAsync(string by, string action, string target, Func<NpgsqlConnection, Task<(string Target, string Outcome)>> change, CancellationToken ct)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await ImportHistory.LockAsync(connection, ct);
            var (stored, outcome) = await change(connection);
            await StoreGeneration.BumpAsync(connection, ct);
            await audit.RecordAsync(by, action, stored, outcome, connection, ct);
            await transaction.CommitAsync(ct);
            if (changes is not null) await changes.RefreshAsync(CancellationToken.None); // this process's caches, at once
        }
        catch (Exception e) when (e is NameChangeRefusedException or NotFoundException)
        {
            await audit.RecordAsync(by, action, target, $"refused: {e.Message}", ct: CancellationToken.None);
            throw;
        }
    }

    /// <summary>Remembers a sector's former name (a later change of the same name wins).</summary>
    private static Task FormerSectorNameAsync(NpgsqlConnection connection, string nameKey, int sectorId, CancellationToken ct) =>
        ExecuteAsync(connection, """
            INSERT INTO sector_former_names (name_key, sector_id) VALUES ($1, $2)
            ON CONFLICT (name_key) DO UPDATE SET sector_id = excluded.sector_id
            """, ct, nameKey, sectorId);

    /// <summary>Remembers a brand's former name in its sector (a later change of the same name wins).</summary>
    private static Task FormerBrandNameAsync(NpgsqlConnection connection, int sectorId, string nameKey, int brandId, CancellationToken ct) =>
        ExecuteAsync(connection, """
            INSERT INTO brand_former_names (sector_id, name_key, brand_id) VALUES ($1, $2, $3)
            ON CONFLICT (sector_id, name_key) DO UPDATE SET brand_id = excluded.brand_id
            """, ct, sectorId, nameKey, brandId);

    private static string Valid(string name, string what)
    {
        var normal = Names.Normalize(name);
        if (normal.Length == 0) throw new NameChangeRefusedException(new("Names.NeedsName", new Sentence($"Noun.{what}")));
        if (normal.Length > Limits.NameLength) throw new NameChangeRefusedException(new("Names.TooLong", new Sentence($"Noun.{what}"), Limits.NameLength));
        if (Names.ForbiddenRune(normal) is { } rune) throw new NameChangeRefusedException(new("Names.Invisible", rune.Value));
        return normal;
    }

    private static async Task<(int Id, string Name)> SectorAsync(NpgsqlConnection connection, string sector, CancellationToken ct) =>
        await RowAsync(connection, "SELECT id, name FROM sectors WHERE name_key = $1", ct, LeagueQueries.KeyOf(sector, "sector"))
            ?? throw new NotFoundException(new("NotFound.Sector", Names.Printable(sector)));

    private static async Task<(int Id, string Name)> BrandAsync(NpgsqlConnection connection, int sectorId, string sector, string brand, CancellationToken ct) =>
        await RowAsync(connection, "SELECT id, name FROM brands WHERE sector_id = $1 AND name_key = $2", ct, sectorId, LeagueQueries.KeyOf(brand, "brand"))
            ?? throw new NotFoundException(new("NotFound.BrandOfSector", sector, Names.Printable(brand)));

    private static async Task<(int Id, string Name)?> RowAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.Add(new() { Value = v });
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetInt32(0), r.GetString(1)) : null;
    }

    private static async Task<int?> IdAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values) =>
        await ScalarAsync(connection, sql, ct, values) is int id ? id : null;

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.Add(new() { Value = v });
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.Add(new() { Value = v });
        return await command.ExecuteNonQueryAsync(ct);
    }
}
