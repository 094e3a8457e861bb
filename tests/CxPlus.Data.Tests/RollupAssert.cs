using CxPlus.Data.Model;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

public static class RollupAssert
{
    /// <summary>Every sum equal up to floating-point rounding (sums are added in a different order).</summary>
    public static void Same(RoleStatistics actual, RoleStatistics expected, string because)
    {
        var a = RollupLayout.ToArray(actual);
        var e = RollupLayout.ToArray(expected);
        for (var i = 0; i < a.Length; i++)
            a[i].Should().BeApproximately(e[i], 1e-9 * Math.Max(1, Math.Abs(e[i])), $"sum #{i} of {because}");
    }
}
