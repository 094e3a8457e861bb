using System.Globalization;

namespace CxPlus.Scoring;

/// <summary>Step 13: which of a role's bases falls short.</summary>
public enum ShortfallKind
{
    /// <summary>Fewer qualifying respondents than the minimum base.</summary>
    LowBase,
    /// <summary>(v3) Enough respondents, but weights so unequal that the effective base <c>n_eff</c> is below its minimum.</summary>
    UnequalWeights,
}

/// <summary>One reason a brand is not ranked (step 13): a base of one role below its minimum.</summary>
/// <param name="Kind">Whether the qualifying base or the effective base falls short.</param>
/// <param name="Role">Whose base it is.</param>
/// <param name="Base">The base: qualifying respondents <c>n</c>, or the effective base <c>n_eff</c>.</param>
/// <param name="Minimum">The minimum it falls short of.</param>
public readonly record struct BaseShortfall(ShortfallKind Kind, Role Role, double Base, double Minimum);

/// <summary>
/// Step 13: whether a brand (or a lens's customers) has the bases to be ranked. A role needs at
/// least its minimum of qualifying respondents and (v3) an effective base of at least
/// <see cref="ScoringSettings.MinEffectiveShare"/> times that minimum; the effective base is only
/// reported short when the qualifying base is not.
/// </summary>
public static class Eligibility
{
    /// <summary>What keeps these bases from being ranked; empty when they are.</summary>
    /// <param name="customers">Qualifying customers: <c>n</c> and <c>n_eff</c> (null without any).</param>
    /// <param name="prospects">Qualifying prospects; null for a lens scored on customers only.</param>
    /// <param name="settings">The minimum bases.</param>
    public static IReadOnlyList<BaseShortfall> Shortfalls((long N, double? Effective) customers, (long N, double? Effective)? prospects, ScoringSettings settings)
    {
        var shortfalls = new List<BaseShortfall>(2);
        Check(shortfalls, Role.Customer, customers, settings.MinCustomers, settings.MinEffectiveCustomers);
        if (prospects is { } p) Check(shortfalls, Role.Prospect, p, settings.MinProspects, settings.MinEffectiveProspects);
        return shortfalls;
    }

    private static void Check(List<BaseShortfall> shortfalls, Role role, (long N, double? Effective) respondents, int minimum, double minimumEffective)
    {
        if (respondents.N < minimum) shortfalls.Add(new BaseShortfall(ShortfallKind.LowBase, role, respondents.N, minimum));
        else if ((respondents.Effective ?? 0) < minimumEffective)
            shortfalls.Add(new BaseShortfall(ShortfallKind.UnequalWeights, role, respondents.Effective ?? 0, minimumEffective));
    }

    /// <summary>
    /// The shortfalls in words, e.g. <c>low base: 37 customers &lt; 100</c> or <c>weights too
    /// unequal: effective base 41 customers &lt; 50</c>; null when there are none.
    /// </summary>
    public static string? Describe(IReadOnlyList<BaseShortfall> shortfalls)
    {
        if (shortfalls.Count == 0) return null;
        string Part(ShortfallKind kind, string lead, Func<BaseShortfall, string> one) =>
            shortfalls.Any(s => s.Kind == kind) ? lead + string.Join(", ", shortfalls.Where(s => s.Kind == kind).Select(one)) : "";
        // An effective base is shown rounded down: rounding 49.6 up to "50 < 50" would read as a contradiction.
        var parts = new[]
        {
            Part(ShortfallKind.LowBase, "low base: ", s => Invariant($"{s.Base:0} {Plural(s.Role)} < {s.Minimum:0.#}")),
            Part(ShortfallKind.UnequalWeights, "weights too unequal: effective base ",
                s => Invariant($"{Math.Floor(s.Base):0} {Plural(s.Role)} < {s.Minimum:0.#}")),
        };
        return string.Join("; ", parts.Where(p => p.Length > 0));
    }

    private static string Plural(Role role) => role == Role.Customer ? "customers" : "prospects";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
