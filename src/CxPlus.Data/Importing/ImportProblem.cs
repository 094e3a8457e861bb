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
public sealed record ImportProblem(int? Line, string? Column, string Message, bool IsHeader = false)
{
    public override string ToString() => (Line, Column, IsHeader) switch
    {
        (_, _, true) => $"header: {Message}",
        ({ } line, { } column, _) => string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}: {Message}"),
        ({ } line, null, _) => string.Create(CultureInfo.InvariantCulture, $"line {line}: {Message}"),
        _ => $"file: {Message}",
    };
}

/// <summary>Problems found so far; keeps the first <see cref="Capacity"/> in file order and counts the rest.</summary>
public sealed class ProblemList
{
    public const int Capacity = 1000;
    private readonly List<ImportProblem> _problems = [];

    public IReadOnlyList<ImportProblem> Items => _problems;
    public int Count { get; private set; }
    public bool Any => Count > 0;

    public void Add(ImportProblem problem)
    {
        Count++;
        if (_problems.Count < Capacity) _problems.Add(problem);
    }

    /// <summary>Problems sorted by line (file problems first, then header, then lines).</summary>
    public IReadOnlyList<ImportProblem> Sorted() =>
        [.. _problems.OrderBy(p => p.Line is null && !p.IsHeader ? 0 : p.IsHeader ? 1 : 2).ThenBy(p => p.Line)];
}
