namespace CxPlus.Scoring;

/// <summary>
/// Steps 17 and 21 (v3): the Benjamini–Hochberg adjustment over one family of tests (the
/// movements of one table, the differences on one compare screen). A test is significant when its
/// adjusted <c>q ≤ alpha</c>, which keeps the expected share of false discoveries among the
/// flagged ones at <c>alpha</c>.
/// </summary>
public static class FalseDiscoveryRate
{
    /// <summary>
    /// The adjusted q-values of <paramref name="pValues"/>, in their order: with the <c>k</c>
    /// p-values present sorted <c>p_(1) ≤ … ≤ p_(k)</c>, <c>q_(i) = min over j ≥ i of min(1, k·p_(j)/j)</c>.
    /// A missing p-value (a test that cannot be made) is not part of the family and gets no q.
    /// Tied p-values get the same q.
    /// </summary>
    public static double?[] Adjust(IReadOnlyList<double?> pValues)
    {
        var q = new double?[pValues.Count];
        var present = Enumerable.Range(0, pValues.Count).Where(i => pValues[i] is not null)
            .OrderBy(i => pValues[i]!.Value).ToArray();
        var k = present.Length;
        var running = 1.0;
        for (var rank = k; rank >= 1; rank--)
        {
            var i = present[rank - 1];
            running = Math.Min(running, Math.Min(1, k * pValues[i]!.Value / rank));
            q[i] = running;
        }
        return q;
    }
}
