using System.Globalization;

namespace CxPlus.Data.Importing;

/// <summary>
/// One thing wrong with a response file, as data (its <see cref="Sentence"/>) that reads in words a data
/// manager understands, e.g. <c>line 17, column lasting_memories: "11" is outside the rating scale 0..10</c>.
/// </summary>
/// <param name="Line">Line in the file (1 = header); null for whole-file problems.</param>
/// <param name="Column">Column name; null when the problem is not about one field.</param>
/// <param name="Text">What is wrong, including the offending value where there is one.</param>
/// <param name="IsHeader">A problem with the header line.</param>
/// <param name="KindText">What kind of problem this is, for the summary; by default <see cref="Text"/> without the values it quotes.</param>
public sealed record ImportProblem(int? Line, string? Column, Sentence Text, bool IsHeader = false, Sentence? KindText = null)
{
    /// <summary>What is wrong, in English.</summary>
    public string Message => Text.ToString();

    /// <summary>The kind as a sentence (without the place): <c>"…" is outside the rating scale 0..10</c>.</summary>
    public Sentence Kind => KindText ?? Text.Blanked();

    /// <summary>The kind the summary counts it under, in English, e.g. <c>column lasting_memories: … is outside the rating scale 0..10</c>.</summary>
    public string Category => KindIn(kind => kind.ToString(), "header", column => $"column {column}");

    /// <summary>The kind with its place (the header, a column; none for a kind of its own), each written by the caller: English here, the reader's language on a page.</summary>
    public string KindIn(Func<Sentence, string> write, string header, Func<string, string> column) =>
        (KindText is not null ? "" : IsHeader ? header + ": " : Column is { } name ? column(name) + ": " : "")
        + write(Kind).Replace(Sentence.QuotedBlank, Sentence.Blank, StringComparison.Ordinal);

    public override string ToString() => (Line, Column, IsHeader) switch
    {
        (_, _, true) => $"header: {Message}",
        ({ } line, { } column, _) => string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}: {Message}"),
        ({ } line, null, _) => string.Create(CultureInfo.InvariantCulture, $"line {line}: {Message}"),
        _ => $"file: {Message}",
    };
}

/// <summary>How many problems of one kind a file has, with one of them (<see cref="Sample"/>) to write the kind in the reader's language.</summary>
public sealed record ProblemKind(string Kind, int Count, ImportProblem Sample);

/// <summary>
/// Problems found so far; keeps the first <see cref="Capacity"/> in file order and counts every
/// one, by kind (<see cref="ImportProblem.Category"/>), so that a file with thousands of problems
/// is summed up, not only listed in part.
/// </summary>
public sealed class ProblemList
{
    public const int Capacity = 1000;
    private readonly List<ImportProblem> _problems = [];
    private readonly Dictionary<string, (int Count, ImportProblem Sample)> _kinds = new(StringComparer.Ordinal);

    public IReadOnlyList<ImportProblem> Items => _problems;
    public int Count { get; private set; }
    public bool Any => Count > 0;

    /// <summary>Every kind with its count, the most frequent first (then as they came).</summary>
    public IReadOnlyList<ProblemKind> Kinds => [.. _kinds.Select((k, i) => (k, i)).OrderByDescending(x => x.k.Value.Count).ThenBy(x => x.i)
        .Select(x => new ProblemKind(x.k.Key, x.k.Value.Count, x.k.Value.Sample))];

    public void Add(ImportProblem problem)
    {
        Count++;
        Counted(problem, 1);
        if (_problems.Count < Capacity) _problems.Add(problem);
    }

    /// <summary>Counts more problems of <paramref name="sample"/>'s kind that are not listed one by one (found set-wise beyond the list's room).</summary>
    public void AddUnlisted(ImportProblem sample, int count)
    {
        if (count <= 0) return;
        Count += count;
        Counted(sample, count);
    }

    private void Counted(ImportProblem problem, int count)
    {
        var kind = problem.Category;
        _kinds[kind] = _kinds.TryGetValue(kind, out var known) ? (known.Count + count, known.Sample) : (count, problem);
    }

    /// <summary>Problems sorted by line (file problems first, then header, then lines).</summary>
    public IReadOnlyList<ImportProblem> Sorted() =>
        [.. _problems.OrderBy(p => p.Line is null && !p.IsHeader ? 0 : p.IsHeader ? 1 : 2).ThenBy(p => p.Line)];
}
