namespace CxPlus.Scoring;

/// <summary>
/// Accumulates <see cref="RoleStatistics"/> one respondent at a time without allocating per
/// respondent (the importer feeds it a million rows). Applies steps 1–3: rescale, qualify
/// (at least three factors rated), composite with the factor weights.
/// </summary>
public sealed class RoleStatisticsBuilder
{
    private readonly ScoringSettings _settings;
    private readonly WeightedSums[] _factors = new WeightedSums[SuccessFactors.Count];
    private long _incomplete;
    private WeightedSums _composite, _ces;
    private ShareSums _nps, _csat;

    /// <summary>Starts from <paramref name="start"/> (default: no respondents).</summary>
    public RoleStatisticsBuilder(ScoringSettings settings, RoleStatistics? start = null)
    {
        _settings = settings;
        start ??= RoleStatistics.Empty;
        _incomplete = start.Incomplete;
        _composite = start.Composite;
        foreach (var f in SuccessFactors.All) _factors[(int)f] = start.Factors[f];
        _nps = start.Nps;
        _csat = start.Csat;
        _ces = start.Ces;
    }

    /// <summary>Adds one respondent: ratings in factor order (null = don't know), weight in <see cref="SurveyWeights"/>' range and optional indicators.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rating is off the scale or the weight outside its range.</exception>
    public void Add(ReadOnlySpan<int?> ratings, double weight, int? nps = null, int? csat = null, int? ces = null)
    {
        if (ratings.Length != SuccessFactors.Count)
            throw new ArgumentException($"A response has {SuccessFactors.Count} factor ratings; got {ratings.Length}.", nameof(ratings));
        if (!SurveyWeights.IsAllowed(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"A survey weight must lie in {SurveyWeights.Range}.");
        var rated = 0;
        foreach (var r in ratings)
            if (r is not null) rated++;
        if (rated < ScoringSettings.MinFactorsRated)
        {
            _incomplete++;
            return;
        }

        double weighted = 0, weightTotal = 0;
        for (var k = 0; k < ratings.Length; k++)
        {
            if (ratings[k] is not { } rating) continue;
            if (!_settings.IsOnScale(rating))
                throw new ArgumentOutOfRangeException(nameof(ratings), rating,
                    $"{SuccessFactors.All[k].DisplayName()}: {rating} is outside the rating scale {_settings.ScaleMin}..{_settings.ScaleMax}.");
            var s = _settings.Rescale(rating);
            var a = _settings.FactorWeights[k];
            weighted += a * s;
            weightTotal += a;
            _factors[k] = _factors[k].Add(s, weight);
        }
        _composite = _composite.Add(weighted / weightTotal, weight);
        if (nps is { } n) _nps = _nps.Add(high: n >= 9, low: n <= 6, weight);
        if (csat is { } c) _csat = _csat.Add(high: c >= 4, low: false, weight);
        if (ces is { } e) _ces = _ces.Add(e, weight);
    }

    /// <summary>The statistics so far.</summary>
    public RoleStatistics Build() => new(
        _incomplete, _composite,
        new FactorSums(_factors[0], _factors[1], _factors[2], _factors[3], _factors[4]),
        _nps, _csat, _ces);
}
