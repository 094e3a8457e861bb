namespace CxPlus.Scoring;

/// <summary>Step 27: what a category's customers are compared on with the brand's other customers.</summary>
public enum ContrastMeasure
{
    /// <summary><c>X</c> (only when the brand's prospects carry the segment).</summary>
    Score,
    /// <summary><c>P</c>, the CX Performance Score.</summary>
    Performance,
    /// <summary><c>E</c> (only when the brand's prospects carry the segment).</summary>
    Expectation,
    /// <summary><c>G</c> (only when the brand's prospects carry the segment).</summary>
    Gap,
    /// <summary>A success factor's score (<see cref="CategoryContrast.Factor"/>).</summary>
    Factor,
    /// <summary>The Net Promoter Score, when asked.</summary>
    Nps,
}

/// <summary>Step 27: one difference of a category against the rest of the brand, on one measure.</summary>
/// <param name="Measure">What is compared.</param>
/// <param name="Factor">The success factor, for <see cref="ContrastMeasure.Factor"/>.</param>
/// <param name="InCategory">The category's estimate.</param>
/// <param name="Others">The estimate over the brand's respondents in the segment's other categories.</param>
/// <param name="Difference">Category minus others, with its p-value and its Benjamini–Hochberg q over the segment's categories.</param>
public sealed record CategoryContrast(ContrastMeasure Measure, SuccessFactor? Factor, Estimate InCategory, Estimate Others, Difference Difference);

/// <summary>Step 27: a category of a segment against the brand's other customers of that segment.</summary>
/// <param name="Category">The category.</param>
/// <param name="Customers">Its qualifying customers.</param>
/// <param name="OtherCustomers">The qualifying customers in the segment's other categories (not those in none).</param>
/// <param name="Contrasts">Every measure that could be compared, in <see cref="ContrastMeasure"/> and factor order.</param>
public sealed record CategoryContrasts(string Category, long Customers, long OtherCustomers, IReadOnlyList<CategoryContrast> Contrasts)
{
    /// <summary>The contrast on one measure (and factor); null when it could not be made for this category.</summary>
    public CategoryContrast? Of((ContrastMeasure Measure, SuccessFactor? Factor) measure) =>
        Contrasts.FirstOrDefault(c => c.Measure == measure.Measure && c.Factor == measure.Factor);
}

/// <summary>
/// Step 27: for one brand in one wave and one segment, each category's customers against the brand's
/// customers in the other categories: P, each factor score and NPS; and, when the brand's prospects
/// carry the segment, E, G and X too. The two groups are independent samples (SE and Welch df by
/// step 11, p-value as step 17); the p-values of one measure over the segment's categories are one
/// family, adjusted by Benjamini–Hochberg.
/// </summary>
/// <param name="Brand">The brand.</param>
/// <param name="Segment">The segment.</param>
/// <param name="ProspectsCarrySegment">Whether any of the brand's prospects carries the segment (E, G and X are compared only then).</param>
/// <param name="Categories">In the order given.</param>
public sealed record SegmentContrast(string Brand, string Segment, bool ProspectsCarrySegment, IReadOnlyList<CategoryContrasts> Categories)
{
    /// <summary>Computes the contrasts from each category's statistics (customers, prospects) of the brand.</summary>
    public static SegmentContrast Compute(string brand, string segment,
        IReadOnlyList<(string Category, RoleStatistics Customers, RoleStatistics Prospects)> categories, ScoringSettings settings)
    {
        var level = settings.ConfidenceLevel;
        var carried = categories.Any(c => c.Prospects.Qualifying + c.Prospects.Incomplete > 0);
        // Per category: its result and that of the rest, summed from the other categories (the sums are additive).
        RoleStatistics Sum(IEnumerable<RoleStatistics> parts) => parts.Aggregate(RoleStatistics.Empty, (s, x) => s + x);
        var results = categories.Select((c, i) => (c.Category,
            In: BrandResult.Compute(new BrandWave(brand, c.Customers, c.Prospects), settings),
            Others: BrandResult.Compute(new BrandWave(brand,
                Sum(categories.Where((_, j) => j != i).Select(o => o.Customers)),
                Sum(categories.Where((_, j) => j != i).Select(o => o.Prospects))), settings))).ToList();

        var raw = results.Select(r => Compared(r.In, r.Others, carried)
            .Where(m => m.In is not null && m.Others is not null)
            .Select(m => (m.Measure, m.Factor, In: m.In!, Others: m.Others!, Difference: Estimate.Combine(level, (1, m.In!), (-1, m.Others!))))
            .ToList()).ToList();
        // One family per measure (and factor): its p-values over the categories.
        var alpha = 1 - level;
        var adjusted = new Dictionary<(ContrastMeasure, SuccessFactor?), Queue<double?>>();
        foreach (var group in raw.SelectMany((list, i) => list.Select(m => (i, m))).GroupBy(x => (x.m.Measure, x.m.Factor)))
            adjusted[group.Key] = new Queue<double?>(FalseDiscoveryRate.Adjust([.. group.Select(x => x.m.Difference.PValue)]));

        return new SegmentContrast(brand, segment, carried, [.. results.Select((r, i) => new CategoryContrasts(r.Category,
            r.In.Customers.N, r.Others.Customers.N,
            [.. raw[i].Select(m =>
            {
                var q = adjusted[(m.Measure, m.Factor)].Dequeue();
                return new CategoryContrast(m.Measure, m.Factor, m.In, m.Others,
                    new Difference(m.Difference, m.Difference.PValue, q, q is { } x ? x <= alpha : null));
            })]))]);
    }

    private static IEnumerable<(ContrastMeasure Measure, SuccessFactor? Factor, Estimate? In, Estimate? Others)> Compared(BrandResult a, BrandResult b, bool carried)
    {
        if (carried) yield return (ContrastMeasure.Score, null, a.Score, b.Score);
        yield return (ContrastMeasure.Performance, null, a.Performance, b.Performance);
        if (carried)
        {
            yield return (ContrastMeasure.Expectation, null, a.Expectation, b.Expectation);
            yield return (ContrastMeasure.Gap, null, a.Gap, b.Gap);
        }
        foreach (var f in SuccessFactors.All) yield return (ContrastMeasure.Factor, f, a.Customers[f].Score, b.Customers[f].Score);
        yield return (ContrastMeasure.Nps, null, a.Customers.Nps, b.Customers.Nps);
    }

    /// <summary>The measures compared in any category, in <see cref="ContrastMeasure"/> and factor order: a table's rows.</summary>
    public IReadOnlyList<(ContrastMeasure Measure, SuccessFactor? Factor)> Measures =>
        [.. Categories.SelectMany(c => c.Contrasts).Select(c => (c.Measure, c.Factor)).Distinct()];

    /// <summary>The significant differences, largest first: what a reading says in words.</summary>
    public IReadOnlyList<(string Category, CategoryContrast Contrast)> Significant =>
        [.. Categories.SelectMany(c => c.Contrasts.Where(x => x.Difference.Significant == true).Select(x => (c.Category, x)))
            .OrderByDescending(x => Math.Abs(x.x.Difference.Estimate.Value))];
}
