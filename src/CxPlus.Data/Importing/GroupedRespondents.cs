namespace CxPlus.Data.Importing;

/// <summary>
/// The fast path's proof that no respondent appears twice in a (wave, brand) of a file, in one
/// pass and in memory bounded by the largest (wave, brand), not by the file. It holds the ids of
/// the current (wave, brand) only, which suffices for a file grouped by wave and brand (sorted by
/// them, as our demo and export write files). It cannot vouch for a file that returns to a (wave, brand)
/// it left, or for a (wave, brand) of more than <see cref="MaxGroup"/> respondents; then, as on a
/// repeat, the importer lets PostgreSQL check the copied rows set-wise before commit (and, if
/// one repeats, takes the careful path, which names every repeat with its lines).
/// </summary>
internal sealed class GroupedRespondents
{
    /// <summary>About 20 MB of ids; a brand's sample in one wave is far smaller in practice.</summary>
    public const int MaxGroup = 250_000;

    private readonly HashSet<(int WaveId, int BrandId)> _left = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private (int WaveId, int BrandId)? _current;

    /// <summary>False when the row repeats a respondent of its (wave, brand), or this class cannot tell.</summary>
    public bool TryAdd((int WaveId, int BrandId) group, string respondentId)
    {
        if (group != _current)
        {
            if (_left.Contains(group)) return false;
            if (_current is { } left) _left.Add(left);
            _current = group;
            _ids.Clear();
        }
        return _ids.Count < MaxGroup && _ids.Add(respondentId);
    }
}
