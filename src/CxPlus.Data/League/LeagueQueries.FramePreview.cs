using CxPlus.Data.Comments;
using CxPlus.Scoring;
using CxPlus.Scoring.Comments;
using Npgsql;

namespace CxPlus.Data.League;

/// <summary>What one rule of a theme being edited matches: how many of the comments read, and a few of them with the words marked.</summary>
/// <param name="Language">nl or en: the comments it is tried on.</param>
/// <param name="Rule">As written.</param>
/// <param name="Valid">Whether it is a rule at all (a word, or a stem ending in *); an invalid one matches nothing.</param>
/// <param name="Matches">The comments it matches.</param>
/// <param name="Sample">The newest of them, no text twice (at most <see cref="ThemePreview.SampleSize"/>), the rule's words marked.</param>
public sealed record RulePreview(string Language, string Rule, bool Valid, long Matches, IReadOnlyList<CommentEntry> Sample);

/// <summary>
/// A theme as a data manager edits it, tried on a sector's wave before it is saved (issue 29's frame
/// editor): how many comments it would count, and what each of its rules matches.
/// </summary>
/// <param name="Sector">As the store spells it.</param>
/// <param name="Wave">As the store spells it.</param>
/// <param name="Read">The comments it was tried on: the wave's newest, at most <see cref="MaxComments"/>.</param>
/// <param name="Capped">Whether the wave holds more than were read.</param>
/// <param name="Matches">The comments any of its rules matches (in the comment's language).</param>
/// <param name="Rules">Each rule, Dutch then English, in the order written.</param>
public sealed record ThemePreview(string Sector, string Wave, long Read, bool Capped, long Matches, IReadOnlyList<RulePreview> Rules)
{
    /// <summary>Comments shown per rule.</summary>
    public const int SampleSize = 3;

    /// <summary>The newest comments a preview reads: enough to judge a rule, few enough to answer while typing.</summary>
    public const int MaxComments = 50_000;
}

public sealed partial class LeagueQueries
{
    private sealed record CommentSample(string Sector, string Wave, IReadOnlyList<CommentEntry> Comments, bool Capped);

    /// <summary>
    /// Tries a theme's rules (as typed, before the frame is saved) on a sector's wave: on its newest
    /// comments, kept for the store generation so that each keystroke only matches, with the frame's
    /// own matcher (the one that counts shares and filters the comments list).
    /// </summary>
    /// <exception cref="NotFoundException">The sector or wave does not exist.</exception>
    public async Task<ThemePreview> PreviewThemeAsync(string sector, string wave, IReadOnlyList<string> rulesNl, IReadOnlyList<string> rulesEn, CancellationToken ct = default)
    {
        var sample = await _cache.GetAsync(ResultCache.Key("comment-sample", sector, wave), async c =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(c);
            var (sectorId, sectorName) = await FindSectorAsync(connection, sector, c);
            var (waveId, waveCode) = await FindWaveAsync(connection, wave, c);
            await using var command = new NpgsqlCommand($"""
                SELECT b.name, c.role, c.language, c.nps, c.text
                FROM comments c JOIN brands b ON b.id = c.brand_id
                WHERE c.wave_id = $1 AND c.brand_id = ANY($2)
                ORDER BY c.import_id DESC, c.line
                LIMIT {ThemePreview.MaxComments + 1}
                """, connection);
            command.Parameters.Add(new() { Value = waveId });
            command.Parameters.Add(new() { Value = (await BrandNamesAsync(connection, sectorId, c)).Keys.ToArray() });
            var comments = new List<CommentEntry>();
            await using (var r = await command.ExecuteReaderAsync(c))
                while (await r.ReadAsync(c))
                    comments.Add(new CommentEntry(r.GetString(0), (Role)r.GetInt16(1), r.GetString(2), r.IsDBNull(3) ? null : ToneOf(r.GetInt16(3)), r.GetString(4), []));
            var capped = comments.Count > ThemePreview.MaxComments;
            return new CommentSample(sectorName, waveCode, capped ? comments[..ThemePreview.MaxComments] : comments, capped);
        }, ct);

        // One theme per rule, of the rule in its language only: one pass over the comments answers every rule.
        var rules = rulesNl.Select(r => ("nl", r.Trim())).Concat(rulesEn.Select(r => ("en", r.Trim()))).Where(x => x.Item2.Length > 0).Distinct().ToList();
        var valid = rules.Select(x => FrameFile.IsRule(x.Item2)).ToList();
        var frame = new CodingFrame([.. rules.Select((x, i) => new Theme($"r{i}", "", "", null,
            valid[i] && x.Item1 == "nl" ? [x.Item2] : [], valid[i] && x.Item1 == "en" ? [x.Item2] : []))]);
        var matches = new long[rules.Count];
        var samples = rules.Select(_ => new List<CommentEntry>()).ToList();
        long any = 0;
        foreach (var comment in sample.Comments)
        {
            var flags = frame.Mentions(comment.Text, comment.Language);
            var hit = false;
            for (var i = 0; i < flags.Length; i++)
            {
                if (!flags[i]) continue;
                hit = true;
                matches[i]++;
                if (samples[i].Count < ThemePreview.SampleSize && !samples[i].Exists(s => s.Text == comment.Text)) samples[i].Add(comment with { Parts = frame.Mark(comment.Text, comment.Language, i) });
            }
            if (hit) any++;
        }
        return new ThemePreview(sample.Sector, sample.Wave, sample.Comments.Count, sample.Capped, any,
            [.. rules.Select((x, i) => new RulePreview(x.Item1, x.Item2, valid[i], matches[i], samples[i]))]);
    }
}
