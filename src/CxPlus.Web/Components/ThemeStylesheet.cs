using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CxPlus.Web.Components;

/// <summary>
/// MudBlazor's theme (its CSS variables and scrollbar styles) as one stylesheet, rendered from
/// <see cref="MudThemeProvider"/> once at start-up and served like the other assets. Written into
/// every page it was 23 KB of HTML for the server to write and the browser to parse and compare at
/// each navigation; inside a circuit it was a string held by every circuit.
/// </summary>
public sealed partial class ThemeStylesheet
{
    public const string Path = "/theme.css";

    /// <summary>
    /// CxPlus's look: MudBlazor's theme with the heading sizes of a dense dashboard (page title, section,
    /// panel), set here once rather than on each heading.
    /// </summary>
    public static MudTheme Theme { get; } = new()
    {
        // Status colours dark enough for text on white (WCAG AA, 4.5:1): MudBlazor's own green, orange,
        // red and blue are 2.2, 2.2, 3.7 and 3.8, and they colour the verdict chips, the withdraw and
        // undo buttons and the notes (AccessibilityTests).
        PaletteLight = new PaletteLight
        {
            Success = "#2e7d32",
            Warning = "#a65300",
            Error = "#c62828",
            Info = "#0b66b2",
        },
        Typography = new Typography
        {
            H1 = new H1Typography { FontSize = "1.8rem" },
            H2 = new H2Typography { FontSize = "1.3rem" },
            H3 = new H3Typography { FontSize = "1.1rem" },
        },
    };

    /// <summary>The stylesheet's address with its version, so browsers keep it until the theme changes.</summary>
    public string Href { get; private set; } = Path;

    /// <summary>The stylesheet, UTF-8.</summary>
    public byte[] Css { get; private set; } = [];

    /// <summary>Renders the theme provider to HTML and keeps the text of its style elements.</summary>
    public async Task RenderAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<MudThemeProvider>(
            ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MudThemeProvider.Theme)] = Theme }))).ToHtmlString());
        var css = string.Join("\n", StyleElement().Matches(html).Select(m => m.Groups["css"].Value.Trim()));
        if (!css.Contains("--mud-palette-primary", StringComparison.Ordinal))
            throw new InvalidOperationException("MudThemeProvider rendered no theme variables; the theme stylesheet would be empty.");
        Css = Encoding.UTF8.GetBytes(css);
        Href = $"{Path}?v={Convert.ToHexStringLower(SHA256.HashData(Css), 0, 8)}";
    }

    [GeneratedRegex("<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StyleElement();
}

public static class ThemeStylesheetEndpoint
{
    /// <summary>Renders the theme once and serves it at <see cref="ThemeStylesheet.Path"/>.</summary>
    public static async Task MapThemeStylesheetAsync(this WebApplication app)
    {
        var theme = app.Services.GetRequiredService<ThemeStylesheet>();
        await theme.RenderAsync(app.Services);
        // The sign-in page is themed too, so anyone may read it; it holds colours, nothing else.
        app.MapGet(ThemeStylesheet.Path, (HttpResponse response) =>
            {
                response.Headers.CacheControl = "public, max-age=31536000, immutable"; // the link carries the version
                return Results.Bytes(theme.Css, "text/css; charset=utf-8");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
