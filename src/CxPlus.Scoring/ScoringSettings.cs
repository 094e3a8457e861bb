namespace CxPlus.Scoring;

/// <summary>
/// The benchmark's settings that methodology.md lets override its defaults: rating scale,
/// factor weights, cap, minimum bases and confidence level. Invalid values fail at construction
/// with a message naming the setting and its allowed range.
/// </summary>
public sealed record ScoringSettings
{
    /// <summary>The methodology's defaults: scale 0..10, equal weights, cap +5, bases 100/50 (effective 50/25), 95 %, drivers from 100 and their intervals from 400.</summary>
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
        double confidenceLevel = 0.95,
        int minDriverBase = 100,
        IReadOnlyList<double>? pillarWeights = null,
        double minEffectiveShare = 0.5,
        int minDriverIntervalBase = 400,
        int minSegmentCustomers = 50,
        int minSegmentProspects = 30)
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
        if (minSegmentCustomers < 1)
            throw new ArgumentException($"minimum segment customer base: must be at least 1; got {minSegmentCustomers}.", nameof(minSegmentCustomers));
        if (minSegmentProspects < 1)
            throw new ArgumentException($"minimum segment prospect base: must be at least 1; got {minSegmentProspects}.", nameof(minSegmentProspects));
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentException($"confidence level: must lie strictly between 0 and 1 (e.g. 0.95); got {confidenceLevel}.", nameof(confidenceLevel));

        if (minDriverBase < 10)
            throw new ArgumentException($"minimum driver base: must be at least 10 complete respondents (relative weights need far more than the 6 variables); got {minDriverBase}.", nameof(minDriverBase));
        if (minDriverIntervalBase < 10)
            throw new ArgumentException($"minimum driver interval base: must be at least 10 complete respondents (a bootstrap needs respondents to resample); got {minDriverIntervalBase}.", nameof(minDriverIntervalBase));
        if (!(minEffectiveShare >= 0 && minEffectiveShare <= 1))
            throw new ArgumentException($"minimum effective share: must lie between 0 and 1 (e.g. 0.5: an effective base of at least half of each minimum base); got {minEffectiveShare}.", nameof(minEffectiveShare));
        double[] pillars = [.. pillarWeights ?? [1, 1, 1, 1, 1, 1]];
        if (pillars.Length != 6)
            throw new ArgumentException($"pillar weights: exactly 6 weights are needed, one per Six Pillars pillar; got {pillars.Length}.", nameof(pillarWeights));
        if (pillars.Any(w => !double.IsFinite(w) || w < 0))
            throw new ArgumentException("pillar weights: each weight must be a finite number >= 0.", nameof(pillarWeights));
        // A qualifying customer may have rated any four pillars: no four may all weigh 0.
        if (pillars.Order().Take(4).Sum() <= 0)
            throw new ArgumentException("pillar weights: at most three weights may be 0, so that every qualifying customer (4 pillars rated) has a CEE score.", nameof(pillarWeights));

        ScaleMin = scaleMin;
        ScaleMax = scaleMax;
        FactorWeights = weights;
        Cap = cap;
        MinCustomers = minCustomers;
        MinProspects = minProspects;
        ConfidenceLevel = confidenceLevel;
        MinDriverBase = minDriverBase;
        PillarWeights = pillars;
        MinEffectiveShare = minEffectiveShare;
        MinDriverIntervalBase = minDriverIntervalBase;
        MinSegmentCustomers = minSegmentCustomers;
        MinSegmentProspects = minSegmentProspects;
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

    /// <summary>Complete respondents key drivers need (step 22; default 100).</summary>
    public int MinDriverBase { get; }

    /// <summary>
    /// Step 13 (v3): a ranked brand's effective base <c>n_eff</c> must reach this share of each
    /// minimum base (default 0.5: 50 customers and 25 prospects with the default minimums).
    /// </summary>
    public double MinEffectiveShare { get; }

    /// <summary>Step 22 (v3): complete respondents from which key drivers carry a bootstrap interval (default 400); below it they are indicative.</summary>
    public int MinDriverIntervalBase { get; }

    /// <summary>Step 26: the customers a brand needs in a segment's category to be ranked in its table (default 50).</summary>
    public int MinSegmentCustomers { get; }

    /// <summary>Step 26: the prospects a brand needs in a segment's category to be ranked in its table (default 30).</summary>
    public int MinSegmentProspects { get; }

    /// <summary>
    /// Step 26: the settings of a segment table, whose own eligibility uses the segment minimums in
    /// place of the whole-brand ones (and the same effective-base share of them). Every number of the
    /// table is computed, and its settings line written, with these.
    /// </summary>
    public ScoringSettings ForSegments() => new(ScaleMin, ScaleMax, FactorWeights, Cap, MinSegmentCustomers, MinSegmentProspects,
        ConfidenceLevel, MinDriverBase, PillarWeights, MinEffectiveShare, MinDriverIntervalBase, MinSegmentCustomers, MinSegmentProspects);

    /// <summary>Step 13 (v3): the effective customer base a ranked brand needs, <c>MinEffectiveShare · MinCustomers</c>.</summary>
    public double MinEffectiveCustomers => MinEffectiveShare * MinCustomers;

    /// <summary>Step 13 (v3): the effective prospect base a ranked brand needs, <c>MinEffectiveShare · MinProspects</c>.</summary>
    public double MinEffectiveProspects => MinEffectiveShare * MinProspects;

    /// <summary>Pillar weights in pillar order for the CEE score (step 24; default 1 each).</summary>
    public IReadOnlyList<double> PillarWeights { get; }

    /// <summary>Whether <paramref name="rating"/> lies on the rating scale.</summary>
    public bool IsOnScale(int rating) => rating >= ScaleMin && rating <= ScaleMax;

    /// <summary>Step 1: rescales a rating to 0..100.</summary>
    public double Rescale(int rating) => 100.0 * (rating - ScaleMin) / (ScaleMax - ScaleMin);

    /// <summary>Value equality including the factor weights (a list compares by reference otherwise).</summary>
    public bool Equals(ScoringSettings? other) =>
        other is not null && ScaleMin == other.ScaleMin && ScaleMax == other.ScaleMax
        && FactorWeights.SequenceEqual(other.FactorWeights) && Cap.Equals(other.Cap)
        && MinCustomers == other.MinCustomers && MinProspects == other.MinProspects
        && ConfidenceLevel.Equals(other.ConfidenceLevel) && MinDriverBase == other.MinDriverBase
        && PillarWeights.SequenceEqual(other.PillarWeights) && MinEffectiveShare.Equals(other.MinEffectiveShare)
        && MinDriverIntervalBase == other.MinDriverIntervalBase
        && MinSegmentCustomers == other.MinSegmentCustomers && MinSegmentProspects == other.MinSegmentProspects;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ScaleMin, ScaleMax, Cap, MinCustomers, MinProspects, ConfidenceLevel);

    /// <summary>One line naming every setting, for screens and reports that must state them.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"scale {ScaleMin}..{ScaleMax}; factor weights {string.Join('/', FactorWeights)}; cap +{Cap:0.0}; min bases {MinCustomers} customers / {MinProspects} prospects; confidence {ConfidenceLevel:P0}{(MinEffectiveShare != 0.5 ? $"; min effective share {MinEffectiveShare:0.##}" : "")}{(MinDriverBase != 100 ? $"; min driver base {MinDriverBase}" : "")}{(MinDriverIntervalBase != 400 ? $"; min driver interval base {MinDriverIntervalBase}" : "")}{(PillarWeights.Any(w => w != 1) ? $"; pillar weights {string.Join('/', PillarWeights)}" : "")}{(MinSegmentCustomers != 50 || MinSegmentProspects != 30 ? $"; min segment bases {MinSegmentCustomers} customers / {MinSegmentProspects} prospects" : "")}");
}
