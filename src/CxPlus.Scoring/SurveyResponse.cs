namespace CxPlus.Scoring;

/// <summary>
/// One respondent's answers about one brand: a rating per success factor (null = "don't know",
/// left out, never zero), the survey weight and the optional standard indicators.
/// </summary>
public sealed record SurveyResponse
{
    /// <summary>Creates a response, checking shape and ranges that do not depend on settings.</summary>
    public SurveyResponse(IReadOnlyList<int?> ratings, double weight = 1, int? nps = null, int? csat = null, int? ces = null,
        IReadOnlyList<int?>? pillars = null, IReadOnlyList<int?>? kei = null)
    {
        if (ratings.Count != SuccessFactors.Count)
            throw new ArgumentException($"A response has {SuccessFactors.Count} factor ratings; got {ratings.Count}.", nameof(ratings));
        if (!SurveyWeights.IsAllowed(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"A survey weight must lie in {SurveyWeights.Range}.");
        if (nps is < 0 or > 10) throw new ArgumentOutOfRangeException(nameof(nps), nps, "NPS answers are 0..10.");
        if (csat is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(csat), csat, "CSAT answers are 1..5.");
        if (ces is < 1 or > 7) throw new ArgumentOutOfRangeException(nameof(ces), ces, "CES answers are 1..7.");
        if (pillars is not null && pillars.Count != 6)
            throw new ArgumentException($"A response has 6 pillar ratings or none; got {pillars.Count}.", nameof(pillars));
        if (kei is not null && kei.Count != 3)
            throw new ArgumentException($"A response has 3 KEI answers or none; got {kei.Count}.", nameof(kei));
        if (kei?.Any(k => k is < Lenses.Lenses.KeiMin or > Lenses.Lenses.KeiMax) == true)
            throw new ArgumentOutOfRangeException(nameof(kei), "KEI answers are 1..5.");
        Ratings = [.. ratings];
        Pillars = [.. pillars ?? new int?[6]];
        Kei = [.. kei ?? new int?[3]];
        Weight = weight;
        Nps = nps;
        Csat = csat;
        Ces = ces;
    }

    /// <summary>Ratings in <see cref="SuccessFactors.All"/> order on the benchmark's scale; null = don't know.</summary>
    public IReadOnlyList<int?> Ratings { get; }

    /// <summary>Survey weight <c>w_i</c>, in <see cref="SurveyWeights"/>' range.</summary>
    public double Weight { get; }

    /// <summary>Likelihood to recommend 0..10, if asked.</summary>
    public int? Nps { get; }

    /// <summary>Overall satisfaction 1..5, if asked.</summary>
    public int? Csat { get; }

    /// <summary>Customer effort 1..7 (7 = very easy), if asked.</summary>
    public int? Ces { get; }

    /// <summary>Six Pillars ratings on the benchmark's scale (step 24), in <see cref="Lenses.Lenses.Pillars"/> order; null = not asked or don't know.</summary>
    public IReadOnlyList<int?> Pillars { get; }

    /// <summary>KEI answers 1..5 (step 25), in <see cref="Lenses.Lenses.KeiItems"/> order; null = not asked or don't know.</summary>
    public IReadOnlyList<int?> Kei { get; }

    /// <summary>Step 2: rated at least three factors.</summary>
    public bool Qualifies => Ratings.Count(r => r is not null) >= ScoringSettings.MinFactorsRated;
}
