using System.Globalization;

namespace CxPlus.Reports.Localization;

/// <summary>
/// The languages CxPlus speaks: Dutch (its market's) and English. Each has its words in one resource
/// file (<see cref="Texts"/>); a further language is its file and its code here.
/// </summary>
public static class Languages
{
    /// <summary>The languages offered, in the order the switcher shows them.</summary>
    public static IReadOnlyList<CultureInfo> Supported { get; } = [CultureInfo.GetCultureInfo("nl"), CultureInfo.GetCultureInfo("en")];

    /// <summary>The installation's default when nothing else says (<c>Localization:DefaultLanguage</c>).</summary>
    public const string DefaultCode = "nl";

    /// <summary>The supported language a code names ("nl", "NL", "nl-BE" → nl); null when it names none.</summary>
    public static CultureInfo? Find(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var trimmed = code.Trim();
        return Supported.FirstOrDefault(c => string.Equals(c.Name, trimmed, StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith(c.Name + "-", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The language by its code, or a sentence naming the codes there are.</summary>
    /// <exception cref="ArgumentException">Not a supported language.</exception>
    public static CultureInfo Parse(string? code, string setting) => Find(code)
        ?? throw new ArgumentException($"{setting}: \"{code}\" is not a language CxPlus speaks; use {string.Join(" or ", Supported.Select(c => c.Name))}.");

    /// <summary>A language's own name, as its speakers write it: "Nederlands", "English".</summary>
    public static string NativeName(CultureInfo language) => language.TextInfo.ToTitleCase(language.NativeName);
}
