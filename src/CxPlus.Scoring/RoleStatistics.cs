using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;

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
/// <param name="drivers">Step 22: cross-products of the five rescaled factor ratings and NPS over qualifying respondents who rated all five and answered NPS.</param>
/// <param name="pillars">Step 24: the Six Pillars' sums (customers who rated any pillar).</param>
/// <param name="kei">Step 25: the KEI's sums (customers who answered all three items).</param>
public sealed record RoleStatistics(
    long Incomplete,
    WeightedSums Composite,
    FactorSums Factors,
    ShareSums Nps,
    ShareSums Csat,
    WeightedSums Ces,
    CrossProducts? drivers = null,
    PillarStatistics? pillars = null,
    KeiStatistics? kei = null)
{
    /// <summary>No respondents.</summary>
    public static RoleStatistics Empty { get; } = new(0, default, default, default, default, default);

    /// <summary>Step 22: cross-products of the five rescaled factor ratings, then NPS (0..10), over complete respondents.</summary>
    public CrossProducts Drivers { get; } = drivers ?? CrossProducts.Empty(SuccessFactors.Count + 1);

    /// <summary>Step 24: the Six Pillars' sums.</summary>
    public PillarStatistics Pillars { get; } = pillars ?? PillarStatistics.Empty;

    /// <summary>Step 25: the KEI's sums.</summary>
    public KeiStatistics Kei { get; } = kei ?? KeiStatistics.Empty;

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
            builder.AddLenses([.. response.Pillars], [.. response.Kei], response.Weight, response.Nps);
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
        builder.AddLenses([.. response.Pillars], [.. response.Kei], response.Weight, response.Nps);
        return builder.Build();
    }

    /// <summary>The statistics of two disjoint sets of respondents together.</summary>
    public static RoleStatistics operator +(RoleStatistics a, RoleStatistics b) => new(
        a.Incomplete + b.Incomplete, a.Composite + b.Composite, a.Factors + b.Factors,
        a.Nps + b.Nps, a.Csat + b.Csat, a.Ces + b.Ces, a.Drivers + b.Drivers, a.Pillars + b.Pillars, a.Kei + b.Kei);

    /// <summary>The statistics of <paramref name="a"/> without the respondents of <paramref name="b"/> (undoing an import).</summary>
    public static RoleStatistics operator -(RoleStatistics a, RoleStatistics b) => new(
        a.Incomplete - b.Incomplete, a.Composite - b.Composite, a.Factors - b.Factors,
        a.Nps - b.Nps, a.Csat - b.Csat, a.Ces - b.Ces, a.Drivers - b.Drivers, a.Pillars - b.Pillars, a.Kei - b.Kei);
}
