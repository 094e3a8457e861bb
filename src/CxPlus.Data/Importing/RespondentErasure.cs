using CxPlus.Data.League;
using CxPlus.Scoring;
using Npgsql;

namespace CxPlus.Data.Importing;

/// <summary>What an erasure removed: the respondent's rows, and where.</summary>
public sealed record ErasureResult(string Sector, string Brand, string Wave, int Rows);

/// <summary>
/// Erases one respondent (a data subject's request under the GDPR): their rows of one brand in one
/// wave leave the store, and what they added leaves the rollups and the driver groups, in one
/// transaction under the import lock, as an undo does for a whole import. The audit record names
/// the wave and brand but never the respondent's id: the trail must not keep what was erased.
/// </summary>
public sealed class RespondentErasure(NpgsqlDataSource dataSource, ScoringSettings settings, AuditLog audit, StoreChanges? changes = null)
{
    /// <exception cref="NotFoundException">No such wave, brand (or sector), or no respondent with that id there; nothing changed.</exception>
    public async Task<ErasureResult> EraseAsync(string wave, string? sector, string brand, string respondentId, string by, CancellationToken ct = default)
    {
        var target = $"a respondent of {brand} in {wave}";
        try
        {
            var result = await EraseCoreAsync(wave, sector, brand, respondentId, ct);
            await audit.RecordAsync(by, "erase-respondent", $"a respondent of {result.Brand} ({result.Sector}) in {result.Wave}",
                $"{result.Rows} row{(result.Rows == 1 ? "" : "s")} removed, rollups recomputed", ct: CancellationToken.None);
            return result;
        }
        catch (Exception e)
        {
            await audit.RecordAsync(by, "erase-respondent", target,
                $"refused or failed ({(e is NotFoundException ? "not found" : e.GetType().Name)}); nothing was changed", ct: CancellationToken.None);
            throw;
        }
    }

    private async Task<ErasureResult> EraseCoreAsync(string waveCode, string? sectorName, string brandName, string respondentId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ImportHistory.LockAsync(connection, ct);

        var (waveId, wave, retainedAt) = await WaveAsync(connection, waveCode, ct);
        var (brandId, brand, sector) = await BrandAsync(connection, sectorName, brandName, ct);
        if (retainedAt is { } at)
            throw new NotFoundException(new("NotFound.ErasedByRetention", wave, at.UtcDateTime));
        // The store holds pseudonyms: the id as the fieldwork file has it (or its pseudonym, from an export) finds its row.
        using var pseudonyms = await RespondentPseudonyms.ForStoreAsync(connection, ct);
        var rows = await ImportHistory.RemoveResponsesAsync(connection, settings, "wave_id = $1 AND brand_id = $2 AND respondent_id = $3",
            [waveId, brandId, pseudonyms.Of(respondentId.Trim())], ct);
        if (rows == 0) // nothing was removed, and the transaction is not committed
            throw new NotFoundException(new("NotFound.NoRespondent", brand, sector, wave));
        await StoreGeneration.BumpAsync(connection, ct);
        await transaction.CommitAsync(ct);
        if (changes is not null) await changes.RefreshAsync(CancellationToken.None); // this process's caches, at once
        return new ErasureResult(sector, brand, wave, rows);
    }

    private static async Task<(int Id, string Code, DateTimeOffset? RetainedAt)> WaveAsync(NpgsqlConnection connection, string code, CancellationToken ct)
    {
        // By the name rule, as every lookup (" w1 " is W1).
        await using var command = new NpgsqlCommand("SELECT id, code, retained_at FROM waves WHERE code_key = $1", connection);
        command.Parameters.Add(new() { Value = Names.Key(code) });
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? (r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2))
            : throw new NotFoundException(new("NotFound.Wave", Names.Printable(code)));
    }

    /// <summary>The brand by name (in the sector, when given); a name in several sectors needs the sector.</summary>
    private static async Task<(int Id, string Name, string Sector)> BrandAsync(NpgsqlConnection connection, string? sector, string brand, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT b.id, b.name, s.name FROM brands b JOIN sectors s ON s.id = b.sector_id
            WHERE b.name_key = $1 AND ($2::text IS NULL OR s.name_key = $2) ORDER BY s.name_key
            """, connection);
        command.Parameters.Add(new() { Value = Names.Key(brand) });
        command.Parameters.Add(new() { Value = sector is null ? DBNull.Value : Names.Key(sector), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var found = new List<(int, string, string)>();
        await using (var r = await command.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) found.Add((r.GetInt32(0), r.GetString(1), r.GetString(2)));
        return found switch
        {
            [var one] => one,
            [] => throw new NotFoundException(sector is null
                ? new("NotFound.Brand", Names.Printable(brand))
                : new("NotFound.BrandIn", Names.Printable(brand), Names.Printable(sector))),
            _ => throw new NotFoundException(new("NotFound.BrandInSeveral", Names.Printable(brand), found.Select(f => (object)f.Item3).ToList())),
        };
    }
}
