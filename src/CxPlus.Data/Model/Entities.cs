using CxPlus.Scoring;

namespace CxPlus.Data.Model;

/// <summary>A market in which brands compete (banking, energy, ...).</summary>
public sealed class Sector
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary><see cref="Names.Key"/> of the name: what the unique index and every lookup compare.</summary>
    public required string NameKey { get; set; }
    public List<Brand> Brands { get; } = [];
}

/// <summary>A competing brand; its name is unique (case-insensitively) within its sector.</summary>
public sealed class Brand
{
    public int Id { get; set; }
    public int SectorId { get; set; }
    public Sector Sector { get; set; } = null!;
    public required string Name { get; set; }
    /// <summary><see cref="Names.Key"/> of the name, unique within the sector.</summary>
    public required string NameKey { get; set; }
}

/// <summary>
/// A name a sector was known by before a rename or merge, so that links, bookmarks and reports
/// sent before the change still lead to it. A current name always wins over a former one.
/// </summary>
public sealed class SectorFormerName
{
    /// <summary><see cref="Names.Key"/> of the former name.</summary>
    public required string NameKey { get; set; }
    public int SectorId { get; set; }
}

/// <summary>A name a brand was known by in its sector before a rename or merge (see <see cref="SectorFormerName"/>).</summary>
public sealed class BrandFormerName
{
    public int SectorId { get; set; }
    /// <summary><see cref="Names.Key"/> of the former name, unique within the sector.</summary>
    public required string NameKey { get; set; }
    public int BrandId { get; set; }
}

/// <summary>A fieldwork wave, e.g. <c>2026-Q3</c>; waves are ordered by code.</summary>
public sealed class Wave
{
    public int Id { get; set; }
    public required string Code { get; set; }
    /// <summary><see cref="Names.Key"/> of the code.</summary>
    public required string CodeKey { get; set; }
    /// <summary>
    /// When retention removed the wave's respondent rows (and its driver groups); null while they are
    /// stored. A retained wave keeps its rollups and frozen key drivers, so every published number stays;
    /// no import, undo or rebuild can change it any more.
    /// </summary>
    public DateTimeOffset? RetainedAt { get; set; }
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
    /// <summary>When retention removed (some of) the import's rows; such an import can no longer be undone.</summary>
    public DateTimeOffset? RetainedAt { get; set; }
    /// <summary>The import stored comments that are not searchable by the index yet (<see cref="Comments.CommentSearch"/>).</summary>
    public bool CommentsPending { get; set; }
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
    // Six Pillars (methodology step 24), on the rating scale; null when not asked or don't know.
    public short? Personalisation { get; set; }
    public short? Integrity { get; set; }
    public short? Expectations { get; set; }
    public short? Resolution { get; set; }
    public short? TimeAndEffort { get; set; }
    public short? Empathy { get; set; }
    // KEI (step 25), 1..5; null when not asked or don't know.
    public short? Effectiveness { get; set; }
    public short? Ease { get; set; }
    public short? Emotion { get; set; }
    /// <summary>The respondent's random group for key-driver intervals at scale (<see cref="CxPlus.Scoring.Drivers.RespondentGroups"/>).</summary>
    public short Grp { get; set; }
    /// <summary>Its category of each segment its file carried (step 26), as a JSON object <c>{"age": "18-34"}</c>; null without any.</summary>
    public string? Segments { get; set; }
}

/// <summary>
/// What a respondent wrote (step 28: its personal data replaced before it was stored), with what the
/// comment's readers need beside it, in a narrow table of its own: a wave's comments sit on a few
/// hundred pages instead of spread over the responses' tens of thousands (docs/performance.md).
/// It belongs to the response of the same import and line, and every writer of responses (import,
/// undo, replace, erasure, retention, merge) keeps it with that response in the same transaction.
/// </summary>
public sealed class StoredComment
{
    public int WaveId { get; set; }
    public int BrandId { get; set; }
    public long ImportId { get; set; }
    /// <summary>The response's line in its file: with the import, the response it belongs to.</summary>
    public int Line { get; set; }
    public Role Role { get; set; }
    /// <summary>The author's NPS answer: the comment's tone (step 30).</summary>
    public short? Nps { get; set; }
    public double Weight { get; set; } = 1;
    /// <summary>How many success factors the author rated: a customer with enough counts in the theme shares (step 29).</summary>
    public short Rated { get; set; }
    /// <summary>The author's segment categories, as on the response.</summary>
    public string? Segments { get; set; }
    /// <summary><c>nl</c> or <c>en</c>: search reads the comment with that language's dictionary.</summary>
    public required string Language { get; set; }
    public required string Text { get; set; }
    /// <summary>
    /// The text as PostgreSQL's full-text search reads it, in the comment's language; null until the
    /// import's comments were made searchable, just after its commit (<see cref="Comments.CommentSearch"/>).
    /// </summary>
    public NpgsqlTypes.NpgsqlTsVector? Search { get; set; }
}

