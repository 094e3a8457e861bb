namespace CxPlus.Web.Components;

/// <summary>Deep links to every view; names are escaped so any brand name round-trips.</summary>
public static class Links
{
    /// <summary>
    /// Where a person starts: a member's person (role Client) at its benchmark, since the agency's league
    /// table and overview list every brand in full and refuse it; everyone else at the latest league table.
    /// </summary>
    public static string Home(System.Security.Claims.ClaimsPrincipal? user) => IsMember(user) ? "/benchmark" : "/";

    /// <summary>A member's person (role Client), whom the agency's pages refuse.</summary>
    public static bool IsMember(System.Security.Claims.ClaimsPrincipal? user) =>
        user?.IsInRole(CxPlus.Data.Accounts.AccountRoles.Client) == true;

    public static string League(string sector, string wave) => $"/sectors/{Uri.EscapeDataString(sector)}/waves/{Uri.EscapeDataString(wave)}";

    public static string Brand(string sector, string wave, string brand) => $"{League(sector, wave)}/brands/{Uri.EscapeDataString(brand)}";

    /// <summary>The comparison of <paramref name="brands"/> in a sector's wave, one <c>brand</c> parameter each.</summary>
    public static string Compare(string sector, string wave, IEnumerable<string> brands) =>
        $"{League(sector, wave)}/compare?{string.Join('&', brands.Select(b => $"brand={Uri.EscapeDataString(b)}"))}";

    /// <summary>A link within a table's segment view (step 26), when it is one: <c>segment</c> and <c>category</c> added to its query.</summary>
    public static string InSegment(string link, CxPlus.Scoring.LeagueTable table) => InSegment(link, table.Segment);

    /// <summary>A link within a segment view when there is one (a lens table's, or a table's).</summary>
    public static string InSegment(string link, CxPlus.Scoring.SegmentCut? cut) => cut is not null
        ? $"{link}{(link.Contains('?', StringComparison.Ordinal) ? '&' : '?')}segment={Uri.EscapeDataString(cut.Segment)}&category={Uri.EscapeDataString(cut.Category)}"
        : link;
}
