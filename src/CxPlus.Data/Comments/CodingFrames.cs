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

/// <summary>A coding frame and its version, and who changed it last when: the shipped frame is version 0 until a data manager changes it.</summary>
public sealed record VersionedFrame(CodingFrame Frame, long Version, DateTimeOffset? ChangedAt = null, string? ChangedBy = null);

/// <summary>A theme as a data manager writes it (the frame file, the frame editor): not yet checked.</summary>
public sealed record ThemeDraft(string Key, string NameNl, string NameEn, string? Factor, IReadOnlyList<string> RulesNl, IReadOnlyList<string> RulesEn)
{
    /// <summary>The theme as it stands in a frame, to edit.</summary>
    public static ThemeDraft Of(Theme theme) => new(theme.Key, theme.NameNl, theme.NameEn, theme.Factor?.Key(), theme.RulesNl, theme.RulesEn);
}

/// <summary>A frame that is not one (a theme without a key, name or rules, a key twice, a rule that is not a word or stem); nothing was changed.</summary>
public sealed class FrameRefusedException(Sentence reason) : SentenceException(reason);

/// <summary>
/// The coding frame as a JSON file (<c>cxplus themes export|import</c>): a list of themes, each with
/// its key, its names, its success factor (a key, or null) and its rules per language.
/// </summary>
public static class FrameFile
{
    /// <summary>Limits that keep matching and the editor quick: themes in a frame, rules per theme and language, letters in a rule.</summary>
    public const int MaxThemes = 100, MaxRules = 200, MaxRuleLength = 60, MaxKeyLength = 40, MaxNameLength = 80;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The frame's file.</summary>
    public static string ToJson(CodingFrame frame) => JsonSerializer.Serialize(frame.Themes.Select(ThemeDraft.Of), Options);

    /// <summary>A frame read from its file; every problem named in a sentence.</summary>
    /// <exception cref="FrameRefusedException">Not a frame: unreadable, or as <see cref="Build"/> says.</exception>
    public static CodingFrame FromJson(string json)
    {
        List<ThemeDraft>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<ThemeDraft>>(json, Options);
        }
        catch (JsonException e)
        {
            throw new FrameRefusedException(new("Frame.Unreadable", e.Message));
        }
        return Build(entries ?? []);
    }

    /// <summary>A frame of these themes, in this order, each checked; the first problem named in a sentence.</summary>
    /// <exception cref="FrameRefusedException">No themes or too many, a theme without a key or name, a key that is not one word or is there twice, an unknown factor, no rules or a rule that is not a word or stem.</exception>
    public static CodingFrame Build(IReadOnlyList<ThemeDraft> drafts)
    {
        if (drafts.Count == 0) throw new FrameRefusedException(new("Frame.Empty"));
        if (drafts.Count > MaxThemes) throw new FrameRefusedException(new("Frame.TooMany", drafts.Count, MaxThemes));
        var themes = new List<Theme>();
        foreach (var (e, i) in drafts.Select((e, i) => (e, i + 1)))
        {
            if (e is null || string.IsNullOrWhiteSpace(e.Key) || string.IsNullOrWhiteSpace(e.NameNl) || string.IsNullOrWhiteSpace(e.NameEn))
                throw new FrameRefusedException(new("Frame.ThemeIncomplete", i));
            var key = e.Key.Trim();
            // The key goes into links (?theme=waiting) and files: one short word.
            if (key.Length > MaxKeyLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new FrameRefusedException(new("Frame.BadKey", Names.Printable(key), MaxKeyLength));
            if (themes.Any(t => Names.Same(t.Key, key))) throw new FrameRefusedException(new("Frame.KeyTwice", key));
            if (e.NameNl.Trim().Length > MaxNameLength || e.NameEn.Trim().Length > MaxNameLength)
                throw new FrameRefusedException(new("Frame.NameTooLong", key, MaxNameLength));
            SuccessFactor? factor = null;
            if (e.Factor is { Length: > 0 } factorKey)
                factor = SuccessFactors.All.Cast<SuccessFactor?>().FirstOrDefault(f => f!.Value.Key() == factorKey)
                    ?? throw new FrameRefusedException(new("Frame.UnknownFactor", key, Names.Printable(factorKey), SuccessFactors.All.Select(f => (object)f.Key()).ToList()));
            string[] Rules(IReadOnlyList<string>? rules, string language)
            {
                var list = (rules ?? []).Select(r => (r ?? "").Trim()).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                if (list.Length == 0) throw new FrameRefusedException(new($"Frame.NoRules{language}", key));
                if (list.Length > MaxRules) throw new FrameRefusedException(new($"Frame.TooManyRules{language}", key, list.Length, MaxRules));
                foreach (var r in list)
                    if (!IsRule(r)) throw new FrameRefusedException(new($"Frame.BadRule{language}", key, Names.Printable(r)));
                return list;
            }
            themes.Add(new Theme(key, e.NameNl.Trim(), e.NameEn.Trim(), factor, Rules(e.RulesNl, "Nl"), Rules(e.RulesEn, "En")));
        }
        return new CodingFrame(themes);
    }

    /// <summary>Whether a rule is one: a word of letters and digits, or such a stem ending in <c>*</c> (<c>wacht*</c>).</summary>
    public static bool IsRule(string rule) =>
        (rule.EndsWith('*') ? rule[..^1] : rule) is { Length: > 0 and <= MaxRuleLength } word && word.All(char.IsLetterOrDigit);
}

/// <summary>Reads and changes the benchmark's coding frame; each change is audited and bumps its version.</summary>
public sealed class CodingFrames(NpgsqlDataSource dataSource, AuditLog audit)
{
    /// <summary>The frame now: the stored one, or the shipped frame (version 0) while none is stored.</summary>
    public Task<VersionedFrame> CurrentAsync(CancellationToken ct = default) => ReadAsync(dataSource, ct);

    /// <inheritdoc cref="CurrentAsync"/>
    internal static async Task<VersionedFrame> ReadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT version, body::text, changed_at, changed_by FROM coding_frames WHERE id = 1");
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new VersionedFrame(FrameFile.FromJson(r.GetString(1)), r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3))
            : new VersionedFrame(CodingFrame.Starting, 0);
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
