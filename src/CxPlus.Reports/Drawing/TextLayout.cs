namespace CxPlus.Reports.Drawing;

/// <summary>Text fitted to a width before it is drawn: wrapped into lines, and shortened with an ellipsis when the lines run out.</summary>
public static class TextLayout
{
    public const string Ellipsis = "…";

    /// <summary>
    /// Words wrapped into lines no wider than <paramref name="width"/>; a word wider than the
    /// line (a 60-letter name without spaces) is broken between letters. At most
    /// <paramref name="maxLines"/> lines: the last one then ends in an ellipsis.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, double size, double width, bool bold = false, int maxLines = int.MaxValue)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (Fonts.Width(candidate, size, bold) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0) lines.Add(line);
            line = word;
            while (Fonts.Width(line, size, bold) > width && line.Length > 1)
            {
                var fits = FittingPrefix(line, size, width, bold);
                lines.Add(line[..fits]);
                line = line[fits..];
            }
        }
        if (line.Length > 0) lines.Add(line);
        if (lines.Count <= maxLines) return lines;
        var kept = lines.Take(maxLines).ToList();
        kept[^1] = Fit(string.Join(" ", lines.Skip(maxLines - 1)), size, width, bold);
        return kept;
    }

    /// <summary>The text, or as much of it as fits in <paramref name="width"/> followed by an ellipsis.</summary>
    public static string Fit(string text, double size, double width, bool bold = false)
    {
        if (Fonts.Width(text, size, bold) <= width) return text;
        var room = width - Fonts.Width(Ellipsis, size, bold);
        if (room <= 0) return Ellipsis;
        return text[..FittingPrefix(text, size, room, bold)].TrimEnd() + Ellipsis;
    }

    /// <summary>How many leading characters fit (at least one, so that wrapping always moves on); never splits a surrogate pair.</summary>
    private static int FittingPrefix(string text, double size, double width, bool bold)
    {
        int low = 1, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Fonts.Width(text[..mid], size, bold) <= width) low = mid; else high = mid - 1;
        }
        if (low < text.Length && char.IsLowSurrogate(text[low]) && low > 1) low--;
        return low;
    }
}
