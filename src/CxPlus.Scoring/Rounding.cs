namespace CxPlus.Scoring;

/// <summary>"Display": rounding half away from zero, used for display and the ranking rule of step 14 only.</summary>
public static class Rounding
{
    /// <summary>Scores, gaps and intervals: one decimal, half away from zero.</summary>
    public static double OneDecimal(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>The index: a whole number, half away from zero.</summary>
    public static double Whole(double value) => Math.Round(value, 0, MidpointRounding.AwayFromZero);
}
