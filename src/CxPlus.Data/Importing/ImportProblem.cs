using System.Globalization;

namespace CxPlus.Data.Importing;

/// <summary>
/// One thing wrong with a response file, in words a data manager understands, e.g.
/// <c>line 17, column lasting_memories: "11" is outside the rating scale 0..10</c>.
/// </summary>
/// <param name="Line">Line in the file (1 = header); null for whole-file problems.</param>
/// <param name="Column">Column name; null when the problem is not about one field.</param>
/// <param name="Message">What is wrong, including the offending value where there is one.</param>
/// <param name="IsHeader">A problem with the header line.</param>
/// <param name="Kind">What kind of problem this is, for the summary; by default its column and message without the quoted values.</param>
public sealed partial record ImportProblem(int? Line, string? Column, string Message, bool IsHeader = false, string? Kind = null)
{
    /// <summary>The kind the summary counts it under, e.g. <c>column lasting_memories: … is outside the rating scale 0..10</c>.</summary>
    public string Category => Kind ?? (IsHeader ? "header: " : Column is null ? "" : $"column {Column}: ") + QuotedValue().Replace(Message, "…");

    [System.Text.RegularExpressions.GeneratedRegex("\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex QuotedValue();

    public override string ToString() => (Line, Column, IsHeader) switch
    {
        (_, _, true) => $"header: {Message}",
        ({ } line, { } column, _) => string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}: {Message}"),
        ({ } line, null, _) => string.Create(CultureInfo.InvariantCulture, $"line {line}: {Message}"),
        _ => $"file: {Message}",
    };
}

/// <summary>How many problems of one kind a file has.</summary>
public sealed record ProblemKind(string Kind, int Count);

/// <summary>
/// Problems found so far; keeps the first <see cref="Capacity"/> in file order and counts every
/// one, by kind (<see cref="ImportProblem.Category"/>), so that a file with thousands of problems
/// is summed up, not only listed in part.
/// </summary>
public sealed class ProblemList
{
    public const int Capacity = 1000;
    private readonly List<ImportProblem> _problems = [];
    private readonly Dictionary<string, int> _kinds = new(StringComparer.Ordinal);

    public IReadOnlyList<ImportProblem> Items => _problems;
    public int Count { get; private set; }
    public bool Any => Count > 0;

    /// <summary>Every kind with its count, the most frequent first (then as they came).</summary>
    public IReadOnlyList<ProblemKind> Kinds => [.. _kinds.Select((k, i) => (k, i)).OrderByDescending(x => x.k.Value).ThenBy(x => x.i).Select(x => new ProblemKind(x.k.Key, x.k.Value))];

    public void Add(ImportProblem problem)
    {
        Count++;
        _kinds[problem.Category] = _kinds.GetValueOrDefault(problem.Category) + 1;
        if (_problems.Count < Capacity) _problems.Add(problem);
    }

    /// <summary>Counts problems of a kind that are not listed one by one (found set-wise beyond the list's room).</summary>
    public void AddUnlisted(string kind, int count)
    {
        if (count <= 0) return;
        Count += count;
        _kinds[kind] = _kinds.GetValueOrDefault(kind) + count;
    }

    /// <summary>Problems sorted by line (file problems first, then header, then lines).</summary>
    public IReadOnlyList<ImportProblem> Sorted() =>
        [.. _problems.OrderBy(p => p.Line is null && !p.IsHeader ? 0 : p.IsHeader ? 1 : 2).ThenBy(p => p.Line)];
}
