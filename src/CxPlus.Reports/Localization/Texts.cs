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

    /// <summary>Whether <paramref name="culture"/> has a resource file of its own (not only the English it falls back to).</summary>
    public static bool HasOwnTexts(CultureInfo culture) => Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) is not null;

    /// <summary>The text of a key in the culture (default: the current UI culture); the key itself when it has none, so a gap shows.</summary>
    public static string Get(string key, CultureInfo? culture = null) => Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture) ?? key;

    /// <summary>A text with values put in its numbered places ({0}, {1}), formatted in the same culture.</summary>
    public static string Format(string key, params object?[] values) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), values);

    /// <summary>
    /// A sentence of the data layer (an import problem, a name not found) in the reader's language (its code is
    /// its key); where a language has none (English: <see cref="Data.Sentence.English"/> is its one English
    /// source), the data layer's own English.
    /// </summary>
    public static string Sentence(Data.Sentence text) =>
        Resources.GetString(text.Code, CultureInfo.CurrentUICulture) is { } template
            ? text.Write(template, CultureInfo.CurrentCulture, Sentence)
            : text.ToString();

    /// <summary>A kind of import problem with its place, "kolom role: … is geen customer of prospect".</summary>
    public static string ProblemKind(Data.Importing.ProblemKind kind) =>
        kind.Sample.KindIn(Sentence, Get("Import.Header"), column => Format("Import.Column", column));

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

    /// <summary>The settings a number was computed with, for people (files for machines keep <see cref="ScoringSettings.ToString"/>).</summary>
    public static string Settings(ScoringSettings s)
    {
        static string N(double v, string format = "0.##") => v.ToString(format, CultureInfo.CurrentCulture);
        return Format("Settings.Line", s.ScaleMin, s.ScaleMax, string.Join('/', s.FactorWeights.Select(w => N(w))), N(s.Cap, "0.0"), s.MinCustomers, s.MinProspects,
                Display.Percent(s.ConfidenceLevel))
            + (s.MinEffectiveShare != 0.5 ? Format("Settings.EffectiveShare", N(s.MinEffectiveShare)) : "")
            + (s.MinDriverBase != 100 ? Format("Settings.DriverBase", s.MinDriverBase) : "")
            + (s.MinDriverIntervalBase != 400 ? Format("Settings.DriverIntervalBase", s.MinDriverIntervalBase) : "")
            + (s.PillarWeights.Any(w => w != 1) ? Format("Settings.PillarWeights", string.Join('/', s.PillarWeights.Select(w => N(w)))) : "");
    }

    /// <summary>Why key drivers cannot be estimated, in the reader's language (from the scoring library's <see cref="Scoring.Drivers.DriverProblem"/>); in English as the files say it.</summary>
    public static string? DriverReason(Scoring.Drivers.DriverResult drivers) => drivers.Problem switch
    {
        null => drivers.Reason,
        { Issue: Scoring.Drivers.DriverIssue.TooFew } p => Format("DriverIssue.TooFew", p.N, p.Minimum, Get(p.Pillars ? "Noun.pillar" : "Noun.factor")),
        { Issue: Scoring.Drivers.DriverIssue.SameRating, Predictor: { } predictor } => Format("DriverIssue.SameRating", Item(predictor.Key, predictor.Name)),
        var p => Get($"DriverIssue.{p.Issue}"),
    };

    /// <summary>
    /// Why a brand is not ranked, in the reader's language (step 13's shortfalls, written here as the
    /// scoring library's <see cref="Eligibility.Describe"/> writes them for files): "te lage basis: 37 klanten &lt; 100".
    /// </summary>
    public static string? Reason(LeagueRow row) => row.Shortfalls is { Count: > 0 } shortfalls ? Reason(shortfalls) : row.Reason;

    /// <summary>Why a brand is not ranked in a lens's table, in the reader's language.</summary>
    public static string? Reason(Scoring.Lenses.LensRow row, Scoring.Lenses.Lens lens) => row.Eligible ? null
        : row.N == 0 ? Format("LensTable.NoneAnswered", Lens(lens))
        : row.Shortfalls is { Count: > 0 } shortfalls ? Reason(shortfalls) : row.Reason;

    public static string Reason(IReadOnlyList<BaseShortfall> shortfalls)
    {
        string Part(ShortfallKind kind, string key) => shortfalls.Any(s => s.Kind == kind)
            ? Format(key, string.Join(", ", shortfalls.Where(s => s.Kind == kind).Select(s => Format("Reason.Base",
                // An effective base rounded down, as in the files: 49.6 rounded up would read "50 < 50".
                (kind == ShortfallKind.UnequalWeights ? Math.Floor(s.Base) : s.Base).ToString("0", CultureInfo.CurrentCulture),
                Get(s.Role == Role.Customer ? "Reason.Customers" : "Reason.Prospects"), s.Minimum.ToString("0.#", CultureInfo.CurrentCulture)))))
            : "";
        return string.Join("; ", new[] { Part(ShortfallKind.LowBase, "Reason.LowBase"), Part(ShortfallKind.UnequalWeights, "Reason.Unequal") }.Where(p => p.Length > 0));
    }
}
