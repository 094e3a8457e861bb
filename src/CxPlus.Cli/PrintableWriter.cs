using System.Text;
using CxPlus.Scoring;

namespace CxPlus.Cli;

/// <summary>
/// Standard output and error as the CLI writes them: every control or invisible character that
/// comes from data (a name stored before the name rule, a file name) is written as
/// <c>\u{XXXX}</c> (<see cref="Names.Printable"/>), so data can never move the cursor, clear the
/// screen or forge a line on a terminal. Line breaks the CLI writes itself pass.
/// </summary>
internal sealed class PrintableWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value is '\n' || !char.IsControl(value) && !Names.IsForbidden(new Rune(char.IsSurrogate(value) ? ' ' : value))) inner.Write(value);
        else inner.Write(Names.Printable(value.ToString()));
    }

    public override void Write(string? value) => inner.Write(Printable(value));

    public override void WriteLine(string? value)
    {
        inner.Write(Printable(value));
        inner.Write('\n');
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush() => inner.Flush();

    // Line by line: the CLI's own '\n' is kept, everything else made printable.
    private static string Printable(string? value) =>
        value is null ? "" : string.Join('\n', value.Split('\n').Select(Names.Printable));

    public static void Install()
    {
        Console.SetOut(new PrintableWriter(Console.Out));
        Console.SetError(new PrintableWriter(Console.Error));
    }
}
