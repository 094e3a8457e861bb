using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace CxPlus.Reports;

/// <summary>
/// Whose report it is: the firm's name, its accent colour and its logo (PNG or SVG), on the cover
/// and in the footer of every PDF and in the deck's slide master; and the deck's typeface. Read from the
/// <c>Branding</c> settings (<c>Branding__FirmName</c>, <c>Branding__AccentColor</c> as <c>#RRGGBB</c>,
/// <c>Branding__LogoPath</c>, <c>Branding__Font</c>); CxPlus's own when unset.
/// </summary>
public sealed partial record Branding(string FirmName, string Accent, byte[]? Logo, bool LogoIsSvg)
{
    public static readonly Branding Default = new("CxPlus", Charts.Palette.Blue, null, false);

    /// <summary>
    /// The deck's theme fonts (headings and body): a typeface the consultants' PowerPoint has, since a deck
    /// embeds none. The PDF keeps DejaVu, which it embeds and every text was measured with.
    /// </summary>
    public string Font { get; init; } = "Calibri";

    /// <exception cref="ArgumentException">A setting is not usable; the message names it.</exception>
    public static Branding From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Branding");
        var firm = section["FirmName"] is { Length: > 0 } f ? f.Trim() : Default.FirmName;
        if (firm.Length > 100 || firm.Any(char.IsControl)) throw new ArgumentException("Branding:FirmName must be at most 100 printable characters.");
        var accent = section["AccentColor"] is { Length: > 0 } a ? a.Trim() : Default.Accent;
        if (!HexColour().IsMatch(accent)) throw new ArgumentException($"Branding:AccentColor must be a colour like #1565c0; got \"{accent}\".");
        var font = section["Font"] is { Length: > 0 } t ? t.Trim() : Default.Font;
        if (font.Length > 64 || font.Any(c => char.IsControl(c) || c is ';' or ',' or '"'))
            throw new ArgumentException($"Branding:Font must be one typeface's name, at most 64 characters (e.g. Arial); got \"{font}\".");
        if (section["LogoPath"] is not { Length: > 0 } path) return new Branding(firm, accent, null, false) { Font = font };
        if (!File.Exists(path)) throw new ArgumentException($"Branding:LogoPath: there is no file {path}.");
        var bytes = File.ReadAllBytes(path);
        var svg = path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);
        var png = bytes.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47]);
        if (!svg && !png) throw new ArgumentException($"Branding:LogoPath must be a PNG or an SVG file; {path} is neither.");
        if (bytes.Length > 2 * 1024 * 1024) throw new ArgumentException("Branding:LogoPath: the logo must be at most 2 MB.");
        return new Branding(firm, accent, bytes, svg) { Font = font };
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();
}
