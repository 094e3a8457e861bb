using System.Globalization;
using CxPlus.Data;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Scoring.Lenses;
using Npgsql;

namespace CxPlus.Reports;

/// <summary>
/// A sector's responses in one wave, written in the import format (data-format.md), so the file
/// re-imports to the same numbers. Text that a spreadsheet would run as a formula gets an
/// apostrophe in front, which the importer removes (<see cref="SpreadsheetText"/>). The Six
/// Pillars and KEI columns are written when the wave's responses carry any. Streams rows; memory
/// does not grow with the wave.
/// </summary>
public static class ResponseExport
{
    private static readonly string[] Header =
        ["wave", "sector", "brand", "respondent_id", "role", .. SuccessFactors.All.Select(f => f.Key()), "weight", "nps", "csat", "ces"];

    private static readonly string[] LensColumns = [.. Lenses.Pillars.Select(p => p.Key), .. Lenses.KeiItems.Select(p => p.Key)];

    /// <summary>A sector and wave as stored, found before anything is written (a web response can still answer 404).</summary>
    public sealed record Scope(string Sector, string Wave);

    /// <summary>Writes a sector's responses in a wave; returns the number of rows.</summary>
    /// <exception cref="NotFoundException">The sector or wave does not exist.</exception>
    public static async Task<long> WriteAsync(NpgsqlDataSource dataSource, string sector, string wave, TextWriter output, CancellationToken ct = default) =>
        await WriteAsync(dataSource, await FindAsync(dataSource, sector, wave, ct), output, ct);

    /// <summary>The stored names of a sector and a wave.</summary>
    /// <exception cref="NotFoundException">The sector or wave does not exist, or retention removed the wave's respondent rows.</exception>
    public static async Task<Scope> FindAsync(NpgsqlDataSource dataSource, string sector, string wave, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var find = new NpgsqlCommand("""
            SELECT (SELECT name FROM sectors WHERE name_key = $1), (SELECT code FROM waves WHERE code_key = $2),
                   (SELECT retained_at FROM waves WHERE code_key = $2)
            """, connection);
        find.Parameters.Add(new() { Value = LeagueQueries.KeyOf(sector, "sector") });
        find.Parameters.Add(new() { Value = LeagueQueries.KeyOf(wave, "wave") });
        string sectorName, waveCode;
        await using (var r = await find.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            sectorName = r.IsDBNull(0) ? throw new NotFoundException(new("NotFound.Sector", Names.Printable(sector))) : r.GetString(0);
            waveCode = r.IsDBNull(1) ? throw new NotFoundException(new("NotFound.Wave", Names.Printable(wave))) : r.GetString(1);
            if (!r.IsDBNull(2))
                throw new NotFoundException(new("NotFound.ExportedByRetention", waveCode, r.GetFieldValue<DateTimeOffset>(2).UtcDateTime));
        }
        return new Scope(sectorName, waveCode);
    }

