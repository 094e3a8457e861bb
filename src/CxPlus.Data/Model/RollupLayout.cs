using CxPlus.Scoring;

namespace CxPlus.Data.Model;

/// <summary>
/// How a <see cref="RoleStatistics"/> is flattened into a rollup row's <c>sums</c> array and
/// back: incomplete count, composite (6), five factors (6 each), CES (6), NPS (5), CSAT (5).
/// </summary>
public static class RollupLayout
{
    /// <summary>
    /// Which layout this is; stored in <c>store_state</c>. <c>cxplus migrate</c> rebuilds the rollups
    /// from the raw responses when the stored one differs.
    /// </summary>
    public const int Version = 1;

    public const int Length = 1 + 6 + 5 * 6 + 6 + 5 + 5;

    public static double[] ToArray(RoleStatistics s)
    {
        var a = new double[Length];
        var i = 0;
        a[i++] = s.Incomplete;
        Put(a, ref i, s.Composite);
        foreach (var f in SuccessFactors.All) Put(a, ref i, s.Factors[f]);
        Put(a, ref i, s.Ces);
        Put(a, ref i, s.Nps);
        Put(a, ref i, s.Csat);
        return a;
    }

    public static RoleStatistics FromArray(double[] a)
    {
        if (a.Length != Length) throw new InvalidDataException($"A rollup has {Length} sums; found {a.Length}. Rebuild the rollups.");
        var i = 0;
        var incomplete = (long)a[i++];
        var composite = Weighted(a, ref i);
        var factors = new FactorSums(Weighted(a, ref i), Weighted(a, ref i), Weighted(a, ref i), Weighted(a, ref i), Weighted(a, ref i));
        var ces = Weighted(a, ref i);
        return new RoleStatistics(incomplete, composite, factors, Share(a, ref i), Share(a, ref i), ces);
    }

    private static void Put(double[] a, ref int i, WeightedSums w)
    {
        a[i++] = w.N; a[i++] = w.SumW; a[i++] = w.SumW2; a[i++] = w.SumWY; a[i++] = w.SumW2Y; a[i++] = w.SumW2Y2;
    }

    private static void Put(double[] a, ref int i, ShareSums s)
    {
        a[i++] = s.N; a[i++] = s.SumW; a[i++] = s.SumW2; a[i++] = s.SumWHigh; a[i++] = s.SumWLow;
    }

    private static WeightedSums Weighted(double[] a, ref int i)
    {
        var w = new WeightedSums((long)a[i], a[i + 1], a[i + 2], a[i + 3], a[i + 4], a[i + 5]);
        i += 6;
        return w;
    }

    private static ShareSums Share(double[] a, ref int i)
    {
        var s = new ShareSums((long)a[i], a[i + 1], a[i + 2], a[i + 3], a[i + 4]);
        i += 5;
        return s;
    }
}
