namespace CxPlus.Data.Clients;

/// <summary>
/// A member of the benchmark, e.g. "Volksspaar NV": it holds one or more brands (its grants) and
/// its people sign in with the role Client. They see their own brands in full and the benchmark
/// around them (the published headline of the other brands).
/// </summary>
public sealed class Organisation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary><see cref="CxPlus.Scoring.Names.Key"/> of the name, unique.</summary>
    public required string NameKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A brand an organisation holds. Keyed by the brand's id, so a rename keeps it as it is and a
/// merge carries it to the brand the other joined.
/// </summary>
public sealed class OrganisationBrand
{
    public int OrganisationId { get; set; }
    public int BrandId { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
}

/// <summary>
/// A sector's league table in a wave as every member may see it: the published headline of each
/// brand (<see cref="CxPlus.Scoring.BrandResult.Headline"/>) and the sector's factor averages and
/// bests, no brand's factor-level detail. Written from the full table by <see cref="PublishedTables"/>
/// for the store generation it was computed in; a client's requests read these rows and the
/// rollups of its own brands, nothing else (row-level security, <see cref="ClientReads"/>).
/// </summary>
public sealed class PublishedTable
{
    public int SectorId { get; set; }
    public int WaveId { get; set; }
    /// <summary>Step 26: the segment's name key of a segment view's table; empty for the whole brands' table.</summary>
    public string SegmentKey { get; set; } = "";
    /// <summary>The category's name key of a segment view's table; empty for the whole brands' table.</summary>
    public string CategoryKey { get; set; } = "";
    /// <summary>The store generation the table was computed in; an older one is published again before it is read.</summary>
    public long Generation { get; set; }
    /// <summary>The headline table as JSON (<see cref="PublishedTables"/>).</summary>
    public string Body { get; set; } = "";
}
