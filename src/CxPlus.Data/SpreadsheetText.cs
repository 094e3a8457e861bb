namespace CxPlus.Data;

/// <summary>
/// Text in CSV files that spreadsheets open: a cell starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return is run as a formula by Excel and its kin (CSV injection),
/// so every export writes such text with an apostrophe in front, as spreadsheets themselves do.
/// Text that starts with an apostrophe gets one more, so the rule can be undone exactly: the
/// importer removes one leading apostrophe when a formula character or another apostrophe follows
/// it, and an exported file re-imports to the same names and respondent ids (data-format.md).
/// Numbers are never text and never change.
/// </summary>
public static class SpreadsheetText
{
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>The text as a spreadsheet may safely read it.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && (FormulaStarts.Contains(text[0]) || text[0] == '\'') ? "'" + text : text;

    /// <summary>Undoes <see cref="Neutralise"/> (the importer's side).</summary>
    public static string Restore(string text) =>
        text.Length > 1 && text[0] == '\'' && (FormulaStarts.Contains(text[1]) || text[1] == '\'') ? text[1..] : text;
}
