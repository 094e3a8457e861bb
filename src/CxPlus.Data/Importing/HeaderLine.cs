namespace CxPlus.Data.Importing;

/// <summary>
/// Reads a file's first line to tell its separator (data-format.md: a comma, or a semicolon as Dutch
/// and Belgian Excel save CSV: whichever the header holds more of outside quotes), then hands the
/// whole text on, that line included, as one reader.
/// </summary>
internal static class HeaderLine
{
    public static (char Separator, TextReader Reader) Read(TextReader text, int maxChars)
    {
        var line = new System.Text.StringBuilder();
        int commas = 0, semicolons = 0;
        var quoted = false;
        int c;
        while (line.Length <= maxChars && (c = text.Read()) >= 0)
        {
            line.Append((char)c);
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == '\n') break;
        }
        return (semicolons > commas ? ';' : ',', new Prefixed(line.ToString(), text));
    }

    /// <summary>The header line already read, then the rest of the text.</summary>
    private sealed class Prefixed(string prefix, TextReader rest) : TextReader
    {
        private int _at;

        public override int Peek() => _at < prefix.Length ? prefix[_at] : rest.Peek();

        public override int Read() => _at < prefix.Length ? prefix[_at++] : rest.Read();

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_at >= prefix.Length) return rest.Read(buffer);
            var n = Math.Min(buffer.Length, prefix.Length - _at);
            prefix.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            _at < prefix.Length ? ValueTask.FromResult(Read(buffer.Span)) : rest.ReadAsync(buffer, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing) rest.Dispose();
            base.Dispose(disposing);
        }
    }
}
