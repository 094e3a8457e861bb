using CxPlus.Scoring;

namespace CxPlus.Data.Model;

/// <summary>A market in which brands compete (banking, energy, ...).</summary>
public sealed class Sector
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<Brand> Brands { get; } = [];
}

/// <summary>A competing brand; its name is unique (case-insensitively) within its sector.</summary>
public sealed class Brand
{
    public int Id { get; set; }
    public int SectorId { get; set; }
    public Sector Sector { get; set; } = null!;
    public required string Name { get; set; }
}

/// <summary>A fieldwork wave, e.g. <c>2026-Q3</c>; waves are ordered by code.</summary>
public sealed class Wave
{
    public int Id { get; set; }
    public required string Code { get; set; }
}

/// <summary>The record of one imported file: what it held, what it created and replaced, who and when.</summary>
public sealed class Import
{
    public long Id { get; set; }
    public required string FileName { get; set; }
    /// <summary>Lower-case hex SHA-256 of the file's bytes; the same bytes are never imported twice.</summary>
    public required string Sha256 { get; set; }
    public int CustomerRows { get; set; }
    public int ProspectRows { get; set; }
    public string[] CreatedSectors { get; set; } = [];
    public string[] CreatedBrands { get; set; } = [];
    public string[] CreatedWaves { get; set; } = [];
    /// <summary>Rows of earlier imports that this import replaced (with --replace).</summary>
    public int ReplacedRows { get; set; }
    public long[] ReplacedImports { get; set; } = [];
    public string[] Warnings { get; set; } = [];
    public required string ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    /// <summary>When the import was undone (its rows and their share of the rollups removed); null while it stands.</summary>
    public DateTimeOffset? UndoneAt { get; set; }
    public string? UndoneBy { get; set; }
}

/// <summary>One respondent's answers about one brand in one wave: the source of truth.</summary>
public sealed class Response
{
    public int WaveId { get; set; }
    public int BrandId { get; set; }
    public required string RespondentId { get; set; }
    public long ImportId { get; set; }
    /// <summary>Line in the imported file, to trace a number back to its source.</summary>
    public int Line { get; set; }
    public Role Role { get; set; }
    public short? ClearBrandPromise { get; set; }
    public short? EmpoweredEmployees { get; set; }
    public short? EmpoweredCustomers { get; set; }
    public short? LastingMemories { get; set; }
    public short? ExceptionalDelivery { get; set; }
    public double Weight { get; set; } = 1;
    public short? Nps { get; set; }
    public short? Csat { get; set; }
    public short? Ces { get; set; }
}

/// <summary>
/// The sufficient statistics of one role of one brand in one wave (ADR 0001), kept in step with
/// the responses by the importer. <see cref="Sums"/> is <see cref="RollupLayout"/>'s flattening
/// of a <see cref="RoleStatistics"/>.
/// </summary>
public sealed class RoleRollup
{
    public int BrandId { get; set; }
    public int WaveId { get; set; }
    public Role Role { get; set; }
    /// <summary>Qualifying respondents (also inside <see cref="Sums"/>; kept as a column for people reading the table).</summary>
    public long Respondents { get; set; }
    public double[] Sums { get; set; } = [];
}
