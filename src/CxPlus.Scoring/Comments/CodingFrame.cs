using System.Globalization;
using System.Text;

namespace CxPlus.Scoring.Comments;

/// <summary>
/// A theme of the coding frame (step 29): its name in every language the product speaks, the success
/// factor it belongs to (if any), and its match rules per language: whole words, or stems ending in
/// <c>*</c> (<c>wacht*</c>), matched case- and accent-insensitively.
/// </summary>
/// <param name="Key">Its stable key (<c>waiting</c>), as files and links name it.</param>
/// <param name="NameNl">Its Dutch name.</param>
/// <param name="NameEn">Its English name.</param>
/// <param name="Factor">The success factor it belongs to; null for none.</param>
/// <param name="RulesNl">Rules for Dutch comments.</param>
/// <param name="RulesEn">Rules for English comments.</param>
public sealed record Theme(string Key, string NameNl, string NameEn, SuccessFactor? Factor, IReadOnlyList<string> RulesNl, IReadOnlyList<string> RulesEn)
{
    /// <summary>Its name in a language (<c>nl</c>, else English).</summary>
    public string Name(string language) => language == "nl" ? NameNl : NameEn;

    /// <summary>Its rules for a comment in a language.</summary>
    public IReadOnlyList<string> Rules(string language) => language == "nl" ? RulesNl : RulesEn;
}

/// <summary>
/// The coding frame of a benchmark (step 29): its themes, and which of them a comment mentions. A
/// comment mentions a theme when one of the theme's rules in the comment's language matches one of
/// its words; one comment can mention several themes.
/// </summary>
public sealed class CodingFrame
{
    private readonly (string[] Words, string[] Stems)[][] _rules; // per theme, per language (0 nl, 1 en)

    /// <summary>A frame of these themes, in this order.</summary>
    public CodingFrame(IReadOnlyList<Theme> themes)
    {
        Themes = themes;
        _rules = [.. themes.Select(t => new[] { Compile(t.RulesNl), Compile(t.RulesEn) })];
    }

    /// <summary>The themes, in the frame's order.</summary>
    public IReadOnlyList<Theme> Themes { get; }

    private static (string[] Words, string[] Stems) Compile(IReadOnlyList<string> rules) =>
        ([.. rules.Where(r => !r.EndsWith('*')).Select(Fold)], [.. rules.Where(r => r.EndsWith('*')).Select(r => Fold(r[..^1]))]);

    // Per language, each word form met and the themes it matches: comments repeat their words, and folding a
    // word (lower case, accents off) and trying every rule on it cost more than the rest of step 29 (measured).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int[]>[] _known = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
    private const int MaxKnownWords = 200_000;

    /// <summary>Which themes the comment mentions: one flag per theme, in the frame's order.</summary>
    public bool[] Mentions(string comment, string language)
    {
        var flags = new bool[Themes.Count];
        var l = language == "nl" ? 0 : 1;
        foreach (var (start, length) in RawWords(comment))
            foreach (var t in ThemesOfWord(comment.Substring(start, length), l)) flags[t] = true;
        return flags;
    }

    /// <summary>
    /// The comment in order, each word marked when it matches one of the theme's rules (how a comments
    /// list shows why a comment counts for a theme).
    /// </summary>
    /// <param name="comment">The comment as stored.</param>
    /// <param name="language">Its language (<c>nl</c>, else English).</param>
    /// <param name="theme">The theme's place in <see cref="Themes"/>.</param>
    public IReadOnlyList<(string Text, bool Matched)> Mark(string comment, string language, int theme)
    {
        var l = language == "nl" ? 0 : 1;
        var parts = new List<(string, bool)>();
        var at = 0;
        foreach (var (start, length) in RawWords(comment))
        {
            var word = comment.Substring(start, length);
            if (Array.IndexOf(ThemesOfWord(word, l), theme) < 0) continue;
            if (start > at) parts.Add((comment[at..start], false));
            parts.Add((word, true));
            at = start + length;
        }
        if (at < comment.Length || parts.Count == 0) parts.Add((comment[at..], false));
        return parts;
    }

