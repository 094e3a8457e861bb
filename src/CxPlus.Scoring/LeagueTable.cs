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

/// <summary>One brand's line in a league table.</summary>
/// <param name="Rank">Step 14: competition rank; null when not eligible.</param>
/// <param name="Result">The brand's scores.</param>
/// <param name="Eligible">Step 13: has the minimum bases.</param>
/// <param name="Reason">Why it is not ranked, e.g. <c>low base: 37 customers &lt; 100</c>; null when ranked.</param>
/// <param name="Index">Step 15: <c>100·X / X̄</c>; null when unranked or not estimable.</param>
/// <param name="Movement">Step 17: null when the brand had no eligible result in the previous wave.</param>
public sealed record LeagueRow(int? Rank, BrandResult Result, bool Eligible, string? Reason, double? Index, Movement? Movement)
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
            previous = Rank(pw.Brands, settings).Rows.Where(r => r.Eligible).ToDictionary(r => r.Brand, BrandOrder);

        var rows = ranked.Rows.Select(row =>
            row.Eligible && previous is not null && previous.TryGetValue(row.Brand, out var before)
                ? row with { Movement = MovementOf(previousWave!.Value.Wave, row, before, settings) }
                : row).ToArray();

        return new LeagueTable(sector, wave, settings, ranked.Average, rows, previousWave?.Wave);
    }

    /// <summary>The row of a brand (case-insensitive); null when the brand is not in the table.</summary>
    public LeagueRow? Find(string brand) => Rows.FirstOrDefault(r => BrandOrder.Equals(r.Brand, brand));

    private static (double? Average, IReadOnlyList<LeagueRow> Rows) Rank(IEnumerable<BrandWave> brands, ScoringSettings settings)
    {
        var results = brands.Select(b => BrandResult.Compute(b, settings)).ToArray();
        var duplicate = results.GroupBy(r => r.Brand, BrandOrder).FirstOrDefault(g => g.Count() > 1);
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
        var rows = new List<LeagueRow>(results.Length);
        for (var i = 0; i < ordered.Length; i++)
        {
            var rank = i > 0 && ordered[i].Rounded == ordered[i - 1].Rounded ? rows[i - 1].Rank!.Value : i + 1;
            double? index = average > 0 ? 100 * ordered[i].Result.Score!.Value / average.Value : null;
            rows.Add(new LeagueRow(rank, ordered[i].Result, true, null, index, null));
        }
        rows.AddRange(results
            .Where(r => !eligible.Contains(r))
            .OrderBy(r => r.Brand, BrandOrder)
            .Select(r => new LeagueRow(null, r, false, IneligibleReason(r, settings), null, null)));
        return (average, rows);
    }

    /// <summary>Step 13: null when eligible, else the reason in words.</summary>
    private static string? IneligibleReason(BrandResult result, ScoringSettings settings)
    {
        var shortfalls = new List<string>(2);
        if (result.Customers.N < settings.MinCustomers)
            shortfalls.Add(string.Create(CultureInfo.InvariantCulture, $"{result.Customers.N} customers < {settings.MinCustomers}"));
        if (result.Prospects.N < settings.MinProspects)
            shortfalls.Add(string.Create(CultureInfo.InvariantCulture, $"{result.Prospects.N} prospects < {settings.MinProspects}"));
        return shortfalls.Count > 0 ? "low base: " + string.Join(", ", shortfalls) : null;
    }

    private static Movement MovementOf(string previousWave, LeagueRow now, LeagueRow before, ScoringSettings settings)
    {
        var change = Estimate.Combine(settings.ConfidenceLevel, (1, now.Result.Score!), (-1, before.Result.Score!));
        return new Movement(previousWave, change, before.Rank!.Value, before.Rank!.Value - now.Rank!.Value);
    }
}
