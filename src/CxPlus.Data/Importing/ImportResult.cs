using CxPlus.Scoring;

namespace CxPlus.Data.Importing;

/// <summary>What a data manager asked for.</summary>
/// <param name="FileName">Name recorded with the import (the uploaded or given file name).</param>
/// <param name="ImportedBy">Who imports it.</param>
/// <param name="Replace">Replace the data of the file's waves for the brands in the file, instead of refusing rows that already exist.</param>
/// <param name="Preview">Run every check and write everything, then roll back: what the import would do, with nothing changed.</param>
/// <param name="Language">The language of a comment whose words do not tell (the installation's, <c>Localization__DefaultLanguage</c>).</param>
public sealed record ImportOptions(string FileName, string ImportedBy, bool Replace = false, bool Preview = false, string Language = "nl");

/// <summary>What a committed import did (or, for a preview, would do; its id is then not kept).</summary>
public sealed record ImportSummary(
    long ImportId,
    string FileName,
    string Sha256,
    int CustomerRows,
    int ProspectRows,
    IReadOnlyList<string> CreatedSectors,
    IReadOnlyList<string> CreatedBrands,
    IReadOnlyList<string> CreatedWaves,
    int ReplacedRows,
    IReadOnlyList<long> ReplacedImports,
    IReadOnlyList<Sentence> Warnings,
    IReadOnlyList<BrandPreview> Brands,
    IReadOnlyList<Sentence> LookAlikes,
    IReadOnlyList<SegmentPreview> Segments)
{
    /// <summary>The file's comments and the personal data removed from them before they were stored (step 28); null when the file has no comment column.</summary>
    public CommentSummary? Comments { get; init; }
}

/// <summary>Step 28 on a file: how many non-empty comments it brought, and per kind how much personal data was replaced in them.</summary>
public sealed record CommentSummary(int Comments, IReadOnlyDictionary<CxPlus.Scoring.Comments.PersonalData, int> Removed);

/// <summary>One segment a file brings (methodology step 26): its categories, and per brand of a wave how many of its rows fall in each.</summary>
/// <param name="Segment">The segment's name (its column without <c>segment_</c>).</param>
/// <param name="Categories">Its categories in the file, in name order.</param>
/// <param name="Brands">Per brand of a wave that has rows in any category.</param>
public sealed record SegmentPreview(string Segment, IReadOnlyList<string> Categories, IReadOnlyList<SegmentBrand> Brands);

/// <summary>One brand of a wave in a segment: its customer and prospect rows per category, in the segment's category order.</summary>
public sealed record SegmentBrand(string Wave, string Sector, string Brand, IReadOnlyList<int> Customers, IReadOnlyList<int> Prospects);

/// <summary>One brand of a wave in a file: the rows it brings, its qualifying bases once imported, and whether it will then be ranked.</summary>
/// <param name="Wave">The wave.</param>
/// <param name="Sector">The brand's sector.</param>
/// <param name="Brand">The brand (its stored spelling when it exists).</param>
/// <param name="CustomerRows">Customer rows in the file.</param>
/// <param name="ProspectRows">Prospect rows in the file.</param>
/// <param name="CustomersAfter">Qualifying customers of the brand in the wave once the import is in.</param>
/// <param name="ProspectsAfter">Qualifying prospects likewise.</param>
/// <param name="Shortfalls">Why it will not be ranked (step 13), as data; empty when it will.</param>
public sealed record BrandPreview(string Wave, string Sector, string Brand, int CustomerRows, int ProspectRows,
    long CustomersAfter, long ProspectsAfter, IReadOnlyList<BaseShortfall> Shortfalls)
{
    public bool Ranked => Shortfalls.Count == 0;

    /// <summary>Why it will not be ranked, in English (the CLI's), e.g. <c>low base: 37 customers &lt; 100</c>; null when it will.</summary>
    public string? Reason => Ranked ? null : Eligibility.Describe(Shortfalls);
}

/// <summary>The outcome of an import: a summary, or the problems that refused the whole file (the first thousand listed, every one counted by kind).</summary>
public sealed record ImportResult(ImportSummary? Summary, IReadOnlyList<ImportProblem> Problems, int ProblemCount, IReadOnlyList<Sentence> Warnings,
    IReadOnlyList<ProblemKind>? ProblemKinds = null)
{
    public bool Succeeded => Summary is not null;

    /// <summary>Every problem counted by kind, the most frequent first; empty when the file was imported.</summary>
    public IReadOnlyList<ProblemKind> Kinds => ProblemKinds ?? [];

    internal static ImportResult Refused(ProblemList problems, IReadOnlyList<Sentence> warnings) =>
        new(null, problems.Sorted(), problems.Count, warnings, problems.Kinds);
}
