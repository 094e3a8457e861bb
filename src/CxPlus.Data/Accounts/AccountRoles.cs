namespace CxPlus.Data.Accounts;

/// <summary>
/// What a role may do. The research agency's roles (<see cref="Staff"/>): Admin may do everything,
/// the others add one right to browsing, and a user may hold several. <see cref="Client"/> is a
/// member brand's person: alone, tied to one organisation, and seeing only what its scope allows.
/// </summary>
public static class AccountRoles
{
    /// <summary>Browses league tables, brands, comparisons.</summary>
    public const string Viewer = "Viewer";
    /// <summary>Browses and exports (PDF, Excel, CSV).</summary>
    public const string Consultant = "Consultant";
    /// <summary>Browses and imports, replaces and undoes imports.</summary>
    public const string DataManager = "DataManager";
    /// <summary>Manages users; may do everything the others may.</summary>
    public const string Admin = "Admin";

    /// <summary>A member's person: its own brands in full, the benchmark around them, nothing else (issue 27).</summary>
    public const string Client = "Client";

    /// <summary>The research agency's roles: they see every brand.</summary>
    public static IReadOnlyList<string> Staff { get; } = [Viewer, Consultant, DataManager, Admin];

    public static IReadOnlyList<string> All { get; } = [.. Staff, Client];

    /// <summary>The role's canonical spelling, whatever the case typed; null when there is no such role.</summary>
    public static string? Find(string name) => All.FirstOrDefault(r => string.Equals(r, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
