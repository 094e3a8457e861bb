using CxPlus.Data.League;
using CxPlus.Scoring;
using Npgsql;

namespace CxPlus.Data.Importing;

/// <summary>One import as data managers see it in the history.</summary>
public sealed record ImportRecord(long Id, string FileName, int CustomerRows, int ProspectRows, int ReplacedRows,
    string ImportedBy, DateTimeOffset ImportedAt, DateTimeOffset? UndoneAt, string? UndoneBy, DateTimeOffset? RetainedAt = null);

/// <summary>An undo that was refused, with the reason in words.</summary>
public sealed class UndoRefusedException(Sentence reason) : SentenceException(reason);

/// <summary>
/// The import history, and undo: an import's rows leave the store and the rollups of the brands
/// and waves it touched are recomputed from the rows that remain, in one transaction under the
/// import lock. The record stays, marked undone, so the history keeps what happened.
/// </summary>
public sealed class ImportHistory(NpgsqlDataSource dataSource, ScoringSettings settings, TimeProvider clock, AuditLog? audit = null,
    StoreChanges? changes = null)
{
    private readonly AuditLog _audit = audit ?? new AuditLog(dataSource, clock);

    /// <summary>Serialises imports and undos (pg_advisory_xact_lock key): each sees the store the previous one left.</summary>
    private const long ImportLock = 0x43_58_50_4C_55_53; // "CXPLUS"

    internal static async Task LockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ImportLock})", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Imports, newest first.</summary>
    public async Task<IReadOnlyList<ImportRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, file_name, customer_rows, prospect_rows, replaced_rows, imported_by, imported_at, undone_at, undone_by, retained_at
            FROM imports ORDER BY id DESC
            """);
        var result = new List<ImportRecord>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result.Add(new ImportRecord(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetString(5),
                r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetString(8),
                r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9)));
        return result;
    }

    /// <summary>Undoes an import; returns how many rows left the store.</summary>
    /// <exception cref="NotFoundException">No such import.</exception>
    /// <exception cref="UndoRefusedException">Already undone, or it replaced earlier rows that an undo cannot bring back.</exception>
    public async Task<int> UndoAsync(long importId, string undoneBy, CancellationToken ct = default)
    {
        var target = $"import {importId}";
        try
        {
            var rows = await UndoCoreAsync(importId, undoneBy, ct);
            await _audit.RecordAsync(undoneBy, "undo", target, $"{rows} rows removed", ct: CancellationToken.None);
            return rows;
        }
        catch (Exception e)
        {
            await _audit.RecordAsync(undoneBy, "undo", target,
                $"refused or failed ({(e is UndoRefusedException or NotFoundException ? e.Message : e.GetType().Name)}); nothing was changed", ct: CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Brands and waves the undone rows were in that hold no responses any more, and sectors left
    /// without brands, leave the store: only imports create them, so these are the ones the import
    /// created (or that an earlier undo left empty). No sector then lists a wave with nothing in it.
    /// A (wave, brand) holds responses exactly when it has a rollup (every respondent, even an
    /// incomplete one, is counted in one), so the rollups answer without scanning the responses.
    /// </summary>
    private static async Task RemoveEmptyAsync(NpgsqlConnection connection, IReadOnlyCollection<(int WaveId, int BrandId)> pairs, CancellationToken ct)
    {
        // Three statements, in order: each must see what the one before removed.
        string[] statements =
        [
            """
            DELETE FROM brands b USING (SELECT DISTINCT brand_id FROM unnest($1::int[], $2::int[]) AS p(wave_id, brand_id)) t
            WHERE b.id = t.brand_id AND NOT EXISTS (SELECT 1 FROM role_rollups x WHERE x.brand_id = b.id)
            """,
            """
            DELETE FROM waves w USING (SELECT DISTINCT wave_id FROM unnest($1::int[], $2::int[]) AS p(wave_id, brand_id)) t
            WHERE w.id = t.wave_id AND NOT EXISTS (SELECT 1 FROM role_rollups x WHERE x.wave_id = w.id)
            """,
            "DELETE FROM sectors s WHERE NOT EXISTS (SELECT 1 FROM brands b WHERE b.sector_id = s.id)",
        ];
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            if (sql.Contains("$1", StringComparison.Ordinal)) command.Parameters.AddPairs(pairs);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Removes the responses <paramref name="where"/> selects (parameters $1, $2, … from <paramref name="values"/>)
    /// and takes what they added out of the rollups and the driver groups: the rollups' own aggregate over
    /// the removed rows alone, so the work follows what is removed, not the store. Brands and waves left
    /// without responses go too (<see cref="RemoveEmptyAsync"/>). In the caller's transaction, under the
    /// import lock. Returns how many rows went.
    /// </summary>
    internal static async Task<int> RemoveResponsesAsync(NpgsqlConnection connection, ScoringSettings settings, string where, object[] values, CancellationToken ct)
    {
        await using (var delete = new NpgsqlCommand($"""
            CREATE TEMP TABLE removed_responses ON COMMIT DROP AS
            WITH d AS (DELETE FROM responses WHERE {where} RETURNING *) SELECT * FROM d
            """, connection))
        {
            foreach (var value in values) delete.Parameters.Add(new() { Value = value });
            await delete.ExecuteNonQueryAsync(ct);
        }
        // Their comments go with them (a response's comment is the one of its import and line).
        await using (var comments = new NpgsqlCommand("""
            DELETE FROM comments c USING removed_responses r
            WHERE c.wave_id = r.wave_id AND c.brand_id = r.brand_id AND c.import_id = r.import_id AND c.line = r.line
            """, connection))
            await comments.ExecuteNonQueryAsync(ct);
        var removed = await RoleRollups.ComputeFromRowsAsync(connection, settings, "removed_responses", ct);
        await RoleRollups.SubtractAsync(connection, removed, ct);
        await SegmentRollups.SubtractAsync(connection, await SegmentRollups.ComputeFromRowsAsync(connection, settings, "removed_responses", ct), ct);
        await DriverGroups.SubtractAsync(connection, await DriverGroups.ComputeFromRowsAsync(connection, settings, "removed_responses", ct), ct);
        await RemoveEmptyAsync(connection, removed.Keys.Select(k => (k.WaveId, k.BrandId)).ToHashSet(), ct);
        return (int)removed.Values.Sum(s => s.Qualifying + s.Incomplete);
    }

    private async Task<int> UndoCoreAsync(long importId, string undoneBy, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, ct);

        await using (var find = new NpgsqlCommand("SELECT file_name, replaced_rows, undone_at, retained_at FROM imports WHERE id = $1", connection))
        {
            find.Parameters.Add(new() { Value = importId });
            await using var r = await find.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) throw new NotFoundException(new("NotFound.Import", importId));
            if (!r.IsDBNull(2))
                throw new UndoRefusedException(new("Undo.AlreadyUndone", importId, r.GetString(0), r.GetFieldValue<DateTimeOffset>(2).UtcDateTime));
            if (!r.IsDBNull(3))
                throw new UndoRefusedException(new("Undo.Retained", importId, r.GetString(0), r.GetFieldValue<DateTimeOffset>(3).UtcDateTime));
            if (r.GetInt32(1) > 0)
                throw new UndoRefusedException(new("Undo.Replaced", importId, r.GetString(0), r.GetInt32(1)));
        }

        // The import's rows leave the store, and what they added leaves the rollups: the same aggregate
        // the rebuild uses, over the deleted rows alone, so the work follows the import's size, not the store's.
        var rows = await RemoveResponsesAsync(connection, settings, "import_id = $1", [importId], ct);
        await StoreGeneration.BumpAsync(connection, ct);

        await using (var mark = new NpgsqlCommand("UPDATE imports SET undone_at = $2, undone_by = $3 WHERE id = $1", connection))
        {
            mark.Parameters.Add(new() { Value = importId });
            mark.Parameters.Add(new() { Value = clock.GetUtcNow() });
            mark.Parameters.Add(new() { Value = undoneBy.Length <= 200 ? undoneBy : undoneBy[..200] });
            await mark.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        if (changes is not null) await changes.RefreshAsync(CancellationToken.None); // this process's caches, at once
        return rows;
    }
}
