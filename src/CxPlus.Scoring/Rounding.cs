namespace CxPlus.Scoring;

/// <summary>"Display": rounding half away from zero, used for display and the ranking rule of step 14 only.</summary>
/// <remarks>
/// A value that is a midpoint in exact arithmetic may reach us a few units in the last place off it:
/// X = 66.75 comes out as 66.74999999999999 when every weight is scaled by 0.0002. Rounded as it
/// stands, scaling the weights (which changes no number of the method) would change a shown score
/// and a rank. So a value within <see cref="SameNumberTolerance"/> (relative) of a midpoint rounds as
/// the midpoint: away from zero. Values further off round as they are.
/// </remarks>
public static class Rounding
{
    /// <summary>
    /// Two numbers this close (relative) are one number reached by two paths of arithmetic: a value
    /// this close to a midpoint is on it. The sums keep 15-16 digits; the property tests hold every
    /// number to 1e-9 under any split, order or scaling of the weights.
    /// </summary>
    public const double SameNumberTolerance = 1e-9;

    /// <summary>Scores, gaps and intervals: one decimal, half away from zero.</summary>
    public static double OneDecimal(double value) => Round(value, 1);

    /// <summary>The index: a whole number, half away from zero.</summary>
    public static double Whole(double value) => Round(value, 0);

    private static double Round(double value, int decimals)
    {
        if (!double.IsFinite(value)) return value;
        var scale = Math.Pow(10, decimals);
        var magnitude = Math.Abs(value) * scale;
        var whole = Math.Floor(magnitude);
        return Math.Abs(magnitude - whole - 0.5) <= SameNumberTolerance * Math.Max(1, magnitude)
            ? Math.CopySign((whole + 1) / scale, value)
            : Math.Round(value, decimals, MidpointRounding.AwayFromZero);
    }
}
