namespace CxPlus.Scoring.Drivers;

/// <summary>
/// Step 22 at scale: every respondent belongs to one of <see cref="Count"/> random groups, chosen
/// by a hash of its respondent id (FNV-1a), so the groups are random samples of a brand's
/// respondents whatever order the file is in. The store keeps each group's key-driver sums, and
/// <see cref="KeyDrivers.GroupBootstrap"/> resamples the groups instead of the respondents.
/// </summary>
public static class RespondentGroups
{
    /// <summary>Groups per brand and wave.</summary>
    public const int Count = 64;

    /// <summary>The group of a respondent id, 0 to <see cref="Count"/> − 1; the same on every machine and run.</summary>
    public static int Of(string respondentId)
    {
        var hash = 2166136261u;
        foreach (var c in respondentId)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        // The high bits mix best; a multiplication by a 32-bit golden-ratio constant spreads them.
        return (int)((hash * 2654435769u) >> 26);
    }
}

/// <summary>One random group's key-driver sums: the five factors and NPS, and the six pillars and NPS (step 22).</summary>
/// <param name="Factors">Cross-products of the customers who rated every factor and answered NPS.</param>
/// <param name="Pillars">Cross-products of the customers who rated every pillar and answered NPS.</param>
public sealed record DriverGroup(CrossProducts Factors, CrossProducts Pillars)
{
    /// <summary>No respondents.</summary>
    public static DriverGroup Empty { get; } = new(CrossProducts.Empty(SuccessFactors.Count + 1), CrossProducts.Empty(7));

    /// <summary>Complete respondents of either kind.</summary>
    public long N => Math.Max(Factors.N, Pillars.N);

    /// <summary>The sums of two disjoint sets of respondents together.</summary>
    public static DriverGroup operator +(DriverGroup a, DriverGroup b) => new(a.Factors + b.Factors, a.Pillars + b.Pillars);

    /// <summary>The sums of <paramref name="a"/> without the respondents of <paramref name="b"/> (an undone import).</summary>
    public static DriverGroup operator -(DriverGroup a, DriverGroup b) => new(a.Factors - b.Factors, a.Pillars - b.Pillars);
}

/// <summary>
/// Accumulates the <see cref="DriverGroup"/>s of one brand's customers in one wave, respondent by
/// respondent (the importer feeds it a million rows): steps 1 and 22's completeness, as
/// <see cref="RoleStatisticsBuilder"/> applies them to the whole brand.
/// </summary>
public sealed class DriverGroupsBuilder(ScoringSettings settings)
{
    private readonly double[]?[] _factors = new double[RespondentGroups.Count][];
    private readonly double[]?[] _pillars = new double[RespondentGroups.Count][];

    /// <summary>Adds one customer (ratings already checked against the scale).</summary>
    public void Add(string respondentId, ReadOnlySpan<int?> ratings, ReadOnlySpan<int?> pillars, double weight, int? nps) =>
        Add(RespondentGroups.Of(respondentId), ratings, pillars, weight, nps);

    /// <summary>Adds one customer of a group already known (<see cref="RespondentGroups.Of"/>).</summary>
    public void Add(int group, ReadOnlySpan<int?> ratings, ReadOnlySpan<int?> pillars, double weight, int? nps)
    {
        if (nps is not { } recommendation) return;
        Span<double> values = stackalloc double[7];
        if (Complete(ratings, values))
        {
            values[ratings.Length] = recommendation;
            CrossProducts.Accumulate(_factors[group] ??= new double[CrossProducts.LengthFor(SuccessFactors.Count + 1)], values[..(ratings.Length + 1)], weight);
        }
        if (pillars.Length == 6 && Complete(pillars, values))
        {
            values[6] = recommendation;
            CrossProducts.Accumulate(_pillars[group] ??= new double[CrossProducts.LengthFor(7)], values, weight);
        }
    }

    private bool Complete(ReadOnlySpan<int?> ratings, Span<double> values)
    {
        for (var k = 0; k < ratings.Length; k++)
        {
            if (ratings[k] is not { } rating) return false;
            values[k] = settings.Rescale(rating);
        }
        return true;
    }

    /// <summary>The groups that have a complete respondent, by group number.</summary>
    public Dictionary<int, DriverGroup> Build()
    {
        var groups = new Dictionary<int, DriverGroup>();
        for (var g = 0; g < RespondentGroups.Count; g++)
            if (_factors[g] is not null || _pillars[g] is not null)
                groups[g] = new DriverGroup(
                    _factors[g] is { } f ? new CrossProducts(SuccessFactors.Count + 1, [.. f]) : DriverGroup.Empty.Factors,
                    _pillars[g] is { } p ? new CrossProducts(7, [.. p]) : DriverGroup.Empty.Pillars);
        return groups;
    }
}
