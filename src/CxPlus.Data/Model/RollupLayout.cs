using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;

namespace CxPlus.Data.Model;

/// <summary>
/// How a <see cref="RoleStatistics"/> is flattened into a rollup row's <c>sums</c> array and
/// back: incomplete count, composite (6), five factors (6 each), CES (6), NPS (5), CSAT (5);
/// since version 2 also the key-driver cross-products of the factors and NPS (29), the Six
/// Pillars (incomplete count, CEE score 6, six pillars 6 each, pillar cross-products 37) and the
/// KEI (score 6, three items 6 each).
/// </summary>
public static class RollupLayout
{
    /// <summary>
    /// Which layout this is; stored in <c>store_state</c>. <c>cxplus migrate</c> rebuilds the rollups
    /// from the raw responses when the stored one differs. Version 3: the driver groups exist
    /// beside the rollups (<see cref="DriverGroupLayout"/>), built with them. Version 4: the segment
    /// rollups exist beside them (<see cref="SegmentRollups"/>); a store at version 3 needs only those built.
    /// </summary>
    public const int Version = 4;

    private static readonly int FactorDrivers = CrossProducts.LengthFor(SuccessFactors.Count + 1);
    private static readonly int PillarDrivers = CrossProducts.LengthFor(Lenses.Pillars.Count + 1);

    /// <summary>Doubles in a rollup row's array.</summary>
    public static readonly int Length = 1 + 6 + 5 * 6 + 6 + 5 + 5 + FactorDrivers + 1 + 6 + 6 * 6 + PillarDrivers + 6 + 3 * 6;

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
        Put(a, ref i, s.Drivers);
        a[i++] = s.Pillars.Incomplete;
        Put(a, ref i, s.Pillars.Score);
        foreach (var p in s.Pillars.Pillars) Put(a, ref i, p);
        Put(a, ref i, s.Pillars.Drivers);
        Put(a, ref i, s.Kei.Score);
        foreach (var k in s.Kei.Items) Put(a, ref i, k);
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
        var nps = Share(a, ref i);
        var csat = Share(a, ref i);
        var drivers = Cross(a, ref i, SuccessFactors.Count + 1);
        var pillarIncomplete = (long)a[i++];
        var cee = Weighted(a, ref i);
        var pillars = new WeightedSums[6];
        for (var k = 0; k < pillars.Length; k++) pillars[k] = Weighted(a, ref i);
        var pillarDrivers = Cross(a, ref i, Lenses.Pillars.Count + 1);
        var kei = Weighted(a, ref i);
        var items = new WeightedSums[3];
        for (var k = 0; k < items.Length; k++) items[k] = Weighted(a, ref i);
        return new RoleStatistics(incomplete, composite, factors, nps, csat, ces, drivers,
            new PillarStatistics(pillarIncomplete, cee, pillars, pillarDrivers), new KeiStatistics(kei, items));
    }

    private static void Put(double[] a, ref int i, WeightedSums w)
    {
        a[i++] = w.N; a[i++] = w.SumW; a[i++] = w.SumW2; a[i++] = w.SumWY; a[i++] = w.SumW2Y; a[i++] = w.SumW2Y2;
    }

    private static void Put(double[] a, ref int i, ShareSums s)
    {
        a[i++] = s.N; a[i++] = s.SumW; a[i++] = s.SumW2; a[i++] = s.SumWHigh; a[i++] = s.SumWLow;
    }

    private static void Put(double[] a, ref int i, CrossProducts c)
    {
        c.Sums.CopyTo(a.AsSpan(i));
        i += c.Sums.Length;
    }

    private static CrossProducts Cross(double[] a, ref int i, int variables)
    {
        var length = CrossProducts.LengthFor(variables);
        var c = new CrossProducts(variables, a[i..(i + length)]);
        i += length;
        return c;
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
