using System.Globalization;

namespace CxPlus.Scoring;

/// <summary>Step 17: how a ranked brand moved since the wave immediately before.</summary>
/// <param name="PreviousWave">The wave compared against.</param>
/// <param name="Change"><c>ΔX = X1 - X0</c> with <c>SE = sqrt(SE_X1² + SE_X0²)</c>, Welch df and interval.</param>
/// <param name="PreviousRank">The brand's rank in the previous wave.</param>
/// <param name="RankChange">Places gained: previous rank minus current rank (positive = moved up).</param>
public sealed record Movement(string PreviousWave, Estimate Change, int PreviousRank, int RankChange)
{
    /// <summary>Step 17: the change's interval excludes 0; null when not estimable.</summary>
    public bool? Significant => Change.ExcludesZero;
}

/// <summary>Step 20: a confidence set for a brand's true rank, e.g. 1–4, shown beside its rank.</summary>
/// <param name="Low">The best rank it may truly have: 1 + the brands surely ahead of it.</param>
/// <param name="High">The worst rank it may truly have: m − the brands surely behind it.</param>
public readonly record struct RankRange(int Low, int High);

/// <summary>Step 19: where a brand stands against its sector's average.</summary>
public enum AveragePosition
{
    /// <summary>The interval of <c>X - X̄</c> lies below 0.</summary>
    Below,
    /// <summary>The interval of <c>X - X̄</c> includes 0.</summary>
    At,
    /// <summary>The interval of <c>X - X̄</c> lies above 0.</summary>
    Above,
}

/// <summary>Step 19: a brand's CX+ score against its sector's average, <c>D = X - X̄</c>.</summary>
/// <param name="Difference"><c>D</c> with SE, Welch df and interval (steps 11–12).</param>
/// <param name="Position">Above, at or below average; null when the interval is not estimable.</param>
public sealed record VersusAverage(Estimate Difference, AveragePosition? Position)
{
    /// <summary>Step 19: the position an interval of <c>D</c> gives; null when it has none.</summary>
    public static AveragePosition? PositionOf(Estimate difference) => difference switch
    {
        { Low: > 0 } => AveragePosition.Above,
        { High: < 0 } => AveragePosition.Below,
        { Low: not null, High: not null } => AveragePosition.At,
        _ => null,
    };
}

/// <summary>One brand's line in a league table.</summary>
/// <param name="Rank">Step 14: competition rank; null when not eligible.</param>
/// <param name="Result">The brand's scores.</param>
/// <param name="Eligible">Step 13: has the minimum bases.</param>
/// <param name="Reason">Why it is not ranked, e.g. <c>low base: 37 customers &lt; 100</c>; null when ranked.</param>
/// <param name="Index">Steps 15 and 18: <c>100·X / X̄</c> with its delta-method SE and interval; null when unranked or not estimable.</param>
/// <param name="Movement">Step 17: null when the brand had no eligible result in the previous wave.</param>
/// <param name="RankRange">Step 20: the range of ranks the brand may truly hold; null when unranked.</param>
/// <param name="VersusAverage">Step 19: against the sector average; null when unranked or when it is the only ranked brand.</param>
public sealed record LeagueRow(int? Rank, BrandResult Result, bool Eligible, string? Reason, Estimate? Index, Movement? Movement,
    RankRange? RankRange = null, VersusAverage? VersusAverage = null)
{
    /// <summary>Brand name.</summary>
    public string Brand => Result.Brand;
}

