using System.Globalization;
using System.Text;

namespace CxPlus.Scoring;

/// <summary>
/// The one rule for the identity of sector, brand and wave names (data-format.md, "Names"):
/// trimmed and normalised to Unicode NFC before anything else, and compared case-insensitively.
/// The importer, the store's unique indexes (which hold <see cref="Key"/>), every lookup, every
/// route and every file name use this class, so two spellings that are one name can never
/// become two sectors (e.g. "Kelvin" written with the Kelvin sign U+212A, which NFC turns into K).
/// </summary>
public static class Names
{
    /// <summary>Names compared by <see cref="Key"/>: equal when they are one name.</summary>
    public static IEqualityComparer<string> Comparer { get; } = new KeyComparer();

    /// <summary>The spelling that is stored and shown: trimmed and in NFC.</summary>
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        return IsAscii(trimmed) ? trimmed : trimmed.Normalize(NormalizationForm.FormC).Trim();
    }

    /// <summary>
    /// What identifies a name: <see cref="Normalize"/>, then case folded (upper, then lower, so
    /// that final and medial sigma, or ẞ and ß, fold alike), in NFC again.
    /// </summary>
    public static string Key(string name)
    {
        var normal = Normalize(name);
        if (IsAscii(normal)) return normal.ToLowerInvariant();
        return normal.ToUpperInvariant().ToLowerInvariant().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Whether two names are one name.</summary>
    public static bool Same(string a, string b) => string.Equals(Key(a), Key(b), StringComparison.Ordinal);

    /// <summary>
    /// Why a name cannot be stored, or null when it can: a control character (U+0000–U+001F,
    /// U+007F–U+009F) or an invisible format character (zero-width space, joiners, bidirectional
    /// marks, soft hyphen, line and paragraph separators), named by its code point.
    /// </summary>
    public static string? Problem(string name) => ForbiddenRune(name) is { } rune
        ? string.Create(CultureInfo.InvariantCulture, $"holds an invisible or control character (U+{rune.Value:X4}); names may hold letters, digits, spaces and punctuation only")
        : null;

    /// <summary>The first character a name may not hold (<see cref="IsForbidden"/>); null when it has none.</summary>
    public static Rune? ForbiddenRune(string name)
    {
        foreach (var rune in name.EnumerateRunes())
            if (IsForbidden(rune)) return rune;
        return null;
    }

    /// <summary>Control and invisible format characters: never part of a name, never written raw to a terminal or a log.</summary>
    public static bool IsForbidden(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>
    /// A text made safe to print or log: every control or invisible character is written as
    /// <c>\u{XXXX}</c>, so data can neither move a terminal's cursor nor start a new log line.
    /// </summary>
    public static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var clean = true;
        foreach (var rune in text.EnumerateRunes())
            if (IsForbidden(rune)) { clean = false; break; }
        if (clean) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsForbidden(rune)) sb.Append(CultureInfo.InvariantCulture, $"\\u{{{rune.Value:X4}}}");
            else sb.Append(rune.ToString());
        }
        return sb.ToString();
    }

    /// <summary>
    /// For spotting look-alikes, never for identity: case folded, compatibility forms folded
    /// ("ＢＡＮＫ"), letters that look alike across scripts made one (Unicode's confusable skeleton,
    /// UTS #39: a Cyrillic "а" in "Bаnk"), and accents removed ("Télécom" beside "Telecom").
    /// </summary>
    public static string Skeleton(string name) =>
        // Accents go first and the case is folded again: "İ" is "I" with a dot, and without it a small "i"
        // (Unicode's skeleton maps a capital I to "l"); then the confusables, whose output may hold marks.
        WithoutMarks(ConfusableSkeleton.Of(WithoutMarks(Key(name)).ToLowerInvariant()));

    private static string WithoutMarks(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Whether two different names look alike, so that one is probably a misspelling of the other:
    /// the same but for accents ("Télécom", "Telecom"), or, for names of five characters or more,
    /// at most two letters apart ("Telecoms", "Telecom"). False for one name (<see cref="Same"/>).
    /// </summary>
    public static bool LookAlike(string a, string b) => !Same(a, b) && SkeletonsAlike(Skeleton(a), Skeleton(b));

    /// <summary><see cref="LookAlike"/> on skeletons already made (<see cref="Skeleton"/>), for comparing many names.</summary>
    public static bool SkeletonsAlike(string x, string y) => x == y || Math.Min(x.Length, y.Length) >= 5 && EditDistanceAtMost(x, y, 2);

    /// <summary>
    /// The characters of <paramref name="name"/> beyond ASCII that <paramref name="other"/> does not have,
    /// as code points ("U+0430 а"): what makes two look-alikes differ when the eye cannot tell.
    /// </summary>
    public static string DifferingCharacters(string name, string other)
    {
        var theirs = other.EnumerateRunes().ToHashSet();
        var differing = name.EnumerateRunes().Where(r => r.Value > 0x7F && !theirs.Contains(r)).Distinct().Take(4)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"U+{r.Value:X4} {(IsForbidden(r) ? "" : r.ToString())}").TrimEnd()).ToList();
        return string.Join(", ", differing);
    }

    /// <summary>Levenshtein distance of at most <paramref name="limit"/>, in one band of the table.</summary>
    private static bool EditDistanceAtMost(string x, string y, int limit)
    {
        if (Math.Abs(x.Length - y.Length) > limit) return false;
        var previous = new int[y.Length + 1];
        var current = new int[y.Length + 1];
        for (var j = 0; j <= y.Length; j++) previous[j] = j;
        for (var i = 1; i <= x.Length; i++)
        {
            current[0] = i;
            var best = i;
            for (var j = 1; j <= y.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
                best = Math.Min(best, current[j]);
            }
            if (best > limit) return false;
            (previous, current) = (current, previous);
        }
        return previous[y.Length] <= limit;
    }

    private static bool IsAscii(string s) => Ascii.IsValid(s);

    private sealed class KeyComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => x is null || y is null ? x == y : string.Equals(Key(x), Key(y), StringComparison.Ordinal);
        public int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(Key(obj));
    }
}
