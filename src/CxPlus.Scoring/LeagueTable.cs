namespace CxPlus.Scoring;

/// <summary>Step 17: how a ranked brand moved since the wave immediately before.</summary>
/// <param name="PreviousWave">The wave compared against.</param>
/// <param name="Change"><c>ΔX = X1 - X0</c> with <c>SE = sqrt(SE_X1² + SE_X0²)</c>, Welch df and its unadjusted interval.</param>
/// <param name="PreviousRank">The brand's rank in the previous wave.</param>
/// <param name="RankChange">Places gained: previous rank minus current rank (positive = moved up).</param>
/// <param name="PValue">The change's two-sided p-value; null when its SE is not estimable.</param>
/// <param name="QValue">(v3) Its Benjamini–Hochberg adjusted p-value over the table's movements; null without a p-value.</param>
/// <param name="Significant">(v3) <c>q ≤ alpha</c>: significant after controlling the false discovery rate over the table; null without a q-value.</param>
public sealed record Movement(string PreviousWave, Estimate Change, int PreviousRank, int RankChange, double? PValue, double? QValue, bool? Significant);

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
/// <param name="Reason">Why it is not ranked in words, e.g. <c>low base: 37 customers &lt; 100</c>; null when ranked.</param>
/// <param name="Index">Steps 15 and 18: <c>100·X / X̄</c> with its delta-method SE and interval; null when unranked or not estimable.</param>
/// <param name="Movement">Step 17: null when the brand had no eligible result in the previous wave.</param>
/// <param name="RankRange">Step 20: the range of ranks the brand may truly hold; null when unranked.</param>
/// <param name="VersusAverage">Step 19: against the sector average; null when unranked or when it is the only ranked brand.</param>
/// <param name="Shortfalls">Step 13: the bases that keep it from being ranked, as data; empty when ranked.</param>
public sealed record LeagueRow(int? Rank, BrandResult Result, bool Eligible, string? Reason, Estimate? Index, Movement? Movement,
    RankRange? RankRange = null, VersusAverage? VersusAverage = null, IReadOnlyList<BaseShortfall>? Shortfalls = null)
{
    /// <summary>Brand name.</summary>
    public string Brand => Result.Brand;
}