    private int[] ThemesOfWord(string word, int language)
    {
        var known = _known[language];
        if (!known.TryGetValue(word, out var themes))
        {
            themes = ThemesOf(Fold(word), language);
            if (known.Count < MaxKnownWords) known.TryAdd(word, themes);
        }
        return themes;
    }

    private int[] ThemesOf(string folded, int language)
    {
        List<int>? themes = null;
        for (var t = 0; t < _rules.Length; t++)
        {
            var (exact, stems) = _rules[t][language];
            if (Array.IndexOf(exact, folded) >= 0 || stems.Any(s => folded.StartsWith(s, StringComparison.Ordinal))) (themes ??= []).Add(t);
        }
        return themes is null ? [] : [.. themes];
    }

    /// <summary>The comment's words as written: runs of letters and digits, outside step 28's placeholders (<c>[telefoon]</c>).</summary>
    private static IEnumerable<(int Start, int Length)> RawWords(string comment)
    {
        var start = -1;
        var placeholder = false;
        for (var i = 0; i <= comment.Length; i++)
        {
            var c = i < comment.Length ? comment[i] : ' ';
            if (c == '[') placeholder = true;
            else if (c == ']') placeholder = false;
            if (!placeholder && char.IsLetterOrDigit(c))
            {
                if (start < 0) start = i;
            }
            else if (start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }

    /// <summary>The comment's words, folded: letters and digits, lower case, without accents.</summary>
    public static string[] Words(string comment) => [.. RawWords(comment).Select(w => Fold(comment.Substring(w.Start, w.Length)))];

    /// <summary>Lower case without accents (<c>Één</c> → <c>een</c>): how rules and words are compared.</summary>
    public static string Fold(string text)
    {
        if (System.Text.Ascii.IsValid(text)) return text.Trim().ToLowerInvariant();
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(c);
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The frame CxPlus ships (Dutch and English), each theme linked to the success factor it speaks
    /// of where there is one; data managers change it to suit their benchmark.
    /// </summary>
    public static CodingFrame Starting { get; } = new(
    [
        new("waiting", "Wachten en bereikbaarheid", "Waiting and reachability", SuccessFactor.ExceptionalDelivery,
            ["wacht*", "gewacht", "bereikba*", "onbereikba*", "lang", "traag", "wachttijd*", "terugbel*", "belde"], ["wait*", "reach*", "slow", "hold", "queue*", "callback", "called"]),
        new("staff", "Houding van medewerkers", "Staff attitude", SuccessFactor.EmpoweredEmployees,
            ["vriendelijk*", "onvriendelijk*", "medewerker*", "personeel", "behulpza*", "afgepoept", "onbeschoft"], ["friendly", "kind", "rude", "staff", "employee*", "helpful", "polite"]),
        new("knowledge", "Kennis en oplossen", "Knowledge and solving", SuccessFactor.ExceptionalDelivery,
            ["opgelost", "oplossing*", "deskundig*", "verstand", "weten", "uitleg*", "klacht*"], ["solv*", "knew", "know*", "answer*", "expert*", "complaint*"]),
        new("digital", "Digitaal en app", "Digital and app", SuccessFactor.EmpoweredCustomers,
            ["app", "internetbankieren", "online", "website", "inlog*", "crash*", "zelf"], ["app", "online", "website", "log", "login", "crash*", "myself"]),
        new("price", "Prijs en waarde", "Price and value", null,
            ["duur", "prijs*", "kosten", "goedkoop", "tarie*", "afgeschreven", "geld"], ["expensive", "price*", "cost*", "cheap", "fee*", "charged", "money"]),
        new("clarity", "Duidelijke communicatie", "Clear communication", SuccessFactor.ClearBrandPromise,
            ["duidelijk*", "onduidelijk*", "voorwaarden", "beloft*", "verwacht*", "lettertjes", "reclame"], ["clear*", "unclear", "promis*", "expect*", "print", "advertis*"]),
        new("personal", "Persoonlijke aandacht", "Personal attention", SuccessFactor.LastingMemories,
            ["persoonlijk*", "aandacht", "nummer", "verjaardag", "gebaar", "bijzonders", "extra"], ["personal*", "attention", "number", "birthday", "touch", "special"]),
    ]);
}
