using System.Globalization;
using CxPlus.Scoring;
using Npgsql;
using NpgsqlTypes;

namespace CxPlus.Data.Importing;

/// <summary>
/// Imports a response file (data-format.md) whole or not at all. Pass 1 validates every row
/// and finds duplicate and existing respondents set-wise in PostgreSQL; only a clean file gets
/// pass 2, which creates sectors, brands and waves, binary-COPYs the rows and updates the rollups.
/// Both passes run in one transaction: an error, a cancellation or a killed process leaves the
/// store exactly as it was. Memory use does not depend on the file's size.
/// </summary>
public sealed class ResponseImporter(NpgsqlDataSource dataSource, ScoringSettings settings, TimeProvider clock)
{
    /// <summary>Serialises imports (pg_advisory_xact_lock key): each sees the store the previous one left.</summary>
    private const long ImportLock = 0x43_58_50_4C_55_53; // "CXPLUS"

    /// <summary>Test seam: runs after the rows are copied, before commit (fault injection).</summary>
    internal Func<CancellationToken, Task>? AfterCopy { get; set; }

    public async Task<ImportResult> ImportAsync(string path, ImportOptions options, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await ImportAsync(file, options, cancellationToken);
    }

    /// <summary>Imports from a seekable stream (read twice: once to validate, once to copy).</summary>
    public async Task<ImportResult> ImportAsync(Stream file, ImportOptions options, CancellationToken cancellationToken = default)
    {
        if (!file.CanSeek) throw new ArgumentException("The importer reads the file twice; give it a seekable stream (a file).", nameof(file));
        var problems = new ProblemList();
        var (sha256, unreadable) = await FileScan.ScanAsync(file, cancellationToken);
        if (unreadable is not null)
        {
            problems.Add(unreadable);
            return ImportResult.Refused(problems, []);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_xact_lock({ImportLock})", cancellationToken);

        var earlier = await FindImportBySha(connection, sha256, cancellationToken);
        if (earlier is not null)
        {
            problems.Add(new(null, null, $"these exact bytes were already imported as {earlier}; nothing was changed"));
            return ImportResult.Refused(problems, []);
        }

        var store = await KnownEntities.LoadAsync(connection, cancellationToken);
        var pass1 = await ValidateAsync(connection, file, problems, cancellationToken);
        if (pass1 is null) return ImportResult.Refused(problems, []);

        var existing = pass1.Pairs.Select(p => store.Find(p)).ToArray();
        await FindDuplicatesAsync(connection, pass1.Pairs, problems, cancellationToken);
        if (!options.Replace) await FindExistingAsync(connection, pass1.Pairs, existing, problems, cancellationToken);
        if (pass1.Rows == 0 && !problems.Any) problems.Add(new(null, null, "the header has no data rows below it"));
        if (problems.Any) return ImportResult.Refused(problems, pass1.Warnings);

        // Pass 2: the file is clean. Everything below happens in the same transaction.
        var created = await store.CreateMissingAsync(connection, pass1.Pairs, cancellationToken);
        var ids = pass1.Pairs.Select(p => store.Find(p)!.Value).ToArray();
        var importId = await InsertImportAsync(connection, options, sha256, created, pass1.Warnings, cancellationToken);
        var (replacedRows, replacedImports) = options.Replace ? await DeleteReplacedAsync(connection, existing, cancellationToken) : (0, []);

        file.Seek(0, SeekOrigin.Begin);
        var (rollups, customers, prospects) = await CopyRowsAsync(connection, file, importId, pass1.PairIndex, ids, cancellationToken);
        await RoleRollups.AddAsync(connection, rollups, cancellationToken);
        if (AfterCopy is not null) await AfterCopy(cancellationToken);

        await using (var update = new NpgsqlCommand(
            "UPDATE imports SET customer_rows = $2, prospect_rows = $3, replaced_rows = $4, replaced_imports = $5 WHERE id = $1", connection))
        {
            update.Parameters.Add(new() { Value = importId });
            update.Parameters.Add(new() { Value = customers });
            update.Parameters.Add(new() { Value = prospects });
            update.Parameters.Add(new() { Value = replacedRows });
            update.Parameters.Add(new() { Value = replacedImports });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        return new ImportResult(
            new ImportSummary(importId, options.FileName, sha256, customers, prospects, created.Sectors, created.Brands, created.Waves,
                replacedRows, replacedImports, pass1.Warnings),
            [], 0, pass1.Warnings);
    }

    private sealed record Pass1(IReadOnlyList<BrandWaveKey> Pairs, Dictionary<BrandWaveKey, int> PairIndex, int Rows, IReadOnlyList<string> Warnings);

    /// <summary>Pass 1: validate every row; COPY each well-formed key into a temporary table for the set-wise checks.</summary>
    private async Task<Pass1?> ValidateAsync(NpgsqlConnection connection, Stream file, ProblemList problems, CancellationToken ct)
    {
        using var reader = ResponseFileReader.Open(file, settings, problems);
        if (reader is null) return null;
        var warnings = reader.IgnoredColumns.Count > 0
            ? new[] { $"columns ignored (not part of the response format): {string.Join(", ", reader.IgnoredColumns)}" }
            : [];

        await Execute(connection, "CREATE TEMP TABLE import_keys (pair int NOT NULL, respondent_id text NOT NULL, line int NOT NULL) ON COMMIT DROP", ct);
        var pairs = new List<BrandWaveKey>();
        var index = new Dictionary<BrandWaveKey, int>(BrandWaveKey.Comparer);
        var rows = 0;
        var row = new ParsedRow();
        await using (var keys = await connection.BeginBinaryImportAsync("COPY import_keys (pair, respondent_id, line) FROM STDIN (FORMAT BINARY)", ct))
        {
            while (reader.Read(row))
            {
                rows++;
                if ((rows & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                if (!row.KeyValid) continue;
                var key = new BrandWaveKey(row.Wave, row.Sector, row.Brand);
                if (!index.TryGetValue(key, out var pair))
                {
                    pair = pairs.Count;
                    index.Add(key, pair);
                    pairs.Add(key);
                }
                await keys.StartRowAsync(ct);
                await keys.WriteAsync(pair, NpgsqlDbType.Integer, ct);
                await keys.WriteAsync(row.RespondentId, NpgsqlDbType.Text, ct);
                await keys.WriteAsync(row.Line, NpgsqlDbType.Integer, ct);
            }
            await keys.CompleteAsync(ct);
        }
        return new Pass1(pairs, index, rows, warnings);
    }

    private static async Task FindDuplicatesAsync(NpgsqlConnection connection, IReadOnlyList<BrandWaveKey> pairs, ProblemList problems, CancellationToken ct)
    {
        const string sql = """
            SELECT k.line, k.respondent_id, k.pair, d.first_line, d.n
            FROM import_keys k
            JOIN (SELECT pair, respondent_id, min(line) AS first_line, count(*) AS n
                  FROM import_keys GROUP BY pair, respondent_id HAVING count(*) > 1) d
              ON d.pair = k.pair AND d.respondent_id = k.respondent_id
            WHERE k.line <> d.first_line
            ORDER BY k.line
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var key = pairs[r.GetInt32(2)];
            var times = r.GetInt64(4) == 2 ? "twice" : $"{r.GetInt64(4)} times";
            problems.Add(new(r.GetInt32(0), null, string.Create(CultureInfo.InvariantCulture,
                $"respondent_id \"{r.GetString(1)}\" appears {times} for brand \"{key.Brand}\" in wave {key.Wave} (also line {r.GetInt32(3)})")));
        }
    }

    private static async Task FindExistingAsync(NpgsqlConnection connection, IReadOnlyList<BrandWaveKey> pairs,
        (int WaveId, int BrandId)?[] existing, ProblemList problems, CancellationToken ct)
    {
        var known = Enumerable.Range(0, pairs.Count).Where(i => existing[i] is not null).ToArray();
        if (known.Length == 0) return;
        const string sql = """
            SELECT k.line, k.respondent_id, k.pair, r.import_id, i.file_name, i.imported_at
            FROM import_keys k
            JOIN unnest($1::int[], $2::int[], $3::int[]) AS m(pair, wave_id, brand_id) ON m.pair = k.pair
            JOIN responses r ON r.wave_id = m.wave_id AND r.brand_id = m.brand_id AND r.respondent_id = k.respondent_id
            JOIN imports i ON i.id = r.import_id
            ORDER BY k.line
            LIMIT 1001
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = known });
        command.Parameters.Add(new() { Value = known.Select(i => existing[i]!.Value.WaveId).ToArray() });
        command.Parameters.Add(new() { Value = known.Select(i => existing[i]!.Value.BrandId).ToArray() });
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var key = pairs[r.GetInt32(2)];
            var when = r.GetFieldValue<DateTimeOffset>(5).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            problems.Add(new(r.GetInt32(0), null, string.Create(CultureInfo.InvariantCulture,
                $"respondent_id \"{r.GetString(1)}\" already exists for brand \"{key.Brand}\" in wave {key.Wave} from import {r.GetInt64(3)} ({r.GetString(4)}, {when}); import with replace to replace that wave's data for the brands in this file")));
        }
    }

    private async Task<long> InsertImportAsync(NpgsqlConnection connection, ImportOptions options, string sha256, CreatedEntities created,
        IReadOnlyList<string> warnings, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO imports (file_name, sha256, customer_rows, prospect_rows, created_sectors, created_brands, created_waves,
                                 replaced_rows, replaced_imports, warnings, imported_by, imported_at)
            VALUES ($1, $2, 0, 0, $3, $4, $5, 0, '{}', $6, $7, $8) RETURNING id
            """, connection);
        command.Parameters.Add(new() { Value = Truncate(options.FileName, 500) });
        command.Parameters.Add(new() { Value = sha256 });
        command.Parameters.Add(new() { Value = created.Sectors.ToArray() });
        command.Parameters.Add(new() { Value = created.Brands.ToArray() });
        command.Parameters.Add(new() { Value = created.Waves.ToArray() });
        command.Parameters.Add(new() { Value = warnings.ToArray() });
        command.Parameters.Add(new() { Value = Truncate(options.ImportedBy, 200) });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>--replace: removes the rows and rollups of the file's (wave, brand) pairs that already hold data.</summary>
    private static async Task<(int Rows, long[] Imports)> DeleteReplacedAsync(NpgsqlConnection connection, (int WaveId, int BrandId)?[] existing, CancellationToken ct)
    {
        var pairs = existing.Where(e => e is not null).Select(e => e!.Value).ToArray();
        if (pairs.Length == 0) return (0, []);
        var waves = pairs.Select(p => p.WaveId).ToArray();
        var brands = pairs.Select(p => p.BrandId).ToArray();
        await using var delete = new NpgsqlCommand("""
            WITH d AS (DELETE FROM responses r USING unnest($1::int[], $2::int[]) AS p(wave_id, brand_id)
                       WHERE r.wave_id = p.wave_id AND r.brand_id = p.brand_id RETURNING r.import_id)
            SELECT import_id, count(*) FROM d GROUP BY import_id ORDER BY import_id
            """, connection);
        delete.Parameters.Add(new() { Value = waves });
        delete.Parameters.Add(new() { Value = brands });
        var rows = 0;
        var imports = new List<long>();
        await using (var r = await delete.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                imports.Add(r.GetInt64(0));
                rows += (int)r.GetInt64(1);
            }
        }
        await using var rollups = new NpgsqlCommand("""
            DELETE FROM role_rollups x USING unnest($1::int[], $2::int[]) AS p(wave_id, brand_id)
            WHERE x.wave_id = p.wave_id AND x.brand_id = p.brand_id
            """, connection);
        rollups.Parameters.Add(new() { Value = waves });
        rollups.Parameters.Add(new() { Value = brands });
        await rollups.ExecuteNonQueryAsync(ct);
        return (rows, [.. imports]);
    }

    /// <summary>Pass 2: binary COPY of every row into responses, summing each (brand, wave, role) on the way.</summary>
    private async Task<(Dictionary<RollupKey, RoleStatistics> Rollups, int Customers, int Prospects)> CopyRowsAsync(
        NpgsqlConnection connection, Stream file, long importId, Dictionary<BrandWaveKey, int> pairIndex, (int WaveId, int BrandId)[] ids,
        CancellationToken ct)
    {
        var recheck = new ProblemList();
        using var reader = ResponseFileReader.Open(file, settings, recheck)
            ?? throw new InvalidOperationException("The file changed while it was being imported.");
        var rollups = new Dictionary<RollupKey, RoleStatistics>();
        int customers = 0, prospects = 0;
        var row = new ParsedRow();
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY responses (wave_id, brand_id, respondent_id, import_id, line, role,
                            clear_brand_promise, empowered_employees, empowered_customers, lasting_memories, exceptional_delivery,
                            weight, nps, csat, ces) FROM STDIN (FORMAT BINARY)
            """, ct);
        while (reader.Read(row))
        {
            if (!row.Valid || recheck.Any) throw new InvalidOperationException("The file changed while it was being imported.");
            if (((customers + prospects) & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            var (waveId, brandId) = ids[pairIndex[new BrandWaveKey(row.Wave, row.Sector, row.Brand)]];
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(waveId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(brandId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(row.RespondentId, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(importId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(row.Line, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync((short)row.Role, NpgsqlDbType.Smallint, ct);
            foreach (var rating in row.Ratings) await WriteNullable(copy, rating, ct);
            await copy.WriteAsync(row.Weight, NpgsqlDbType.Double, ct);
            await WriteNullable(copy, row.Nps, ct);
            await WriteNullable(copy, row.Csat, ct);
            await WriteNullable(copy, row.Ces, ct);

            if (row.Role == Role.Customer) customers++; else prospects++;
            var key = new RollupKey(waveId, brandId, row.Role);
            rollups[key] = (rollups.TryGetValue(key, out var s) ? s : RoleStatistics.Empty).Add(row.ToSurveyResponse(), settings);
        }
        await copy.CompleteAsync(ct);
        return (rollups, customers, prospects);
    }

    private static Task WriteNullable(NpgsqlBinaryImporter copy, short? value, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Smallint, ct) : copy.WriteNullAsync(ct);

    private static async Task<string?> FindImportBySha(NpgsqlConnection connection, string sha256, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT id, file_name, imported_at, imported_by FROM imports WHERE sha256 = $1", connection);
        command.Parameters.Add(new() { Value = sha256 });
        await using var r = await command.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"import {r.GetInt64(0)} ({r.GetString(1)}, {r.GetFieldValue<DateTimeOffset>(2):yyyy-MM-dd HH:mm} UTC by {r.GetString(3)})");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
