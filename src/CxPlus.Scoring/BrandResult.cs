using MathNet.Numerics.Distributions;

namespace CxPlus.Scoring;

/// <summary>A brand's sufficient statistics in one wave: its customers and its prospects.</summary>
/// <param name="Brand">Brand name.</param>
/// <param name="Customers">Sums over its customers.</param>
/// <param name="Prospects">Sums over its prospects.</param>
public sealed record BrandWave(string Brand, RoleStatistics Customers, RoleStatistics Prospects);

/// <summary>Step 16 (v3): what the Experience Gap's interval <c>[L_G, U_G]</c> says about the brand.</summary>
public enum Verdict
{
    /// <summary><c>U_G &lt; 0</c>: customers get significantly less than prospects expect.</summary>
    UnderDelivers,
    /// <summary><c>L_G ≤ 0 ≤ U_G</c>: the gap is not significant.</summary>
    MeetsExpectations,
    /// <summary><c>0 &lt; L_G ≤ cap</c>: customers get significantly more than prospects expect.</summary>
    OverDelivers,
    /// <summary><c>L_G &gt; cap</c>: the gap is significantly above the cap; the brand's promise falls short of what it delivers.</summary>
    UnderPromises,
}

/// <summary>Text of verdicts as published.</summary>
public static class Verdicts
{
    /// <summary>Exactly <c>Under-delivers</c>, <c>Meets expectations</c>, <c>Over-delivers</c> or <c>Under-promises</c>.</summary>
    public static string DisplayName(this Verdict verdict) => verdict switch
    {
        Verdict.UnderDelivers => "Under-delivers",
        Verdict.MeetsExpectations => "Meets expectations",
        Verdict.OverDelivers => "Over-delivers",
        Verdict.UnderPromises => "Under-promises",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    /// <summary>
    /// Step 16 (v3) applied to a gap estimate: from where its interval lies against 0 and the cap;
    /// null when it has no interval. Under-promises only when the gap is significantly above the
    /// cap (<c>L_G &gt; cap</c>), never for a gap merely estimated above it.
    /// </summary>
    public static Verdict? Of(Estimate? gap, double cap)
    {
        if (gap is not { Low: { } low, High: { } high }) return null;
        if (high < 0) return Verdict.UnderDelivers;
        if (low <= 0) return Verdict.MeetsExpectations;
        return low > cap ? Verdict.UnderPromises : Verdict.OverDelivers;
    }
}

/// <summary>A success factor's Experience Gap <c>g_k = m_k(customer) - m_k(prospect)</c> (step 8).</summary>
/// <param name="Factor">The factor.</param>
/// <param name="Customer">Customers' factor score.</param>
/// <param name="Prospect">Prospects' factor score.</param>
/// <param name="Gap">The difference with Welch SE and interval (step 11); null when either side is missing.</param>
public sealed record FactorGap(SuccessFactor Factor, Estimate? Customer, Estimate? Prospect, Estimate? Gap);

/// <summary>
/// A brand's CX+ result in one wave (steps 8–12, 16): P, E, the Experience Gap, the applied gap,
/// the CX+ score with their uncertainty, the verdict and the per-factor gaps.
/// </summary>
public sealed record BrandResult
{
    private BrandResult(string brand, RoleScore customers, RoleScore prospects, Estimate? gap, double? appliedGap,
        Estimate? score, Verdict? verdict, bool aboveCapNotSignificantly, IReadOnlyList<FactorGap> factorGaps)
    {
        GapAboveCapNotSignificantly = aboveCapNotSignificantly;
        Brand = brand;
        Customers = customers;
        Prospects = prospects;
        Gap = gap;
        AppliedGap = appliedGap;
        Score = score;
        Verdict = verdict;
        FactorGaps = factorGaps;
    }

    /// <summary>Brand name.</summary>
    public string Brand { get; }

    /// <summary>Customers' scores; <see cref="RoleScore.Score"/> is <c>P</c>.</summary>
    public RoleScore Customers { get; }

    /// <summary>Prospects' scores; <see cref="RoleScore.Score"/> is <c>E</c>.</summary>
    public RoleScore Prospects { get; }

    /// <summary>Step 4: CX Performance Score <c>P</c>; null without qualifying customers.</summary>
    public Estimate? Performance => Customers.Score;

    /// <summary>Step 4: Expectation Score <c>E</c>; null without qualifying prospects.</summary>
    public Estimate? Expectation => Prospects.Score;

    /// <summary>Steps 8, 11, 12: Experience Gap <c>G = P - E</c> with Welch SE and interval; null when P or E is missing.</summary>
    public Estimate? Gap { get; }

    /// <summary>Step 12: the gap's interval excludes 0; null when not estimable.</summary>
    public bool? GapSignificant => Gap?.ExcludesZero;

    /// <summary>Step 9: <c>A = min(G, cap)</c>; null when G is missing.</summary>
    public double? AppliedGap { get; }

    /// <summary>Steps 10–12 (v2): CX+ score <c>X = P + A</c> with its SE, df and kink-aware interval; null when G is missing.</summary>
    public Estimate? Score { get; }

    /// <summary>Step 16 (v3); null when the gap has no interval.</summary>
    public Verdict? Verdict { get; }

    /// <summary>
    /// Step 16 (v3): the gap is estimated above the cap (<c>G &gt; cap</c>) but not significantly
    /// (<c>L_G ≤ cap</c>), so the verdict is not Under-promises; the reading says so.
    /// </summary>
    public bool GapAboveCapNotSignificantly { get; }

