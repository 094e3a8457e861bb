namespace CxPlus.Data.Accounts;

/// <summary>
/// What a role may do. Admin may do everything; the others add one right to browsing.
/// A user may hold several roles.
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

    public static IReadOnlyList<string> All { get; } = [Viewer, Consultant, DataManager, Admin];

    /// <summary>The role's canonical spelling, whatever the case typed; null when there is no such role.</summary>
    public static string? Find(string name) => All.FirstOrDefault(r => string.Equals(r, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
