using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CxPlus.Web.Components;

/// <summary>
/// Names in routes, exactly (design.md "One rule for names"): links escape every name with
/// <see cref="Links"/>, so "Tryg A/S" travels as <c>Tryg%20A%2FS</c>. The server decodes the
/// path except for <c>%2F</c>, which would make <c>A%2FS</c> and <c>A%252FS</c> the same; this
/// class decodes the route parameter from the raw request target instead, segment by segment,
/// so every name comes back exactly as it was linked.
/// </summary>
public static class RouteNames
{
    /// <summary>The decoded value of a route parameter; null when the route has no such parameter.</summary>
    public static string? Decode(HttpContext context, string parameter)
    {
        if (!context.Request.RouteValues.TryGetValue(parameter, out var routed) || routed is not string decoded) return null;
        // Without the raw target (a test host), the path's only escape left is %2F.
        var value = decoded.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern }) return value;
        var index = pattern.PathSegments.ToList().FindIndex(s => s.Parts is [RoutePatternParameterPart p] && p.Name == parameter);
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (index < 0 || string.IsNullOrEmpty(raw) || raw[0] != '/') return value;
        var segments = raw.Split('?', 2)[0][1..].Split('/');
        // The raw path has the route's segments one for one when the app is served at the root.
        if (context.Request.PathBase.HasValue || segments.Length != pattern.PathSegments.Count) return value;
        try
        {
            return Uri.UnescapeDataString(segments[index]);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }
}