/// <summary>
/// A sector's league table for one wave (steps 13–17): eligible brands ranked by CX+ score,
/// then the unranked ones with their reason.
/// </summary>
/// <param name="Sector">Sector name.</param>
/// <param name="Wave">Wave code.</param>
/// <param name="Settings">The settings every number was computed with.</param>
/// <param name="Average">Step 15: <c>X̄</c>, the plain mean of eligible brands' X; null when none is eligible.</param>
/// <param name="Rows">Ranked rows (rank, then brand), then unranked rows (brand).</param>
/// <param name="PreviousWave">The wave movements are measured against; null when there is none.</param>
public sealed record LeagueTable(
    string Sector,
    string Wave,
    ScoringSettings Settings,
    double? Average,
    IReadOnlyList<LeagueRow> Rows,
    string? PreviousWave)
{
    // Step 14: ties listed alphabetically (ordinal, case-insensitive); identity by the one name rule.
    private static readonly StringComparer BrandOrder = StringComparer.OrdinalIgnoreCase;

    /// <summary>Builds the league table of a sector's brands in a wave.</summary>
    /// <param name="sector">Sector name.</param>
    /// <param name="wave">Wave code.</param>
    /// <param name="brands">Each brand's statistics in <paramref name="wave"/>; names must be unique.</param>
    /// <param name="settings">Settings to compute with.</param>
    /// <param name="previousWave">The wave immediately before, if any, with its brands' statistics.</param>
    public static LeagueTable Build(
        string sector,
        string wave,
        IEnumerable<BrandWave> brands,
        ScoringSettings settings,
        (string Wave, IEnumerable<BrandWave> Brands)? previousWave = null)
    {
        var ranked = Rank(brands, settings);
        Dictionary<string, LeagueRow>? previous = null;
        if (previousWave is { } pw)
            previous = Rank(pw.Brands, settings).Rows.Where(r => r.Eligible).ToDictionary(r => r.Brand, Names.Comparer);

        var rows = ranked.Rows.Select(row =>
            row.Eligible && previous is not null && previous.TryGetValue(row.Brand, out var before)
                ? row with { Movement = MovementOf(previousWave!.Value.Wave, row, before, settings) }
                : row).ToArray();

        return new LeagueTable(sector, wave, settings, ranked.Average, rows, previousWave?.Wave);
    }

    /// <summary>The row of a brand (by <see cref="Names"/>' rule); null when the brand is not in the table.</summary>
    public LeagueRow? Find(string brand) => Rows.FirstOrDefault(r => Names.Same(r.Brand, brand));

    private static (double? Average, IReadOnlyList<LeagueRow> Rows) Rank(IEnumerable<BrandWave> brands, ScoringSettings settings)
    {
        var results = brands.Select(b => BrandResult.Compute(b, settings)).ToArray();
        var duplicate = results.GroupBy(r => r.Brand, Names.Comparer).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Brand \"{duplicate.Key}\" appears more than once.", nameof(brands));

        var eligible = results.Where(r => IneligibleReason(r, settings) is null).ToArray();
        double? average = eligible.Length > 0 ? eligible.Average(r => r.Score!.Value) : null;

        // Step 14: rank on X rounded to one decimal; ties share the better rank and list alphabetically.
        var ordered = eligible
            .Select(r => (Result: r, Rounded: Rounding.OneDecimal(r.Score!.Value)))
            .OrderByDescending(x => x.Rounded)
            .ThenBy(x => x.Result.Brand, BrandOrder)
            .ToArray();
        var scores = ordered.Select(x => x.Result.Score!).ToArray();
        var rows = new List<LeagueRow>(results.Length);
        for (var i = 0; i < ordered.Length; i++)
        {
            var rank = i > 0 && ordered[i].Rounded == ordered[i - 1].Rounded ? rows[i - 1].Rank!.Value : i + 1;
            rows.Add(new LeagueRow(rank, ordered[i].Result, true, null, Positions.IndexOf(i, scores, average!.Value, settings), null,
                Positions.RankRangeOf(i, scores, settings), Positions.VersusAverageOf(i, scores, average.Value, settings)));
        }
        rows.AddRange(results
            .Where(r => !eligible.Contains(r))
            .OrderBy(r => r.Brand, BrandOrder)
            .Select(r => new LeagueRow(null, r, false, IneligibleReason(r, settings), null, null)));
        return (average, rows);
    }

    private static string? IneligibleReason(BrandResult result, ScoringSettings settings) =>
        IneligibleReason(result.Customers.N, result.Prospects.N, settings);

    /// <summary>Step 13: null when a brand with these qualifying bases is ranked, else the reason in words.</summary>
    public static string? IneligibleReason(long customers, long prospects, ScoringSettings settings)
    {
        var shortfalls = new List<string>(2);
        if (customers < settings.MinCustomers)
            shortfalls.Add(string.Create(CultureInfo.InvariantCulture, $"{customers} customers < {settings.MinCustomers}"));
        if (prospects < settings.MinProspects)
            shortfalls.Add(string.Create(CultureInfo.InvariantCulture, $"{prospects} prospects < {settings.MinProspects}"));
        return shortfalls.Count > 0 ? "low base: " + string.Join(", ", shortfalls) : null;
    }

    private static Movement MovementOf(string previousWave, LeagueRow now, LeagueRow before, ScoringSettings settings)
    {
        var change = Estimate.Combine(settings.ConfidenceLevel, (1, now.Result.Score!), (-1, before.Result.Score!));
        return new Movement(previousWave, change, before.Rank!.Value, before.Rank!.Value - now.Rank!.Value);
    }
}