/// <summary>
/// One random group's key-driver sums of one brand's customers in one wave (step 22 at scale),
/// kept in step with the responses like the rollups. <see cref="Sums"/> is
/// <see cref="CxPlus.Data.DriverGroupLayout"/>'s flattening of a <see cref="CxPlus.Scoring.Drivers.DriverGroup"/>.
/// </summary>
public sealed class DriverGroupSums
{
    public int WaveId { get; set; }
    public int BrandId { get; set; }
    public short Grp { get; set; }
    public double[] Sums { get; set; } = [];
}

/// <summary>
/// Key drivers with their bootstrap intervals, computed from a wave's respondents just before
/// retention removed them (the intervals need the respondents; the weights alone come from the
/// rollups): what the pages and reports show for that wave from then on.
/// </summary>
public sealed class FrozenDrivers
{
    public int WaveId { get; set; }
    public int SectorId { get; set; }
    /// <summary>The brand; 0 for the sector pooled.</summary>
    public int BrandId { get; set; }
    /// <summary>The lens key (<c>cx</c>, <c>cee</c>).</summary>
    public required string Lens { get; set; }
    /// <summary>The <see cref="CxPlus.Scoring.Drivers.DriverResult"/> as JSON (numbers to the last bit).</summary>
    public required string Result { get; set; }
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

/// <summary>
/// The sufficient statistics of one role of one brand in one wave among the respondents of one
/// segment's category (methodology step 26), in <see cref="RollupLayout"/> like a <see cref="RoleRollup"/>.
/// The sums are additive, so segment tables are read from these rows, never from raw responses.
/// </summary>
public sealed class SegmentRollup
{
    public int WaveId { get; set; }
    /// <summary>The segment's name as first stored (the name rule decides sameness across files).</summary>
    public required string Segment { get; set; }
    /// <summary>The category's name as first stored.</summary>
    public required string Category { get; set; }
    public int BrandId { get; set; }
    public Role Role { get; set; }
    /// <summary>Qualifying respondents (also inside <see cref="Sums"/>).</summary>
    public long Respondents { get; set; }
    public double[] Sums { get; set; } = [];
}

/// <summary>
/// Who did what, when, and how it went (sign-ins, exports, imports, undos, renames, merges, user
/// changes): never respondent data or passwords. Read by the administrators' audit page.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The signed-in user, the CLI's --by, or the e-mail a failed sign-in named.</summary>
    public required string Actor { get; set; }
    /// <summary>What was done, e.g. <c>sign-in</c>, <c>export</c>, <c>import</c>, <c>undo</c>, <c>rename-brand</c>.</summary>
    public required string Action { get; set; }
    /// <summary>What it was done to, in words (a file, a sector and wave, a user).</summary>
    public required string Target { get; set; }
    /// <summary>How it went, e.g. <c>succeeded</c>, <c>refused: 3 problems</c>, <c>locked out</c>.</summary>
    public required string Outcome { get; set; }
}

/// <summary>
/// The one row of store-wide state: the generation every change that can alter a number bumps
/// in its own transaction (caches are keyed by it), and the rollup layout the rollups were built with.
/// </summary>
public sealed class StoreState
{
    public int Id { get; set; }
    public long Generation { get; set; }
    public int RollupLayout { get; set; }
    /// <summary>Bumped by every change that can end a token's or a user's access (revoke, disable, roles): token caches are keyed by it.</summary>
    public long AccountsGeneration { get; set; }
}

/// <summary>A secret of the store's own (the key of respondent pseudonyms): made once, never shown or logged.</summary>
public sealed class StoreKey
{
    public required string Name { get; set; }
    public required byte[] Key { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