/// <summary>
/// A sector's league table for one wave (steps 13–20b): eligible brands ranked by CX+ score,
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

    /// <summary>
    /// A published table's sector factors (issue 27): its rows carry other brands' headlines only,
    /// so the sector averages and a brand's difference from them come from these sums; null for a
    /// full table, whose rows give them (<see cref="SectorFactor.Of(LeagueTable)"/>).
    /// </summary>
    public IReadOnlyList<SectorFactor>? PublishedFactors { get; init; }

    /// <summary>Step 26: the segment view this table is; null for the whole brands' table.</summary>
    public SegmentCut? Segment { get; init; }

    /// <summary>
    /// Issue 30: the sector's wave is not released to members yet (its numbers are being checked);
    /// staff see it marked as a draft on every page, report and file name.
    /// </summary>
    public bool Draft { get; init; }

    /// <summary>Step 20b (v3): the ranked brands whose rank range starts at 1, in rank order; together they hold the true leader with the table's confidence.</summary>
    public IReadOnlyList<string> Leaders => [.. Rows.Where(r => r.RankRange?.Low == 1).Select(r => r.Brand)];

    /// <summary>Step 20b (v3): the ranked brands whose rank range ends at the last rank, in rank order.</summary>
    public IReadOnlyList<string> CanBeLast
    {
        get
        {
            var m = Rows.Count(r => r.Eligible);
            return [.. Rows.Where(r => r.RankRange?.High == m).Select(r => r.Brand)];
        }
    }

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
        (string Wave, IEnumerable<BrandWave> Brands)? previousWave = null) =>
        FromResults(sector, wave, brands.Select(b => BrandResult.Compute(b, settings)), settings,
            previousWave is { } pw ? (pw.Wave, pw.Brands.Select(b => BrandResult.Compute(b, settings))) : null);

    /// <summary>Builds the league table from brands' results computed under <paramref name="settings"/>.</summary>
    public static LeagueTable FromResults(
        string sector,
        string wave,
        IEnumerable<BrandResult> results,
        ScoringSettings settings,
        (string Wave, IEnumerable<BrandResult> Results)? previousWave = null)
    {
        var current = Rank(results, settings);
        var m = current.Ranked.Length;
        double? average = m > 0 ? current.Ranked.Average(r => r.Result.Score!.Value) : null;
        var scores = current.Ranked.Select(r => r.Result.Score!).ToArray();
        var ranges = Positions.RankRanges(scores, settings);

        // Step 17: only the previous wave's ranks and scores are needed, not its positions.
        Dictionary<string, (int Rank, Estimate Score)>? before = null;
        if (previousWave is { } pw)
            before = Rank(pw.Results, settings).Ranked.ToDictionary(r => r.Result.Brand, r => (r.Rank, r.Result.Score!), Names.Comparer);
        var movements = new Movement?[m];
        if (before is not null)
        {
            var changes = new (Estimate Change, int PreviousRank, int RankChange)?[m];
            for (var i = 0; i < m; i++)
                if (before.TryGetValue(current.Ranked[i].Result.Brand, out var b))
                    changes[i] = (Estimate.Combine(settings.ConfidenceLevel, (1, scores[i]), (-1, b.Score)), b.Rank, b.Rank - current.Ranked[i].Rank);
            // Step 17 (v3): the table's movements are one family, adjusted by Benjamini–Hochberg.
            var p = changes.Select(c => c?.Change.PValue).ToArray();
            var q = FalseDiscoveryRate.Adjust(p);
            var alpha = 1 - settings.ConfidenceLevel;
            for (var i = 0; i < m; i++)
                if (changes[i] is { } c)
                    movements[i] = new Movement(previousWave!.Value.Wave, c.Change, c.PreviousRank, c.RankChange, p[i], q[i], q[i] is { } qi ? qi <= alpha : null);
        }

        var rows = new List<LeagueRow>(m + current.Unranked.Count);
        for (var i = 0; i < m; i++)
            rows.Add(new LeagueRow(current.Ranked[i].Rank, current.Ranked[i].Result, true, null,
                Positions.IndexOf(i, scores, average!.Value, settings), movements[i], ranges[i],
                Positions.VersusAverageOf(i, scores, average.Value, settings), []));
        rows.AddRange(current.Unranked.Select(u => new LeagueRow(null, u.Result, false, Eligibility.Describe(u.Shortfalls), null, null, Shortfalls: u.Shortfalls)));
        return new LeagueTable(sector, wave, settings, average, rows, previousWave?.Wave);
    }

    /// <summary>The row of a brand (by <see cref="Names"/>' rule); null when the brand is not in the table.</summary>
    public LeagueRow? Find(string brand) => Rows.FirstOrDefault(r => Names.Same(r.Brand, brand));

    private sealed record Ranking((BrandResult Result, int Rank)[] Ranked, IReadOnlyList<(BrandResult Result, IReadOnlyList<BaseShortfall> Shortfalls)> Unranked);

    /// <summary>Steps 13–14: the eligible brands in rank order with their ranks, and the others (alphabetically) with their shortfalls.</summary>
    private static Ranking Rank(IEnumerable<BrandResult> results, ScoringSettings settings)
    {
        var all = results.Select(r => (Result: r, Shortfalls: Shortfalls(r, settings))).ToArray();
        var duplicate = all.GroupBy(r => r.Result.Brand, Names.Comparer).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Brand \"{duplicate.Key}\" appears more than once.", "brands");

        // Step 14: rank on X rounded to one decimal; ties share the better rank and list alphabetically.
        var ordered = all.Where(r => r.Shortfalls.Count == 0)
            .Select(r => (r.Result, Rounded: Rounding.OneDecimal(r.Result.Score!.Value)))
            .OrderByDescending(x => x.Rounded)
            .ThenBy(x => x.Result.Brand, BrandOrder)
            .ToArray();
        var ranked = new (BrandResult, int)[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
            ranked[i] = (ordered[i].Result, i > 0 && ordered[i].Rounded == ordered[i - 1].Rounded ? ranked[i - 1].Item2 : i + 1);
        var unranked = all.Where(r => r.Shortfalls.Count > 0).OrderBy(r => r.Result.Brand, BrandOrder).ToArray();
        return new Ranking(ranked, [.. unranked.Select(u => (u.Result, u.Shortfalls))]);
    }

    private static IReadOnlyList<BaseShortfall> Shortfalls(BrandResult result, ScoringSettings settings) =>
        Eligibility.Shortfalls((result.Customers.N, result.Customers.EffectiveBase), (result.Prospects.N, result.Prospects.EffectiveBase), settings);
}
