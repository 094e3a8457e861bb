using System.Text.Json;
using System.Text.Json.Serialization;
using CxPlus.Scoring;
using CxPlus.Scoring.Comments;
using Npgsql;

namespace CxPlus.Data.Comments;

/// <summary>The benchmark's coding frame as stored: one row, its version counting every change.</summary>
public sealed class StoredFrame
{
    public int Id { get; set; } = 1;
    /// <summary>Counts the changes; results computed with the frame are kept per version (a change shows at once).</summary>
    public long Version { get; set; }
    /// <summary>The frame as its JSON file (<see cref="FrameFile"/>).</summary>
    public string Body { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
}

/// <summary>A coding frame and its version: the shipped frame is version 0 until a data manager changes it.</summary>
public sealed record VersionedFrame(CodingFrame Frame, long Version);

/// <summary>
/// The coding frame as a JSON file (<c>cxplus themes export|import</c>): a list of themes, each with
/// its key, its names, its success factor (a key, or null) and its rules per language.
/// </summary>
public static class FrameFile
{
    private sealed record ThemeEntry(string Key, string NameNl, string NameEn, string? Factor, IReadOnlyList<string> RulesNl, IReadOnlyList<string> RulesEn);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The frame's file.</summary>
    public static string ToJson(CodingFrame frame) => JsonSerializer.Serialize(
        frame.Themes.Select(t => new ThemeEntry(t.Key, t.NameNl, t.NameEn, t.Factor?.Key(), t.RulesNl, t.RulesEn)), Options);

    /// <summary>A frame read from its file; every problem named in a sentence.</summary>
    /// <exception cref="ArgumentException">Not a frame: unreadable, a theme without a key, name or rules, a key twice, an unknown factor or a rule that is not a word or stem.</exception>
    public static CodingFrame FromJson(string json)
    {
        List<ThemeEntry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<ThemeEntry>>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The frame is not readable JSON: {e.Message}");
        }
        if (entries is null || entries.Count == 0) throw new ArgumentException("The frame has no themes.");
        var themes = new List<Theme>();
        foreach (var (e, i) in entries.Select((e, i) => (e, i + 1)))
        {
            if (string.IsNullOrWhiteSpace(e.Key) || string.IsNullOrWhiteSpace(e.NameNl) || string.IsNullOrWhiteSpace(e.NameEn))
                throw new ArgumentException($"Theme {i} needs a key, a Dutch name (nameNl) and an English name (nameEn).");
            if (themes.Any(t => Names.Same(t.Key, e.Key))) throw new ArgumentException($"Theme key \"{e.Key}\" is there twice.");
            SuccessFactor? factor = null;
            if (e.Factor is { Length: > 0 } key)
                factor = SuccessFactors.All.Cast<SuccessFactor?>().FirstOrDefault(f => f!.Value.Key() == key)
                    ?? throw new ArgumentException($"Theme \"{e.Key}\": \"{key}\" is not a success factor ({string.Join(", ", SuccessFactors.All.Select(f => f.Key()))}).");
            string[] Rules(IReadOnlyList<string>? rules, string language)
            {
                var list = (rules ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).ToArray();
                if (list.Length == 0) throw new ArgumentException($"Theme \"{e.Key}\" has no {language} rules.");
                foreach (var r in list)
                    if ((r.EndsWith('*') ? r[..^1] : r) is not { Length: > 0 and <= 60 } word || !word.All(char.IsLetterOrDigit))
                        throw new ArgumentException($"Theme \"{e.Key}\": the {language} rule \"{r}\" is not one word or a stem ending in *.");
                return list;
            }
            themes.Add(new Theme(e.Key.Trim(), e.NameNl.Trim(), e.NameEn.Trim(), factor, Rules(e.RulesNl, "Dutch"), Rules(e.RulesEn, "English")));
        }
        return new CodingFrame(themes);
    }
}

/// <summary>Reads and changes the benchmark's coding frame; each change is audited and bumps its version.</summary>
public sealed class CodingFrames(NpgsqlDataSource dataSource, AuditLog audit)
{
    /// <summary>The frame now: the stored one, or the shipped frame (version 0) while none is stored.</summary>
    public Task<VersionedFrame> CurrentAsync(CancellationToken ct = default) => ReadAsync(dataSource, ct);

    /// <inheritdoc cref="CurrentAsync"/>
    internal static async Task<VersionedFrame> ReadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT version, body::text FROM coding_frames WHERE id = 1");
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new VersionedFrame(FrameFile.FromJson(r.GetString(1)), r.GetInt64(0)) : new VersionedFrame(CodingFrame.Starting, 0);
    }

    /// <summary>Replaces the frame (audited); returns its new version.</summary>
    public async Task<long> SaveAsync(CodingFrame frame, string by, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        long version;
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO coding_frames (id, version, body, changed_at, changed_by) VALUES (1, 1, $1::jsonb, now(), $2)
            ON CONFLICT (id) DO UPDATE SET version = coding_frames.version + 1, body = excluded.body, changed_at = excluded.changed_at, changed_by = excluded.changed_by
            RETURNING version
            """, connection))
        {
            upsert.Parameters.Add(new() { Value = FrameFile.ToJson(frame) });
            upsert.Parameters.Add(new() { Value = by });
            version = (long)(await upsert.ExecuteScalarAsync(ct))!;
        }
        await audit.RecordAsync(by, "themes", "coding frame", $"version {version}: {frame.Themes.Count} themes ({string.Join(", ", frame.Themes.Select(t => t.Key))})", connection, ct);
        await transaction.CommitAsync(ct);
        return version;
    }
}