    /// <summary>Step 8: per-factor gaps in factor order.</summary>
    public IReadOnlyList<FactorGap> FactorGaps { get; }

    /// <summary>Computes a brand's result from its statistics.</summary>
    public static BrandResult Compute(BrandWave brand, ScoringSettings settings)
    {
        var level = settings.ConfidenceLevel;
        var customers = RoleScore.From(Role.Customer, brand.Customers, settings);
        var prospects = RoleScore.From(Role.Prospect, brand.Prospects, settings);
        var p = customers.Score;
        var e = prospects.Score;

        Estimate? gap = null, score = null;
        double? applied = null;
        if (p is not null && e is not null)
        {
            gap = Estimate.Combine(level, (1, p), (-1, e));
            applied = Math.Min(gap.Value, settings.Cap);
            score = CxPlusScore(p, e, gap, settings.Cap, level);
        }

        var factorGaps = SuccessFactors.All.Select(f =>
        {
            var c = customers[f].Score;
            var pr = prospects[f].Score;
            return new FactorGap(f, c, pr, c is not null && pr is not null ? Estimate.Combine(level, (1, c), (-1, pr)) : null);
        }).ToArray();

        var aboveCapNotSignificantly = gap is { Low: { } low } && gap.Value > settings.Cap && low <= settings.Cap;
        return new BrandResult(brand.Brand, customers, prospects, gap, applied, score, Verdicts.Of(gap, settings.Cap), aboveCapNotSignificantly, factorGaps);
    }

    /// <summary>
    /// The published headline of this result, as a member sees another member's brand: P, E, the
    /// gap, the CX+ score and the verdict with their intervals, and the bases; no factor score,
    /// factor gap, NPS, CSAT or CES (each is null, as for a brand nobody rated).
    /// </summary>
    public BrandResult Headline() => Restore(Brand, Customers.Headline(), Prospects.Headline(), Gap, AppliedGap, Score, Verdict, GapAboveCapNotSignificantly);

    /// <summary>A headline result as stored (<see cref="Headline"/>): its factor-level parts empty.</summary>
    public static BrandResult Restore(string brand, RoleScore customers, RoleScore prospects, Estimate? gap, double? appliedGap,
        Estimate? score, Verdict? verdict, bool gapAboveCapNotSignificantly) =>
        new(brand, customers, prospects, gap, appliedGap, score, verdict, gapAboveCapNotSignificantly,
            [.. SuccessFactors.All.Select(f => new FactorGap(f, customers[f].Score, prospects[f].Score, null))]);

    /// <summary>The same result under another name (a competitor shown anonymously).</summary>
    public BrandResult Named(string brand) =>
        new(brand, Customers, Prospects, Gap, AppliedGap, Score, Verdict, GapAboveCapNotSignificantly, FactorGaps);

    /// <summary>
    /// Steps 10–12: <c>X = P + min(G, cap) = min(θ1, θ2)</c> with <c>θ1 = 2P - E</c> and
    /// <c>θ2 = P + cap</c>. Its interval is kink-aware (v2), <c>[min(L1, L2), min(U1, U2)]</c> from
    /// both lines' intervals. Its SE and df, what steps 17–21 combine, switch smoothly between the
    /// two lines (step 11, v3): with <c>w = Φ(3·(cap - G)/SE_G + 1)</c>,
    /// <c>SE_X² = (1 + 3w)·SE_P² + w·SE_E²</c>, Welch df over those two terms. Not estimable when
    /// either role's SE is not.
    /// </summary>
    private static Estimate CxPlusScore(Estimate p, Estimate e, Estimate gap, double cap, double level)
    {
        var value = p.Value + Math.Min(gap.Value, cap);
        var belowCap = Estimate.Combine(level, (2, p), (-1, e));
        var aboveCap = Estimate.Create(p.Value + cap, p.StandardError, p.DegreesOfFreedom, level);
        if (belowCap is not { Low: { } l1, High: { } u1 } || aboveCap is not { Low: { } l2, High: { } u2 }
            || gap.StandardError is not { } seG || p is not { StandardError: { } seP, DegreesOfFreedom: { } dfP }
            || e is not { StandardError: { } seE, DegreesOfFreedom: { } dfE })
            return Estimate.Create(value, null, null, level);

        var w = LineWeight(gap.Value, seG, cap);
        var vP = (1 + 3 * w) * seP * seP;
        var vE = w * seE * seE;
        // Welch–Satterthwaite over the terms that vary: df_P alone when vE = 0 (and when nothing varies).
        var df = vE == 0 ? dfP : vP == 0 ? dfE : (vP + vE) * (vP + vE) / (vP * vP / dfP + vE * vE / dfE);
        return Estimate.WithInterval(value, Math.Sqrt(vP + vE), df, Math.Min(l1, l2), Math.Min(u1, u2));
    }

    /// <summary>
    /// Step 11 (v3): the weight <c>w = Φ(3·(cap - G)/SE_G + 1)</c> of the line <c>2P - E</c> in the
    /// SE of X; 1 far below the cap, 0 far above it. With <c>SE_G = 0</c> the gap is known exactly:
    /// 1 at or below the cap, 0 above it.
    /// </summary>
    public static double LineWeight(double gap, double gapStandardError, double cap) =>
        gapStandardError == 0 ? (gap <= cap ? 1 : 0) : Normal.CDF(0, 1, 3 * (cap - gap) / gapStandardError + 1);
}
