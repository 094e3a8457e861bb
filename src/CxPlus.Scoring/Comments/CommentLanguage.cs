namespace CxPlus.Scoring.Comments;

/// <summary>
/// The language of a comment (issue 29: detected, else the installation's): Dutch or English, told
/// apart by their commonest short words, which a comment of a few words already carries. Search
/// reads each comment with its own language's dictionary (PostgreSQL's <c>dutch</c> or <c>english</c>).
/// </summary>
public static class CommentLanguage
{
    /// <summary>The languages comments are read in.</summary>
    public static IReadOnlyList<string> All { get; } = ["nl", "en"];

    // Words frequent in one language and rare in the other ("is", "in", "of" are in both and left out).
    private static readonly HashSet<string> Dutch = new(
        ["de", "het", "een", "en", "ik", "niet", "van", "op", "te", "dat", "die", "maar", "met", "voor", "je", "wat", "zijn", "heb", "bij", "nog",
         "geen", "er", "ze", "wel", "ook", "was", "mijn", "naar", "om", "heel", "erg", "goed", "slecht", "snel", "altijd", "nooit", "werd", "wordt", "kan", "moet"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> English = new(
        ["the", "a", "and", "i", "not", "to", "it", "but", "with", "for", "you", "my", "have", "at", "very", "on", "are", "they", "no", "so",
         "this", "that", "be", "been", "were", "would", "could", "good", "bad", "always", "never", "got", "get", "help", "helped", "service", "about"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create(" ,.!?;:\"'()\n\r\t");

    // The words are looked up as spans of the comment: no string per word (an import detects hundreds of thousands).
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> DutchWords = Dutch.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishWords = English.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The comment's language, <c>nl</c> or <c>en</c>; <paramref name="otherwise"/> when its words do not tell.</summary>
    public static string Detect(string comment, string otherwise)
    {
        int dutch = 0, english = 0;
        var rest = comment.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOfAny(Separators);
            var word = end < 0 ? rest : rest[..end];
            if (!word.IsEmpty)
            {
                if (DutchWords.Contains(word)) dutch++;
                if (EnglishWords.Contains(word)) english++;
            }
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return dutch > english ? "nl" : english > dutch ? "en" : otherwise;
    }
}
