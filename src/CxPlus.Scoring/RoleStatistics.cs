namespace CxPlus.Scoring;

/// <summary>
/// Everything the methodology needs about one role of one brand in one wave, as sums
/// (steps 2–7 and the standard indicators). Built from responses with <see cref="Add"/> or
/// merged from partial sums with <c>+</c>; merging is associative and commutative, so the store
/// keeps these as rollups and a league table never needs the raw rows.
/// </summary>
/// <param name="Incomplete">Step 2: respondents who rated fewer than three factors (excluded from every score).</param>
/// <param name="Composite">Steps 3–4, 6–7: sums of the qualifying respondents' composites <c>c_i</c>.</param>
/// <param name="Factors">Step 5: sums of the rescaled ratings per factor, over qualifying respondents who rated it.</param>
/// <param name="Nps">NPS answers of qualifying respondents: promoters (9–10) high, detractors (0–6) low.</param>
/// <param name="Csat">CSAT answers of qualifying respondents: 4–5 high.</param>
/// <param name="Ces">CES answers of qualifying respondents, as a weighted mean.</param>
public sealed record RoleStatistics(
    long Incomplete,
    WeightedSums Composite,
    FactorSums Factors,
    ShareSums Nps,
    ShareSums Csat,
    WeightedSums Ces)
{
    /// <summary>No respondents.</summary>
    public static RoleStatistics Empty { get; } = new(0, default, default, default, default, default);

    /// <summary>Step 6: number of qualifying respondents <c>n</c>.</summary>
    public long Qualifying => Composite.N;

    /// <summary>Builds the statistics of a set of responses.</summary>
    public static RoleStatistics From(IEnumerable<SurveyResponse> responses, ScoringSettings settings)
    {
        var builder = new RoleStatisticsBuilder(settings);
        Span<int?> ratings = stackalloc int?[SuccessFactors.Count];
        foreach (var response in responses)
        {
            for (var k = 0; k < ratings.Length; k++) ratings[k] = response.Ratings[k];
            builder.Add(ratings, response.Weight, response.Nps, response.Csat, response.Ces);
        }
        return builder.Build();
    }

    /// <summary>
    /// These statistics with one more response: steps 1–3 applied to it (rescale, qualify,
    /// composite) and its values added to the sums.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A rating is off the settings' scale.</exception>
    public RoleStatistics Add(SurveyResponse response, ScoringSettings settings)
    {
        var builder = new RoleStatisticsBuilder(settings, this);
        Span<int?> ratings = stackalloc int?[SuccessFactors.Count];
        for (var k = 0; k < ratings.Length; k++) ratings[k] = response.Ratings[k];
        builder.Add(ratings, response.Weight, response.Nps, response.Csat, response.Ces);
        return builder.Build();
    }

    /// <summary>The statistics of two disjoint sets of respondents together.</summary>
    public static RoleStatistics operator +(RoleStatistics a, RoleStatistics b) => new(
        a.Incomplete + b.Incomplete, a.Composite + b.Composite, a.Factors + b.Factors,
        a.Nps + b.Nps, a.Csat + b.Csat, a.Ces + b.Ces);

    /// <summary>The statistics of <paramref name="a"/> without the respondents of <paramref name="b"/> (undoing an import).</summary>
    public static RoleStatistics operator -(RoleStatistics a, RoleStatistics b) => new(
        a.Incomplete - b.Incomplete, a.Composite - b.Composite, a.Factors - b.Factors,
        a.Nps - b.Nps, a.Csat - b.Csat, a.Ces - b.Ces);
}
