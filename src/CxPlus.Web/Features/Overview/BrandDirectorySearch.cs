using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Web.Components;
using CxPlus.Web.Features.Accounts;

namespace CxPlus.Web.Features.Overview;

/// <summary>
/// Finding a brand by part of its name, in every sector: accents and case do not matter, names
/// that start with the text come first. The search page lists the matches; the suggestions
/// endpoint gives the search box its first few while someone types.
/// </summary>
public static class BrandDirectorySearch
{
    public const int Suggestions = 12;

    /// <summary>The directory's entries whose name contains <paramref name="text"/>; none for blank text.</summary>
    public static IReadOnlyList<BrandEntry> Find(IReadOnlyList<BrandEntry> directory, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var key = Names.Skeleton(text);
        return [.. directory.Select(e => (Entry: e, Name: Names.Skeleton(e.Brand)))
            .Where(x => x.Name.Contains(key, StringComparison.Ordinal))
            .OrderBy(x => x.Name == key ? 0 : x.Name.StartsWith(key, StringComparison.Ordinal) ? 1 : 2)
            .ThenBy(x => x.Entry.Brand, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.Entry.Sector, StringComparer.OrdinalIgnoreCase)
            .Select(x => x.Entry)];
    }

    /// <summary>The one brand a search means: the only match, or the only brand of exactly that name.</summary>
    public static BrandEntry? Only(IReadOnlyList<BrandEntry> matches, string text)
    {
        if (matches.Count == 1) return matches[0];
        var exact = matches.Where(e => Names.Same(e.Brand, text)).ToList();
        return exact.Count == 1 ? exact[0] : null;
    }

    /// <summary>Suggestions while typing: the search box's list (cookie only, like every page).</summary>
    public static IEndpointRouteBuilder MapBrandSuggestions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/search/brands", async (string? q, LeagueQueries queries, HttpResponse response, CancellationToken ct) =>
            {
                var matches = Find(await queries.BrandDirectoryAsync(ct), q);
                response.Headers.CacheControl = "private, no-store";
                return TypedResults.Ok(matches.Take(Suggestions).Select(e => new Suggestion(e.Brand, $"{e.Sector}, {e.LatestWave}", Links.Brand(e.Sector, e.LatestWave, e.Brand))));
            })
            .RequireAuthorization(Policies.Browse)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>A name to suggest, where it is (sector and latest wave), and its page.</summary>
    public sealed record Suggestion(string Value, string Label, string Href);
}
