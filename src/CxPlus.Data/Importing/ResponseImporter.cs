using System.Globalization;
using System.Text;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using Npgsql;
using NpgsqlTypes;

namespace CxPlus.Data.Importing;

/// <summary>
/// Imports a response file (data-format.md) whole or not at all, in one transaction: an error,
/// a cancellation or a killed process leaves the store exactly as it was.
/// <para>
/// A plain import first tries the one-pass path: one read that hashes, parses, validates and
/// binary-COPYs every row while summing the rollups and checking, in the client, that no
/// respondent repeats within a (wave, brand). When the client cannot vouch for that (a file not
/// grouped by wave and brand, the usual delivery from fieldwork; a (wave, brand) that already holds
/// responses) the copy goes on, and one set-wise query in PostgreSQL checks the copied rows with
/// the stored ones of the same (wave, brand)s before commit. At any trouble (an invalid row, a
/// repeated respondent, bytes imported before) it rolls back and hands the file to the careful
/// path, which validates every row, finds duplicate and existing respondents set-wise and names
/// every problem; a replace always takes the careful path, because it must delete before it
/// copies. Memory does not grow with the file on either path.
/// <para>
/// <c>responses</c> has no primary key (ADR 0006): these two paths are what keep respondent_id
/// unique per (wave, brand), and the import lock keeps them from racing each other.
/// </para>
/// </para>
/// </summary>
public sealed class ResponseImporter(NpgsqlDataSource dataSource, ScoringSettings settings, TimeProvider clock, AuditLog? audit = null,
    StoreChanges? changes = null)
{
    private readonly AuditLog _audit = audit ?? new AuditLog(dataSource, clock);

    /// <summary>Test seam: runs after the rows are copied, before commit (fault injection).</summary>
    internal Func<CancellationToken, Task>? AfterCopy { get; set; }

    /// <summary>Test seam: how many rows the one-pass path hashes before it leaves the check to the store.</summary>
    internal int RespondentHashCapacity { get; set; } = RespondentHashes.DefaultCapacity;

    /// <summary>Test seam: which path the last import took.</summary>
    internal ImportPath LastPath { get; private set; }

    internal enum ImportPath
    {
        /// <summary>One pass; respondents proved unique in the client (into new (wave, brand)s).</summary>
        OnePass,
        /// <summary>One pass; respondents proved unique by a query over the copied and stored rows (a (wave, brand) held data, or the client could not tell).</summary>
        OnePassCheckedInStore,
        /// <summary>Validate everything, check set-wise, then copy (refused files, replaces).</summary>
        Careful,
    }

    public async Task<ImportResult> ImportAsync(string path, ImportOptions options, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await ImportAsync(file, options, cancellationToken);
    }

    /// <summary>Imports from a seekable stream (a refused or replacing import reads it more than once).</summary>
    public async Task<ImportResult> ImportAsync(Stream file, ImportOptions options, CancellationToken cancellationToken = default)
    {
        if (!file.CanSeek) throw new ArgumentException("The importer may read the file more than once; give it a seekable stream (a file).", nameof(file));
        LastPath = ImportPath.Careful;
        ImportResult result;
        try
        {
            if (!options.Replace && await TryFastAsync(file, options, cancellationToken) is { } imported)
            {
                result = imported;
            }
            else
            {
                LastPath = ImportPath.Careful;
                file.Seek(0, SeekOrigin.Begin);
                result = await CarefulAsync(file, options, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && StoreUnavailableException.IsConnectionLoss(e))
        {
            // The transaction never committed: say that, not Npgsql's view of a dead COPY stream.
            Count(options, "failed");
            await TryAuditAsync(options, "failed: lost the connection to the database; nothing was changed");
            throw new StoreUnavailableException(
                $"The import of {options.FileName} lost the connection to the database ({e.Message.TrimEnd('.')}); nothing was changed. Check that PostgreSQL is running, then import the file again.", e);
        }
        catch (Exception e)
        {
            Count(options, "failed");
            await TryAuditAsync(options, $"failed ({(e is OperationCanceledException ? "cancelled" : e.GetType().Name)}); nothing was changed");
            throw;
        }
        // Who, what and the outcome; counts only, never a respondent's data. A check (preview) is not an import.
        Count(options, result.Succeeded ? "imported" : "refused", result.Summary);
        if (!options.Preview)
            await _audit.RecordAsync(options.ImportedBy, options.Replace ? "import-replace" : "import", options.FileName, result.Summary is { } s
                ? string.Create(CultureInfo.InvariantCulture, $"imported as import {s.ImportId}: {s.CustomerRows} customer and {s.ProspectRows} prospect rows, {s.ReplacedRows} replaced")
                : string.Create(CultureInfo.InvariantCulture, $"refused with {result.ProblemCount} problems; nothing was changed"), ct: CancellationToken.None);
        return result;
    }

    /// <summary>The import's outcome and rows for the metrics (<see cref="CxPlusMetrics"/>); a check (preview) is not an import.</summary>
    private static void Count(ImportOptions options, string outcome, ImportSummary? imported = null)
    {
        if (options.Preview) return;
        CxPlusMetrics.Imports.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (imported is null) return;
        CxPlusMetrics.ImportedRows.Add(imported.CustomerRows, new KeyValuePair<string, object?>("role", "customer"));
        CxPlusMetrics.ImportedRows.Add(imported.ProspectRows, new KeyValuePair<string, object?>("role", "prospect"));
    }

    private async Task TryAuditAsync(ImportOptions options, string outcome)
    {
        if (options.Preview) return;
        // With the database gone the row cannot be written; the audit log line is written anyway.
        await _audit.RecordAsync(options.ImportedBy, "import", options.FileName, outcome, ct: CancellationToken.None);
    }

    /// <summary>The fast path; null when the file needs the careful path (nothing is kept of this attempt).</summary>
    private async Task<ImportResult?> TryFastAsync(Stream file, ImportOptions options, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, ct);
        var store = await KnownEntities.LoadAsync(connection, ct);
        var importId = await InsertImportAsync(connection, options, ct);
        using var pseudonyms = await RespondentPseudonyms.ForStoreAsync(connection, ct);

        using var hashing = new HashingStream(file);
        var problems = new ProblemList();
        using var reader = ResponseFileReader.Open(hashing, settings, problems, options.Language);
        if (reader is null) return null;
        await UseStoredSpellingsAsync(connection, reader, ct);
        RowCopy copied;
        var respondents = new GroupedRespondents();
        try
        {
            copied = await CopyRowsAsync(connection, reader, problems, store, importId, pseudonyms, respondents, ct);
        }
        catch (Exception e) when (e is PostgresException or DecoderFallbackException)
        {
            return null; // e.g. a value a check constraint refuses: the careful path says which and where
        }
        if (copied.Rows == 0 || problems.Any) return null;
        var pairs = copied.Rollups.Keys.Select(k => (k.WaveId, k.BrandId)).Distinct().ToArray();
        if (pairs.Any(p => store.RetainedAt(p.WaveId) is not null)) return null; // the careful path names the closed waves
        // Within the file the client proved respondents unique (grouped, or by their hashes), or the
        // store checks every pair; pairs that held responses before are checked against them.
        var check = copied.ProvedUniqueInFile ? pairs.Where(store.ExistedBefore).ToArray() : pairs;
        if (check.Length > 0)
        {
            if (await AnyRepeatAsync(connection, check, ct)) return null; // the careful path names each repeat with its lines
            LastPath = ImportPath.OnePassCheckedInStore;
        }
        else LastPath = ImportPath.OnePass;

        var sha256 = hashing.Sha256();
        if (await FindImportBySha(connection, sha256, ct) is not null) return null;
        IReadOnlyList<Sentence> warnings = [.. IgnoredColumnsWarning(reader), .. ProspectLensWarning(copied), .. copied.Segments.Warnings()];
        var summary = await FinishAsync(connection, options, importId, sha256, store, copied, (0, []), warnings, ct);
        if (!options.Preview) await CommitAsync(transaction, ct); // a preview is rolled back when the transaction is disposed
        return new ImportResult(summary, [], 0, warnings);
    }

    /// <summary>A file with segments takes the store's spelling of those it holds; a file without asks nothing of the store.</summary>
    private static async Task UseStoredSpellingsAsync(NpgsqlConnection connection, ResponseFileReader reader, CancellationToken ct)
    {
        if (reader.Segments.Count > 0) reader.UseStoredSpellings(await SegmentRollups.SpellingsAsync(connection, ct));
    }

    /// <summary>Commits, then tells this process's caches at once (other instances hear the bump's notification).</summary>
    private async Task CommitAsync(NpgsqlTransaction transaction, CancellationToken ct)
    {
        await transaction.CommitAsync(ct);
        if (changes is not null) await changes.RefreshAsync(CancellationToken.None);
    }

    /// <summary>The careful path: every check first, set-wise; only a clean file is copied (pass 2).</summary>
    private async Task<ImportResult> CarefulAsync(Stream file, ImportOptions options, CancellationToken ct)
    {
        var problems = new ProblemList();
        var (sha256, unreadable) = await FileScan.ScanAsync(file, ct);
        if (unreadable is not null)
        {
            problems.Add(unreadable);
            return ImportResult.Refused(problems, []);
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, ct);
        if (await FindImportBySha(connection, sha256, ct) is { } earlier)
        {
            problems.Add(new(null, null, earlier));
            return ImportResult.Refused(problems, []);
        }

        var store = await KnownEntities.LoadAsync(connection, ct);
        using var pseudonyms = await RespondentPseudonyms.ForStoreAsync(connection, ct);
        var pass1 = await ValidateAsync(connection, file, problems, pseudonyms, ct);
        if (pass1 is null) return ImportResult.Refused(problems, []);
        RetainedWaves(pass1.Pairs, store, problems);
        var existing = pass1.Pairs.Select(store.Find).ToArray();
        await FindDuplicatesAsync(connection, pass1.Pairs, problems, ct);
        if (!options.Replace) await FindExistingAsync(connection, pass1.Pairs, existing, problems, ct);
        if (pass1.Rows == 0 && !problems.Any) problems.Add(new(null, null, new("Import.NoDataRows")));
        if (problems.Any) return ImportResult.Refused(problems, pass1.Warnings);

        // Pass 2: the file is clean. Everything below happens in the same transaction.
        var importId = await InsertImportAsync(connection, options, ct);
        var replaced = options.Replace ? await DeleteReplacedAsync(connection, existing, ct) : (0, Array.Empty<long>());
        // The checks above hold for the bytes pass 1 read: pass 2 hashes what it copies and
        // refuses to commit anything else (nothing else in the database would catch a repeat).
        file.Seek(0, SeekOrigin.Begin);
        using var hashing = new HashingStream(file);
        var recheck = new ProblemList();
        using var reader = ResponseFileReader.Open(hashing, settings, recheck, options.Language) ?? throw FileChanged();
        await UseStoredSpellingsAsync(connection, reader, ct);
        var copied = await CopyRowsAsync(connection, reader, recheck, store, importId, pseudonyms, respondents: null, ct);
        if (recheck.Any || hashing.Sha256() != sha256) throw FileChanged();
        IReadOnlyList<Sentence> warnings = [.. pass1.Warnings, .. ProspectLensWarning(copied), .. copied.Segments.Warnings()];
        var summary = await FinishAsync(connection, options, importId, sha256, store, copied, replaced, warnings, ct);
        if (!options.Preview) await CommitAsync(transaction, ct); // a preview is rolled back when the transaction is disposed
        return new ImportResult(summary, [], 0, warnings);
    }

    /// <summary>
    /// The Six Pillars and the KEI are customers' questions (methodology steps 24–25): prospects'
    /// answers are stored with their rows but scored nowhere, and the data manager is told so.
    /// </summary>
    private static IEnumerable<Sentence> ProspectLensWarning(RowCopy copied)
    {
        var prospects = copied.Rollups.Where(r => r.Key.Role == Role.Prospect).Select(r => r.Value.Build()).ToList();
        var pillars = prospects.Sum(s => s.Pillars.Score.N + s.Pillars.Incomplete);
        var kei = prospects.Sum(s => s.Kei.Score.N);
        if (pillars > 0 && kei > 0) yield return new("Import.ProspectPillarsKei", pillars, kei);
        else if (pillars > 0) yield return new("Import.ProspectPillars", pillars);
        else if (kei > 0) yield return new("Import.ProspectKei", kei);
    }

    /// <summary>
    /// A wave whose respondent rows retention removed is closed: its published numbers (rollups and
    /// frozen key drivers) cannot take more rows, and its stored respondents cannot be checked for repeats.
    /// </summary>
    private static void RetainedWaves(IReadOnlyList<BrandWaveKey> pairs, KnownEntities store, ProblemList problems)
    {
        foreach (var wave in pairs.Select(p => p.Wave).Distinct(Names.Comparer))
            if (store.RetainedAt(wave) is { } at)
                problems.Add(new(null, null, new("Import.WaveClosed", wave, at.UtcDateTime)));
    }

    private static InvalidOperationException FileChanged() => new("The file changed while it was being imported; nothing was changed. Import it again.");

    /// <summary>What a COPY did; <c>ProvedUniqueInFile</c> when the client proved that no respondent repeats within a (wave, brand) of the file.</summary>
    private sealed record RowCopy(int Rows, int Customers, int Prospects, Dictionary<RollupKey, RoleStatisticsBuilder> Rollups,
        Dictionary<(int WaveId, int BrandId), DriverGroupsBuilder> DriverGroups, FileSegments Segments, bool ProvedUniqueInFile = false)
    {
        /// <summary>The comments copied and the personal data removed from them (step 28); null for a file without a comment column.</summary>
        public CommentSummary? Comments { get; init; }
    }

    /// <summary>
    /// Binary COPY of every row into responses, summing each (brand, wave, role) on the way.
    /// Stops at the first invalid row (the problem is in <paramref name="problems"/>). With
    /// <paramref name="respondents"/>, proves respondents unique within the file if it can: by
    /// groups for a grouped file, else by the rows' hashes (<see cref="RespondentHashes"/>).
    /// </summary>
    private async Task<RowCopy> CopyRowsAsync(NpgsqlConnection connection, ResponseFileReader reader, ProblemList problems,
        KnownEntities store, long importId, RespondentPseudonyms pseudonyms, GroupedRespondents? respondents, CancellationToken ct)
    {
        var rollups = new Dictionary<RollupKey, RoleStatisticsBuilder>();
        var groups = new Dictionary<(int WaveId, int BrandId), DriverGroupsBuilder>();
        var segments = new FileSegments(reader.Segments, reader.Categories, settings);
        int customers = 0, prospects = 0;
        var row = new ParsedRow();
        // Files are sorted by wave and brand in practice; the reader reuses the previous row's
        // strings, so a reference check skips the case-insensitive lookup for most rows. A file
        // that is not sorted names the same few (wave, sector, brand)s in fresh strings: an exact
        // (ordinal) map in front of the name rule's lookup keeps that to one lookup per spelling.
        string? lastWave = null, lastSector = null, lastBrand = null;
        (int WaveId, int BrandId) ids = default;
        var spelled = new Dictionary<(string, string, string), (int WaveId, int BrandId)>();
        var grouped = respondents is not null;
        var hashes = respondents is not null ? new RespondentHashes(RespondentHashCapacity) : null;
        bool Proved() => grouped || hashes is { Holds: true } && !hashes.MayRepeat();

        await using var copy = await ResponseCopyWriter.BeginAsync(connection, pseudonyms, reader.Segments, ct);
        while (reader.Read(row))
        {
            if (!row.Valid || problems.Any) return new RowCopy(customers + prospects, customers, prospects, rollups, groups, segments);
            if (((customers + prospects) & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            if (!ReferenceEquals(row.Wave, lastWave) || !ReferenceEquals(row.Sector, lastSector) || !ReferenceEquals(row.Brand, lastBrand))
            {
                if (!spelled.TryGetValue((row.Wave, row.Sector, row.Brand), out ids))
                    spelled[(row.Wave, row.Sector, row.Brand)] = ids = store.Resolve(new BrandWaveKey(row.Wave, row.Sector, row.Brand));
                (lastWave, lastSector, lastBrand) = (row.Wave, row.Sector, row.Brand);
            }
            // Within the file the fieldwork ids are compared (one id, one pseudonym); the store compares pseudonyms.
            if (grouped && !respondents!.TryAdd(ids, row.FieldworkId)) grouped = false; // not grouped (or a repeat): the hashes tell
            hashes?.Add(ids, row.FieldworkId);
            // The group follows the fieldwork id, as before pseudonyms: the same respondents, the same groups.
            var group = RespondentGroups.Of(row.FieldworkId);
            await copy.WriteAsync(ids.WaveId, ids.BrandId, importId, row, group, ct);

            if (row.Role == Role.Customer) customers++; else prospects++;
            segments.Add(ids, row);
            var key = new RollupKey(ids.WaveId, ids.BrandId, row.Role);
            if (!rollups.TryGetValue(key, out var builder)) rollups[key] = builder = new RoleStatisticsBuilder(settings);
            builder.Add(row.Ratings, row.Weight, row.Nps, row.Csat, row.Ces);
            builder.AddLenses(row.Pillars, row.Kei, row.Weight, row.Nps);
            if (row.Role == Role.Customer && row.Nps is not null)
            {
                if (!groups.TryGetValue(ids, out var driverGroups)) groups[ids] = driverGroups = new DriverGroupsBuilder(settings);
                driverGroups.Add(group, row.Ratings, row.Pillars, row.Weight, row.Nps);
            }
        }
        // Comments are made searchable just after the commit (CommentSearch); until then the import is named as pending.
        if (!problems.Any && await copy.CompleteAsync(ct))
        {
            await using var pending = new NpgsqlCommand("UPDATE imports SET comments_pending = true WHERE id = $1", connection);
            pending.Parameters.Add(new() { Value = importId });
            await pending.ExecuteNonQueryAsync(ct);
        }
        return new RowCopy(customers + prospects, customers, prospects, rollups, groups, segments, hashes is not null && Proved())
        {
            Comments = reader.HasComments ? new CommentSummary(reader.Comments, reader.Redactions.OrderBy(r => r.Key).ToDictionary()) : null,
        };
    }

    /// <summary>
    /// Whether a respondent appears more than once in any of the file's (wave, brand)s, counting the
    /// rows just copied and those stored before: one set-wise query, inside the import's transaction
    /// and under the import lock, so nothing can slip in between. Memory for the hash of a million
    /// ids is given to this transaction only (it would spill to disk at PostgreSQL's default).
    /// </summary>
    private static async Task<bool> AnyRepeatAsync(NpgsqlConnection connection, (int WaveId, int BrandId)[] pairs, CancellationToken ct)
    {
        await ExecuteAsync(connection, "SET LOCAL work_mem = '256MB'", ct);
        await using var command = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM responses r JOIN unnest($1::int[], $2::int[]) AS p(wave_id, brand_id)
                             ON r.wave_id = p.wave_id AND r.brand_id = p.brand_id
                           GROUP BY r.wave_id, r.brand_id, r.respondent_id HAVING count(*) > 1)
            """, connection);
        command.Parameters.AddPairs(pairs);
        command.CommandTimeout = 0; // a large file's check takes as long as it takes; the import's own cancellation still applies
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>After the COPY: new entities, rollups, the import record's final figures.</summary>
    private async Task<ImportSummary> FinishAsync(NpgsqlConnection connection, ImportOptions options, long importId, string sha256,
        KnownEntities store, RowCopy copied, (int Rows, long[] Imports) replaced, IReadOnlyList<Sentence> warnings, CancellationToken ct)
    {
        var created = await store.InsertNewAsync(connection, ct);
        var added = copied.Rollups.ToDictionary(r => r.Key, r => r.Value.Build());
        await RoleRollups.AddAsync(connection, added, ct);
        await SegmentRollups.AddAsync(connection, copied.Segments.Statistics(), ct);
        await DriverGroups.AddAsync(connection, copied.DriverGroups
            .SelectMany(b => b.Value.Build().Select(g => KeyValuePair.Create(new DriverGroupKey(b.Key.WaveId, b.Key.BrandId, g.Key), g.Value)))
            .ToDictionary(), ct);
        await StoreGeneration.BumpAsync(connection, ct);
        var brands = await PreviewBrandsAsync(connection, store, added, ct);
        if (AfterCopy is not null) await AfterCopy(ct);

        await using (var update = new NpgsqlCommand("""
            UPDATE imports SET sha256 = $2, customer_rows = $3, prospect_rows = $4, created_sectors = $5, created_brands = $6,
                               created_waves = $7, replaced_rows = $8, replaced_imports = $9, warnings = $10
            WHERE id = $1
            """, connection))
        {
            // The import record keeps its warnings in English, as the log does.
            foreach (var value in new object[] { importId, sha256, copied.Customers, copied.Prospects, created.Sectors.ToArray(),
                         created.Brands.ToArray(), created.Waves.ToArray(), replaced.Rows, replaced.Imports, warnings.Select(w => w.ToString()).ToArray() })
                update.Parameters.Add(new() { Value = value });
            await update.ExecuteNonQueryAsync(ct);
        }
        return new ImportSummary(importId, options.FileName, sha256, copied.Customers, copied.Prospects, created.Sectors, created.Brands,
            created.Waves, replaced.Rows, replaced.Imports, warnings, brands, store.LookAlikes(), copied.Segments.Preview(store)) { Comments = copied.Comments };
    }

    /// <summary>Per (wave, brand) of the file: its rows, and its bases and rank once the import is in (read inside the import's transaction).</summary>
    private async Task<IReadOnlyList<BrandPreview>> PreviewBrandsAsync(NpgsqlConnection connection, KnownEntities store,
        Dictionary<RollupKey, RoleStatistics> added, CancellationToken ct)
    {
        var pairs = added.Keys.Select(k => (k.WaveId, k.BrandId)).Distinct().ToArray();
        var after = await RoleRollups.ReadPairsAsync(connection, pairs, ct);
        long Rows(RollupKey key) => added.TryGetValue(key, out var s) ? s.Qualifying + s.Incomplete : 0;
        WeightedSums Qualifying(RollupKey key) => after.TryGetValue(key, out var s) ? s.Composite : default;
        return [.. pairs.Select(pair =>
        {
            var (wave, sector, brand) = store.Describe(pair);
            var customers = Qualifying(new(pair.WaveId, pair.BrandId, Role.Customer));
            var prospects = Qualifying(new(pair.WaveId, pair.BrandId, Role.Prospect));
            var shortfalls = Eligibility.Shortfalls((customers.N, customers.EffectiveBase), (prospects.N, prospects.EffectiveBase), settings);
            return new BrandPreview(wave, sector, brand, (int)Rows(new(pair.WaveId, pair.BrandId, Role.Customer)), (int)Rows(new(pair.WaveId, pair.BrandId, Role.Prospect)),
                customers.N, prospects.N, shortfalls);
        }).OrderBy(b => b.Wave, StringComparer.Ordinal).ThenBy(b => b.Sector, StringComparer.OrdinalIgnoreCase).ThenBy(b => b.Brand, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>What a preview's rows carry as their import (no import record exists for it).</summary>
    private const long PreviewImportId = 0;

    private sealed record Pass1(IReadOnlyList<BrandWaveKey> Pairs, int Rows, IReadOnlyList<Sentence> Warnings);

    private static Sentence[] IgnoredColumnsWarning(ResponseFileReader reader) => reader.IgnoredColumns.Count > 0
        ? [new("Import.IgnoredColumns", reader.IgnoredColumns)]
        : [];

    /// <summary>Careful pass 1: validate every row; COPY each well-formed key into a temporary table for the set-wise checks.</summary>
    private async Task<Pass1?> ValidateAsync(NpgsqlConnection connection, Stream file, ProblemList problems, RespondentPseudonyms pseudonyms, CancellationToken ct)
    {
        using var reader = ResponseFileReader.Open(file, settings, problems);
        if (reader is null) return null;

        await ExecuteAsync(connection, "CREATE TEMP TABLE import_keys (pair int NOT NULL, respondent_id text NOT NULL, line int NOT NULL, fieldwork_id text NOT NULL) ON COMMIT DROP", ct);
        var pairs = new List<BrandWaveKey>();
        var index = new Dictionary<BrandWaveKey, int>(BrandWaveKey.Comparer);
        var rows = 0;
        var row = new ParsedRow();
        await using (var keys = await connection.BeginBinaryImportAsync("COPY import_keys (pair, respondent_id, line, fieldwork_id) FROM STDIN (FORMAT BINARY)", ct))
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
                keys.StartRow();
                keys.Write(pair, NpgsqlDbType.Integer);
                keys.Write(pseudonyms.Of(row.FieldworkId), NpgsqlDbType.Text);
                keys.Write(row.Line, NpgsqlDbType.Integer);
                keys.Write(row.FieldworkId, NpgsqlDbType.Text); // for the messages: the store compares pseudonyms
            }
            await keys.CompleteAsync(ct);
        }
        return new Pass1(pairs, rows, IgnoredColumnsWarning(reader));
    }

    private static async Task FindDuplicatesAsync(NpgsqlConnection connection, IReadOnlyList<BrandWaveKey> pairs, ProblemList problems, CancellationToken ct)
    {
        const string sql = """
            SELECT k.line, k.fieldwork_id, k.pair, d.first_line, d.n
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
            problems.Add(new(r.GetInt32(0), null, new(r.GetInt64(4) == 2 ? "Import.RepeatedTwice" : "Import.RepeatedTimes", r.GetString(1), key.Brand, key.Wave, r.GetInt32(3), r.GetInt64(4)),
                KindText: new("Import.RepeatedKind", key.Brand, key.Wave)));
        }
    }

    private static async Task FindExistingAsync(NpgsqlConnection connection, IReadOnlyList<BrandWaveKey> pairs,
        (int WaveId, int BrandId)?[] existing, ProblemList problems, CancellationToken ct)
    {
        var known = Enumerable.Range(0, pairs.Count).Where(i => existing[i] is not null).ToArray();
        if (known.Length == 0) return;
        // Every stored respondent the file repeats, in one pass: the first thousand listed with
        // their lines and imports, all of them counted per brand (a whole wave imported twice is
        // one problem a thousand times over, and the summary says so).
        const string sql = """
            WITH m AS (SELECT * FROM unnest($1::int[], $2::int[], $3::int[]) AS m(pair, wave_id, brand_id)),
            found AS (
              SELECT k.line, k.fieldwork_id, k.pair, r.import_id FROM import_keys k
              JOIN m ON m.pair = k.pair
              JOIN responses r ON r.wave_id = m.wave_id AND r.brand_id = m.brand_id AND r.respondent_id = k.respondent_id)
            SELECT f.line, f.fieldwork_id, f.pair, f.import_id, i.file_name, i.imported_at, count(*) OVER (PARTITION BY f.pair)
            FROM found f JOIN imports i ON i.id = f.import_id
            ORDER BY f.line
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = known });
        command.Parameters.Add(new() { Value = known.Select(i => existing[i]!.Value.WaveId).ToArray() });
        command.Parameters.Add(new() { Value = known.Select(i => existing[i]!.Value.BrandId).ToArray() });
        var counted = new Dictionary<int, (int Total, int Listed)>();
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var pair = r.GetInt32(2);
                var (total, listed) = counted.GetValueOrDefault(pair, ((int)r.GetInt64(6), 0));
                if (problems.Items.Count < ProblemList.Capacity)
                {
                    var key = pairs[pair];
                    problems.Add(new(r.GetInt32(0), null,
                        new("Import.AlreadyStored", r.GetString(1), key.Brand, key.Wave, r.GetInt64(3), r.GetString(4), r.GetFieldValue<DateTimeOffset>(5).UtcDateTime),
                        KindText: StoredKind(key)));
                    listed++;
                }
                counted[pair] = (total, listed);
            }
        }
        foreach (var (pair, (total, listed)) in counted)
            problems.AddUnlisted(new ImportProblem(null, null, StoredKind(pairs[pair]), KindText: StoredKind(pairs[pair])), total - listed);
    }

    private static Sentence StoredKind(BrandWaveKey key) => new("Import.AlreadyStoredKind", key.Brand, key.Wave);

    /// <summary>
    /// The import record, first with a placeholder hash (the real one is known after the read) and
    /// zero counts. A preview (a check) has none: it would take a number from the sequence, which a
    /// rollback does not give back, and imports would be numbered 1, 5, 9.
    /// </summary>
    private async Task<long> InsertImportAsync(NpgsqlConnection connection, ImportOptions options, CancellationToken ct)
    {
        if (options.Preview) return PreviewImportId;
        await using var command = new NpgsqlCommand("""
            INSERT INTO imports (file_name, sha256, customer_rows, prospect_rows, created_sectors, created_brands, created_waves,
                                 replaced_rows, replaced_imports, warnings, imported_by, imported_at)
            VALUES ($1, $2, 0, 0, '{}', '{}', '{}', 0, '{}', '{}', $3, $4) RETURNING id
            """, connection);
        command.Parameters.Add(new() { Value = Truncate(options.FileName, 500) });
        command.Parameters.Add(new() { Value = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N") });
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
        await using var delete = new NpgsqlCommand("""
            WITH d AS (DELETE FROM responses r USING unnest($1::int[], $2::int[]) AS p(wave_id, brand_id)
                       WHERE r.wave_id = p.wave_id AND r.brand_id = p.brand_id RETURNING r.import_id)
            SELECT import_id, count(*) FROM d GROUP BY import_id ORDER BY import_id
            """, connection);
        delete.Parameters.AddPairs(pairs);
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
        await using (var comments = new NpgsqlCommand("""
            DELETE FROM comments c USING unnest($1::int[], $2::int[]) AS p(wave_id, brand_id)
            WHERE c.wave_id = p.wave_id AND c.brand_id = p.brand_id
            """, connection))
        {
            comments.Parameters.AddPairs(pairs);
            await comments.ExecuteNonQueryAsync(ct);
        }
        await RoleRollups.DeleteAsync(connection, pairs, ct);
        await SegmentRollups.DeleteAsync(connection, pairs, ct);
        await DriverGroups.DeleteAsync(connection, pairs, ct);
        return (rows, [.. imports]);
    }

    private static async Task<Sentence?> FindImportBySha(NpgsqlConnection connection, string sha256, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT id, file_name, imported_at, imported_by FROM imports WHERE sha256 = $1 AND undone_at IS NULL", connection);
        command.Parameters.Add(new() { Value = sha256 });
        await using var r = await command.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new Sentence("Import.AlreadyImported", r.GetInt64(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2).UtcDateTime, r.GetString(3));
    }

    private static Task LockAsync(NpgsqlConnection connection, CancellationToken ct) => ImportHistory.LockAsync(connection, ct);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
