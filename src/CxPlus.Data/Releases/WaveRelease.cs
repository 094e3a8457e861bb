namespace CxPlus.Data.Releases;

/// <summary>
/// A sector's wave released to members (issue 30): while there is no row for a (sector, wave) the
/// wave is a draft, which members and their tokens cannot see at all (row-level security reads this
/// table). Who released it and when stay with the row and in the audit.
/// </summary>
public sealed class WaveRelease
{
    public int SectorId { get; set; }
    public int WaveId { get; set; }
    public DateTimeOffset ReleasedAt { get; set; }
    public string ReleasedBy { get; set; } = "";

    /// <summary>
    /// Who released the waves an installation already had when releases came (migration WaveReleases
    /// wrote this): no person, so readers are told it in their own language rather than shown this text.
    /// </summary>
    public const string ByTheUpdate = "released before wave releases existed";
}
