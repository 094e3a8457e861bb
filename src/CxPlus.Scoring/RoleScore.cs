namespace CxPlus.Scoring;

/// <summary>A success factor's score within one role (step 5).</summary>
/// <param name="Factor">The factor.</param>
/// <param name="N">Qualifying respondents who rated it.</param>
/// <param name="Score">Weighted mean of their rescaled ratings with SE and interval; null when nobody rated it.</param>
public sealed record FactorScore(SuccessFactor Factor, long N, Estimate? Score);

/// <summary>
/// The scores of one role of one brand in one wave (steps 4–7 and the standard indicators).
/// For customers <see cref="Score"/> is the CX Performance Score <c>P</c>, for prospects the
/// Expectation Score <c>E</c>.
/// </summary>
/// <param name="Role">Whose answers these are.</param>
/// <param name="N">Step 6: qualifying respondents.</param>
/// <param name="Incomplete">Step 2: respondents left out for rating fewer than three factors.</param>
/// <param name="EffectiveBase">Step 6: <c>n_eff</c>; null without qualifying respondents.</param>
/// <param name="Score">Step 4: the role score <c>M</c> with SE (step 7) and interval (step 12); null without qualifying respondents.</param>
/// <param name="Factors">Step 5: one score per factor, in factor order.</param>
/// <param name="Nps">Net Promoter Score; null when nobody answered.</param>
/// <param name="Csat">CSAT (share satisfied, %); null when nobody answered.</param>
/// <param name="Ces">Customer effort (mean on 1..7); null when nobody answered.</param>
public sealed record RoleScore(
    Role Role,
    long N,
    long Incomplete,
    double? EffectiveBase,
    Estimate? Score,
    IReadOnlyList<FactorScore> Factors,
    Estimate? Nps,
    Estimate? Csat,
    Estimate? Ces)
{
    /// <summary>The role's headline (<see cref="BrandResult.Headline"/>): bases and score; no factor score, NPS, CSAT or CES.</summary>
    public RoleScore Headline() => this with
    {
        Factors = [.. SuccessFactors.All.Select(f => new FactorScore(f, 0, null))],
        Nps = null,
        Csat = null,
        Ces = null,
    };

    /// <summary>Scores a role's statistics under the settings' confidence level.</summary>
    public static RoleScore From(Role role, RoleStatistics statistics, ScoringSettings settings)
    {
        var level = settings.ConfidenceLevel;
        return new RoleScore(
            role,
            statistics.Qualifying,
            statistics.Incomplete,
            statistics.Composite.EffectiveBase,
            statistics.Composite.ToEstimate(level),
            [.. SuccessFactors.All.Select(f => new FactorScore(f, statistics.Factors[f].N, statistics.Factors[f].ToEstimate(level)))],
            statistics.Nps.NetPromoterScore(level),
            statistics.Csat.Share(level),
            statistics.Ces.ToEstimate(level));
    }

    /// <summary>The score of one factor.</summary>
    public FactorScore this[SuccessFactor factor] => Factors[(int)factor];
}
