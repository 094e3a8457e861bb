using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;

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
    private readonly double[] _drivers = new double[CrossProducts.LengthFor(SuccessFactors.Count + 1)];
    private long _pillarIncomplete;
    private WeightedSums _cee, _kei;
    private readonly WeightedSums[] _pillars = new WeightedSums[6];
    private readonly double[] _pillarDrivers = new double[CrossProducts.LengthFor(7)];
    private readonly WeightedSums[] _keiItems = new WeightedSums[3];

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
        start.Drivers.Sums.CopyTo(_drivers);
        _pillarIncomplete = start.Pillars.Incomplete;
        _cee = start.Pillars.Score;
        for (var k = 0; k < _pillars.Length; k++) _pillars[k] = start.Pillars.Pillars[k];
        start.Pillars.Drivers.Sums.CopyTo(_pillarDrivers);
        _kei = start.Kei.Score;
        for (var k = 0; k < _keiItems.Length; k++) _keiItems[k] = start.Kei.Items[k];
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
        Span<double> driverValues = stackalloc double[SuccessFactors.Count + 1];
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
            driverValues[k] = s;
        }
        // Step 22: respondents who rated all five factors and answered NPS.
        if (rated == SuccessFactors.Count && nps is { } recommendation)
        {
            driverValues[SuccessFactors.Count] = recommendation;
            CrossProducts.Accumulate(_drivers, driverValues, weight);
        }
        _composite = _composite.Add(weighted / weightTotal, weight);
        if (nps is { } n) _nps = _nps.Add(high: n >= 9, low: n <= 6, weight);
        if (csat is { } c) _csat = _csat.Add(high: c >= 4, low: false, weight);
        if (ces is { } e) _ces = _ces.Add(e, weight);
    }

    /// <summary>
    /// Adds one respondent's lens answers (steps 24–25; empty spans when the file has none): Six
    /// Pillars ratings on the rating scale in <see cref="Lenses.Lenses.Pillars"/> order, KEI answers
    /// 1..5 in <see cref="Lenses.Lenses.KeiItems"/> order, and the respondent's NPS for pillar importance.
    /// Independent of step 2: a customer may qualify for a lens without qualifying for CX+.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A rating is off its scale.</exception>
    public void AddLenses(ReadOnlySpan<int?> pillars, ReadOnlySpan<int?> kei, double weight, int? nps)
    {
        if (pillars.Length == 6)
        {
            Span<double> values = stackalloc double[7];
            double weighted = 0, weightTotal = 0;
            var rated = 0;
            for (var k = 0; k < 6; k++)
            {
                if (pillars[k] is not { } rating) continue;
                if (!_settings.IsOnScale(rating))
                    throw new ArgumentOutOfRangeException(nameof(pillars), rating,
                        $"{Lenses.Lenses.Pillars[k].Name}: {rating} is outside the rating scale {_settings.ScaleMin}..{_settings.ScaleMax}.");
                rated++;
            }
            if (rated >= Lenses.Lenses.MinPillarsRated)
            {
                for (var k = 0; k < 6; k++)
                {
                    if (pillars[k] is not { } rating) continue;
                    var s = _settings.Rescale(rating);
                    weighted += _settings.PillarWeights[k] * s;
                    weightTotal += _settings.PillarWeights[k];
                    _pillars[k] = _pillars[k].Add(s, weight);
                    values[k] = s;
                }
                _cee = _cee.Add(weighted / weightTotal, weight);
                if (rated == 6 && nps is { } recommendation)
                {
                    values[6] = recommendation;
                    CrossProducts.Accumulate(_pillarDrivers, values, weight);
                }
            }
            else if (rated > 0) _pillarIncomplete++;
        }
        if (kei.Length == 3 && kei[0] is { } a && kei[1] is { } b && kei[2] is { } c)
        {
            foreach (var answer in kei)
                if (answer is < Lenses.Lenses.KeiMin or > Lenses.Lenses.KeiMax)
                    throw new ArgumentOutOfRangeException(nameof(kei), answer, "KEI answers are 1..5.");
            int ca = Lenses.Lenses.KeiCode(a), cb = Lenses.Lenses.KeiCode(b), cc = Lenses.Lenses.KeiCode(c);
            _kei = _kei.Add(100.0 * (ca + cb + cc) / 3, weight);
            _keiItems[0] = _keiItems[0].Add(100.0 * ca, weight);
            _keiItems[1] = _keiItems[1].Add(100.0 * cb, weight);
            _keiItems[2] = _keiItems[2].Add(100.0 * cc, weight);
        }
    }

    /// <summary>The statistics so far.</summary>
    public RoleStatistics Build() => new(
        _incomplete, _composite,
        new FactorSums(_factors[0], _factors[1], _factors[2], _factors[3], _factors[4]),
        _nps, _csat, _ces,
        new CrossProducts(SuccessFactors.Count + 1, [.. _drivers]),
        new PillarStatistics(_pillarIncomplete, _cee, [.. _pillars], new CrossProducts(7, [.. _pillarDrivers])),
        new KeiStatistics(_kei, [.. _keiItems]));
}
