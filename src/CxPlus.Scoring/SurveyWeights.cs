using System.Globalization;

namespace CxPlus.Scoring;

/// <summary>
/// The survey weights the methodology accepts (data-format.md: 0.0001 to 10000). Outside that
/// range a weight is a fieldwork error, and at the extremes <c>w²</c> underflows to 0 or
/// overflows, which turned an insignificant gap into a significant one with a zero-width
/// interval (1e-200) or made every interval null (1e200). Within it the sums of a million
/// respondents stay far from both limits, and multiplying every weight by a constant changes no
/// result beyond rounding.
/// </summary>
public static class SurveyWeights
{
    /// <summary>The smallest weight accepted.</summary>
    public const double Min = 0.0001;

    /// <summary>The largest weight accepted.</summary>
    public const double Max = 10000;

    /// <summary>Whether <paramref name="weight"/> is a finite number in <see cref="Min"/>..<see cref="Max"/>.</summary>
    public static bool IsAllowed(double weight) => weight >= Min && weight <= Max;

    /// <summary>The range as people read it: <c>0.0001..10000</c>.</summary>
    public static string Range { get; } = string.Create(CultureInfo.InvariantCulture, $"{Min:0.####}..{Max:0}");
}
