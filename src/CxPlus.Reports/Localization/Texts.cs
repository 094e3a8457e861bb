using System.Globalization;
using System.Resources;
using CxPlus.Scoring;

namespace CxPlus.Reports.Localization;

/// <summary>
/// Every text a person reads, by key: <c>Texts.resx</c> in English, <c>Texts.nl.resx</c> in Dutch
/// (after ../shared/glossary-nl.md). The pages read them through ASP.NET Core's
/// <c>IStringLocalizer&lt;Texts&gt;</c>, the reports and files through <see cref="Get"/>; both are
/// .NET's ResourceManager over the same files, in the current UI culture unless one is given.
/// </summary>
public sealed class Texts
{
    private static readonly ResourceManager Resources = new(typeof(Texts).FullName!, typeof(Texts).Assembly);

    /// <summary>The text of a key in the culture (default: the current UI culture); the key itself when it has none, so a gap shows.</summary>
    public static string Get(string key, CultureInfo? culture = null) => Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture) ?? key;

    /// <summary>A text with values put in its numbered places ({0}, {1}), formatted in the same culture.</summary>
    public static string Format(string key, params object?[] values) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), values);

    /// <summary>A verdict's name for people ("Under-delivers", "Onderpresteert"); links and files keep <see cref="Verdicts.DisplayName"/>'s English key.</summary>
    public static string Verdict(Verdict verdict) => Get($"Verdict.{verdict}");

    /// <summary>
    /// A predictor's or lens item's name for people: the pillars and KEI items have Dutch names
    /// (<c>Item.{key}</c>); the five success factors are proper names in every language, so they keep <paramref name="name"/>.
    /// </summary>
    public static string Item(string key, string name) => Resources.GetString($"Item.{key}", CultureInfo.CurrentUICulture) ?? name;

    /// <summary>A lens's name ("Six Pillars (CEE)") and its score's ("CEE-score").</summary>
    public static string Lens(Scoring.Lenses.Lens lens) => Get($"Lens.{lens}");

    public static string ScoreName(Scoring.Lenses.Lens lens) => Get($"LensScore.{lens}");
}