    /// <summary>Writes the responses of a found sector and wave, row by row (to a response body, it streams).</summary>
    public static async Task<long> WriteAsync(NpgsqlDataSource dataSource, Scope found, TextWriter output, CancellationToken ct = default)
    {
        var (sectorName, waveCode) = found;
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        var scope = """
            FROM responses r JOIN brands b ON b.id = r.brand_id JOIN sectors s ON s.id = b.sector_id JOIN waves w ON w.id = r.wave_id
            WHERE s.name = $1 AND w.code = $2
            """;
        bool lenses;
        await using (var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 {scope} AND num_nonnulls({string.Join(", ", LensColumns.Select(c => "r." + c))}) > 0)", connection))
        {
            any.Parameters.Add(new() { Value = sectorName });
            any.Parameters.Add(new() { Value = waveCode });
            lenses = (bool)(await any.ExecuteScalarAsync(ct))!;
        }
        // The segments its rows carry (step 26), each a segment_<name> column again, so the file re-imports whole.
        var segments = new List<string>();
        await using (var keys = new NpgsqlCommand($"SELECT DISTINCT json_object_keys(r.segments) AS k {scope} ORDER BY k", connection))
        {
            keys.Parameters.Add(new() { Value = sectorName });
            keys.Parameters.Add(new() { Value = waveCode });
            await using var r = await keys.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) segments.Add(r.GetString(0));
        }
        // Its comments (step 28: stored redacted, so exported as stored), in a last column when any row has one.
        bool comments;
        await using (var any = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM comments c JOIN brands b ON b.id = c.brand_id JOIN sectors s ON s.id = b.sector_id JOIN waves w ON w.id = c.wave_id
                           WHERE s.name = $1 AND w.code = $2)
            """, connection))
        {
            any.Parameters.Add(new() { Value = sectorName });
            any.Parameters.Add(new() { Value = waveCode });
            comments = (bool)(await any.ExecuteScalarAsync(ct))!;
        }
        string[] header = [.. Header, .. lenses ? LensColumns : [], .. segments.Select(s => LeagueCsv.Text("segment_" + s)), .. comments ? ["comment"] : Array.Empty<string>()];
        // The segments and the comment are the text fields after the numbers.
        var firstSegment = header.Length - segments.Count - (comments ? 1 : 0);

        await using var command = new NpgsqlCommand($"""
            SELECT b.name, r.respondent_id, r.role, r.clear_brand_promise, r.empowered_employees, r.empowered_customers,
                   r.lasting_memories, r.exceptional_delivery, r.weight, r.nps, r.csat, r.ces{(lenses ? string.Concat(LensColumns.Select(c => ", r." + c)) : "")}{string.Concat(segments.Select((_, i) => $", r.segments ->> ${3 + i}"))}{(comments ? ", c.text" : "")}
            FROM responses r JOIN brands b ON b.id = r.brand_id JOIN sectors s ON s.id = b.sector_id JOIN waves w ON w.id = r.wave_id
            {(comments ? "LEFT JOIN comments c ON c.wave_id = r.wave_id AND c.brand_id = r.brand_id AND c.import_id = r.import_id AND c.line = r.line" : "")}
            WHERE s.name = $1 AND w.code = $2
            ORDER BY b.name, r.role, r.respondent_id
            """, connection);
        // No time limit: a million-row wave sorted while others export can take more than the default
        // 30 s to its first row, and a timeout then would cut a download already under way. A client
        // that leaves cancels it (ct).
        command.CommandTimeout = 0;
        command.Parameters.Add(new() { Value = sectorName });
        command.Parameters.Add(new() { Value = waveCode });
        foreach (var segment in segments) command.Parameters.Add(new() { Value = segment });
        await output.WriteAsync(string.Join(',', header) + "\n");
        long rows = 0;
        var fields = new string[header.Length];
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                fields[0] = waveCode;
                fields[1] = sectorName;
                fields[2] = r.GetString(0);
                fields[3] = r.GetString(1);
                fields[4] = ((Role)r.GetInt16(2)).Key();
                for (var k = 0; k < SuccessFactors.Count; k++) fields[5 + k] = Small(r, 3 + k);
                fields[10] = r.GetDouble(8).ToString("R", CultureInfo.InvariantCulture);
                fields[11] = Small(r, 9);
                fields[12] = Small(r, 10);
                fields[13] = Small(r, 11);
                for (var k = 14; k < firstSegment; k++) fields[k] = Small(r, k - 2);
                for (var k = firstSegment; k < header.Length; k++) fields[k] = r.IsDBNull(k - 2) ? "" : LeagueCsv.Text(r.GetString(k - 2));
                // Text fields neutralised against formulas; the importer undoes exactly that (SpreadsheetText).
                for (var i = 0; i < 4; i++) fields[i] = LeagueCsv.Text(fields[i]);
                await output.WriteAsync(string.Join(',', fields) + "\n");
                rows++;
            }
        }
        return rows;
    }

    private static string Small(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? "" : r.GetInt16(i).ToString(CultureInfo.InvariantCulture);
}
