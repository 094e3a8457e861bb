using CxPlus.Data.League;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace CxPlus.Web.Components;

/// <summary>
/// Links sent before a rename or merge (bookmarks, e-mailed pages, a deck's footer, a script's
/// API call) keep working: an address that names a sector or brand by a former name is answered
/// with the same address under the current names (the page's own segments after <c>sectors/</c>
/// and <c>brands/</c>, and the comparison's <c>brand</c> parameters). Only asked after a lookup
/// failed, so a current address costs nothing.
/// </summary>
public static class FormerLinks
{
    /// <summary>
    /// The address with current names, or null when it names nothing renamed or merged;
    /// <paramref name="pathAndQuery"/> is the address as requested, escaped, from its first '/'.
    /// </summary>
    public static async Task<string?> CurrentAsync(LeagueQueries queries, string pathAndQuery, CancellationToken ct)
    {
        var parts = pathAndQuery.Split('?', 2);
        var segments = parts[0].Split('/');
        var sectorAt = Array.IndexOf(segments, "sectors") + 1;
        if (sectorAt == 0 || sectorAt >= segments.Length) return null;
        var brandAt = Array.IndexOf(segments, "brands", sectorAt) + 1;
        var hasBrand = brandAt > 0 && brandAt < segments.Length;
        var query = QueryHelpers.ParseQuery(parts.Length > 1 ? parts[1] : null);
        var chosen = query.TryGetValue("brand", out var values) ? values.OfType<string>().ToArray() : [];
        try
        {
            string[] asked = hasBrand ? [Uri.UnescapeDataString(segments[brandAt]), .. chosen] : chosen;
            if (await queries.CurrentNamesAsync(Uri.UnescapeDataString(segments[sectorAt]), asked, ct) is not { } current) return null;

            segments[sectorAt] = Uri.EscapeDataString(current.Sector);
            var next = 0;
            if (hasBrand) segments[brandAt] = Uri.EscapeDataString(current.Brands[next++]);
            var rebuilt = new QueryBuilder();
            foreach (var (key, list) in query)
                foreach (var value in list)
                    rebuilt.Add(key, key == "brand" ? current.Brands[next++] : value ?? "");
            return string.Join('/', segments) + rebuilt.ToQueryString();
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
