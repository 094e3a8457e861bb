using System.Text.RegularExpressions;

namespace CxPlus.Scoring.Comments;

/// <summary>The kinds of personal data step 28 removes from a comment, in the order they are looked for.</summary>
public enum PersonalData
{
    /// <summary>An e-mail address: <c>[e-mail]</c>.</summary>
    Email,
    /// <summary>A web address: <c>[link]</c>.</summary>
    Link,
    /// <summary>A bank account number: <c>[iban]</c>.</summary>
    Iban,
    /// <summary>A Dutch or Belgian telephone number: <c>[telefoon]</c> / <c>[phone]</c>.</summary>
    Phone,
    /// <summary>A postcode with a house number, or a street and number: <c>[adres]</c> / <c>[address]</c>.</summary>
    Address,
    /// <summary>Any other run of six or more digits: <c>[nummer]</c> / <c>[number]</c>.</summary>
    Number,
}

/// <summary>A comment with its personal data replaced, and how many of each kind were.</summary>
/// <param name="Text">The comment as it may be stored and shown.</param>
/// <param name="Removed">Per kind, how many were replaced; a kind not found is absent.</param>
public sealed record RedactedComment(string Text, IReadOnlyDictionary<PersonalData, int> Removed);

/// <summary>
/// Step 28: personal data in a comment is replaced by a placeholder in the comment's language
/// before the comment is stored anywhere: e-mail addresses, web addresses, IBANs, Dutch and Belgian
/// telephone numbers, postcodes with a house number and street addresses, and any other run of six
/// or more digits. The rules run in that order on what the earlier ones left, so an e-mail address is
/// one e-mail address, not also a link and a number; placeholders never match a later rule, so a
/// comment redacted once stays the same when redacted again (a re-imported export).
/// </summary>
public static partial class CommentRedaction
{
    /// <summary>The longest comment the contract takes (data-format.md).</summary>
    public const int MaxLength = 4000;

    private static readonly (PersonalData Kind, Regex Pattern)[] Rules =
    [
        (PersonalData.Email, Email()),
        (PersonalData.Link, Link()),
        (PersonalData.Iban, Iban()),
        (PersonalData.Phone, Phone()),
        (PersonalData.Address, Address()),
        (PersonalData.Number, Number()),
    ];

    /// <summary>The placeholder of a kind in a language (<c>nl</c> or <c>en</c>).</summary>
    public static string Placeholder(PersonalData kind, string language) => (kind, language) switch
    {
        (PersonalData.Email, _) => "[e-mail]",
        (PersonalData.Link, _) => "[link]",
        (PersonalData.Iban, _) => "[iban]",
        (PersonalData.Phone, "nl") => "[telefoon]",
        (PersonalData.Phone, _) => "[phone]",
        (PersonalData.Address, "nl") => "[adres]",
        (PersonalData.Address, _) => "[address]",
        (PersonalData.Number, "nl") => "[nummer]",
        (PersonalData.Number, _) => "[number]",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Replaces the personal data in <paramref name="comment"/> with placeholders in <paramref name="language"/>.</summary>
    public static RedactedComment Redact(string comment, string language)
    {
        Dictionary<PersonalData, int>? removed = null;
        var text = comment;
        foreach (var (kind, pattern) in Rules)
        {
            if (!MayHold(kind, text)) continue;
            var count = 0;
            var placeholder = Placeholder(kind, language);
            text = pattern.Replace(text, _ =>
            {
                count++;
                return placeholder;
            });
            if (count > 0) (removed ??= [])[kind] = count;
        }
        return new RedactedComment(text, removed ?? Empty);
    }

    private static readonly Dictionary<PersonalData, int> Empty = [];

    /// <summary>
    /// Whether the text has what every match of the kind's rule must have, found with one vectorised
    /// scan: most comments hold no digit, no <c>@</c> and no dot inside a word, and trying the six rules
    /// on each was most of the client's work in an import with comments (0.56 s of 294,417; docs/performance.md).
    /// Never false where the rule could match: then the rule runs as before.
    /// </summary>
    private static bool MayHold(PersonalData kind, string text) => kind switch
    {
        PersonalData.Email => text.Contains('@'),
        // www.… and a bare domain have a dot with something other than a space after it; http(s):// has its colon.
        PersonalData.Link => text.Contains(':') || DotInside(text),
        // Each of these rules needs a digit (\d is any Unicode decimal digit, not only 0-9).
        _ => text.AsSpan().IndexOfAnyInRange('0', '9') >= 0 || (!System.Text.Ascii.IsValid(text) && text.Any(char.IsDigit)),
    };

    private static bool DotInside(string text)
    {
        for (var at = text.IndexOf('.'); at >= 0; at = text.IndexOf('.', at + 1))
            if (at + 1 < text.Length && text[at + 1] != ' ') return true;
        return false;
    }

    // name@domain.tld, letters of any script.
    [GeneratedRegex(@"[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // http(s)://…, www.…, or a bare domain with a common ending and an optional path.
    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s<>""]+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:nl|be|com|org|net|eu|info|io|co\.uk)\b(?:/[^\s<>""]*)?",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    // Two letters, two check digits, then 11 to 30 letters or digits, in groups of four or not (NL91 ABNA 0417 1643 00, BE71096123456769).
    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Iban();

    // +31 / +32 / 0031 / 0032 or a national 0, then nine or ten more digits in any grouping with spaces,
    // dashes, dots, slashes or brackets: 06 12345678, 06-12345678, 020-123 45 67, (010) 1234567,
    // +31 (0)6 1234 5678, 0470 12 34 56, 04/123.45.67, +32 470 12 34 56.
    [GeneratedRegex(@"(?:(?<![\w+])(?:\+|00)3[12][\s.-]?(?:\(0\)[\s.-]?)?|(?<![\w(])\(?0)\d(?:[\s./()-]{0,2}\d){7,9}(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    // A Dutch postcode (1234 AB, 1234AB; lower case only without a space), with the house number when one follows;
    // a Belgian postcode followed by a house number (2000 12); a street of the common endings and its number.
    [GeneratedRegex(@"\b[1-9]\d{3}(?:[ ]?[A-Z]{2}|[a-z]{2})\b(?:[ ,]{0,2}\d{1,5}(?:[ -]?[a-zA-Z]\b)?)?|\b[1-9]\d{3}[ ]\d{1,4}[a-z]?\b|\b\p{L}+(?:straat|laan|weg|plein|lei|dreef|steenweg|kaai|markt|gracht|singel|dijk|hof|pad|kade|street|road|avenue|lane)[ ]\d{1,5}[ ]?[a-zA-Z]?\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    // Any other run of six or more digits (a customer or policy number).
    [GeneratedRegex(@"\d{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
