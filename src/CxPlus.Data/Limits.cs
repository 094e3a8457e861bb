namespace CxPlus.Data;

/// <summary>Lengths the store accepts; the importer checks them so a data manager reads a sentence, not a database error.</summary>
public static class Limits
{
    public const int NameLength = 200;
    public const int WaveCodeLength = 50;
    public const int RespondentIdLength = 100;
}
