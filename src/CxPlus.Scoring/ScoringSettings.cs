namespace CxPlus.Scoring;

/// <summary>
/// The benchmark's settings that methodology.md lets override its defaults: rating scale,
/// factor weights, cap, minimum bases and confidence level. Invalid values fail at construction
/// with a message naming the setting and its allowed range.
/// </summary>
public sealed record ScoringSettings
{
    /// <summary>The methodology's defaults: scale 0..10, equal weights, cap +5, bases 100/50, 95 %.</summary>
    public static ScoringSettings Default { get; } = new();

    /// <summary>Minimum number of factors a respondent must rate to qualify (step 2). Fixed by the methodology.</summary>
    public const int MinFactorsRated = 3;

    /// <summary>Creates settings, validating every value.</summary>
    /// <exception cref="ArgumentException">A value is outside its allowed range.</exception>
    public ScoringSettings(
        int scaleMin = 0,
        int scaleMax = 10,
        IReadOnlyList<double>? factorWeights = null,
        double cap = 5.0,
        int minCustomers = 100,
        int minProspects = 50,
        double confidenceLevel = 0.95)
    {
        if (scaleMin >= scaleMax)
            throw new ArgumentException($"rating scale: the minimum ({scaleMin}) must be below the maximum ({scaleMax}).", nameof(scaleMin));
        double[] weights = [.. factorWeights ?? [1, 1, 1, 1, 1]];
        if (weights.Length != SuccessFactors.Count)
            throw new ArgumentException($"factor weights: exactly {SuccessFactors.Count} weights are needed, one per success factor; got {weights.Length}.", nameof(factorWeights));
        if (weights.Any(w => !double.IsFinite(w) || w < 0))
            throw new ArgumentException("factor weights: each weight must be a finite number >= 0.", nameof(factorWeights));
        if (weights.Sum() <= 0)
            throw new ArgumentException("factor weights: the weights sum to 0; at least three must be positive.", nameof(factorWeights));
        // A qualifying respondent may have rated any three factors; their composite needs a
        // positive denominator, so no three factors may all weigh 0.
        if (weights.Order().Take(MinFactorsRated).Sum() <= 0)
            throw new ArgumentException("factor weights: at most two weights may be 0, so that every qualifying respondent (3 factors rated) has a composite.", nameof(factorWeights));
        if (!double.IsFinite(cap) || cap < 0)
            throw new ArgumentException($"cap: must be a finite number >= 0 points; got {cap}.", nameof(cap));
        if (minCustomers < 1)
            throw new ArgumentException($"minimum customer base: must be at least 1; got {minCustomers}.", nameof(minCustomers));
        if (minProspects < 1)
            throw new ArgumentException($"minimum prospect base: must be at least 1; got {minProspects}.", nameof(minProspects));
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentException($"confidence level: must lie strictly between 0 and 1 (e.g. 0.95); got {confidenceLevel}.", nameof(confidenceLevel));

        ScaleMin = scaleMin;
        ScaleMax = scaleMax;
        FactorWeights = weights;
        Cap = cap;
        MinCustomers = minCustomers;
        MinProspects = minProspects;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>Lowest rating on the scale (default 0).</summary>
    public int ScaleMin { get; }

    /// <summary>Highest rating on the scale (default 10).</summary>
    public int ScaleMax { get; }

    /// <summary>Factor weights <c>a_k</c> in factor order (step 3; default 1 each).</summary>
    public IReadOnlyList<double> FactorWeights { get; }

    /// <summary>The most a positive gap adds to the score, in points (step 9; default +5).</summary>
    public double Cap { get; }

    /// <summary>Qualifying customers a brand needs to be ranked (step 13; default 100).</summary>
    public int MinCustomers { get; }

    /// <summary>Qualifying prospects a brand needs to be ranked (step 13; default 50).</summary>
    public int MinProspects { get; }

    /// <summary>Confidence level <c>1 - alpha</c> of every interval (step 12; default 0.95).</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Whether <paramref name="rating"/> lies on the rating scale.</summary>
    public bool IsOnScale(int rating) => rating >= ScaleMin && rating <= ScaleMax;

    /// <summary>Step 1: rescales a rating to 0..100.</summary>
    public double Rescale(int rating) => 100.0 * (rating - ScaleMin) / (ScaleMax - ScaleMin);

    /// <summary>Value equality including the factor weights (a list compares by reference otherwise).</summary>
    public bool Equals(ScoringSettings? other) =>
        other is not null && ScaleMin == other.ScaleMin && ScaleMax == other.ScaleMax
        && FactorWeights.SequenceEqual(other.FactorWeights) && Cap.Equals(other.Cap)
        && MinCustomers == other.MinCustomers && MinProspects == other.MinProspects
        && ConfidenceLevel.Equals(other.ConfidenceLevel);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ScaleMin, ScaleMax, Cap, MinCustomers, MinProspects, ConfidenceLevel);

    /// <summary>One line naming every setting, for screens and reports that must state them.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"scale {ScaleMin}..{ScaleMax}; factor weights {string.Join('/', FactorWeights)}; cap +{Cap:0.0}; min bases {MinCustomers} customers / {MinProspects} prospects; confidence {ConfidenceLevel:P0}");
}
