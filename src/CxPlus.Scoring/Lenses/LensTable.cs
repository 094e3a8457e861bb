using CxPlus.Scoring.Drivers;

namespace CxPlus.Scoring.Lenses;

/// <summary>One brand's line in a lens's table.</summary>
/// <param name="Brand">Brand name.</param>
/// <param name="Eligible">Has at least <c>minCustomers</c> customers qualifying for the lens, with an effective base of at least its share of that (step 13).</param>
/// <param name="Reason">Why it is not ranked; null when ranked.</param>
/// <param name="N">Customers qualifying for the lens (step 24: four or more pillars rated; step 25: all three items answered).</param>
/// <param name="Rank">Step 14 on the lens's score; null when unranked.</param>
/// <param name="Score">The CEE score (0..100) or the KEI (−100..+100), with SE and interval (steps 7, 12).</param>
/// <param name="Items">The pillars' scores or the KEI items' net scores, in the lens's item order.</param>
/// <param name="Index">CEE only: <c>100·score / average</c> with its interval (steps 15, 18); null for the KEI, whose scores may be negative.</param>
/// <param name="RankRange">Step 20; null when unranked.</param>
/// <param name="VersusAverage">Step 19; null when unranked or the only ranked brand.</param>
/// <param name="Shortfalls">Step 13: the bases that keep it from being ranked, as data (the edges write the words); empty when ranked or when nobody answered.</param>
public sealed record LensRow(string Brand, bool Eligible, string? Reason, long N, int? Rank, Estimate? Score, IReadOnlyList<Estimate?> Items,
    Estimate? Index, RankRange? RankRange, VersusAverage? VersusAverage, IReadOnlyList<BaseShortfall>? Shortfalls = null);

/// <summary>
/// A sector's table in the Six Pillars or KEI lens for one wave (steps 24–25 with the league
/// table's rules 13–14 and 18–20): eligible brands ranked by the lens's score, then the others.
/// </summary>
/// <param name="Sector">Sector name.</param>
/// <param name="Wave">Wave code.</param>
/// <param name="Lens">The Six Pillars or the KEI.</param>
/// <param name="Settings">The settings every number was computed with.</param>
/// <param name="Average">Plain mean of the ranked brands' scores; null when none is ranked.</param>
/// <param name="Items">The lens's items (pillars or KEI items).</param>
/// <param name="Rows">Ranked rows (rank, then brand), then unranked rows (brand).</param>
public sealed record LensTable(string Sector, string Wave, Lens Lens, ScoringSettings Settings, double? Average,
    IReadOnlyList<Predictor> Items, IReadOnlyList<LensRow> Rows)
{
    /// <summary>Issue 30: the sector's wave is not released to members yet (<see cref="LeagueTable.Draft"/>).</summary>
    public bool Draft { get; init; }

    /// <summary>Step 26: the segment view this table is (its customers in one category, the segment minimums); null for the whole brands.</summary>
    public SegmentCut? Segment { get; init; }

    /// <summary>Whether any brand's customers answered the lens: a lens without answers is not shown.</summary>
    public bool HasAnswers => Rows.Any(r => r.N > 0);

    /// <summary>Whether these customers answered the lens at all.</summary>
    public static bool Answered(Lens lens, RoleStatistics customers) => lens switch
    {
        Lens.Cee => customers.Pillars.Score.N > 0 || customers.Pillars.Incomplete > 0,
        Lens.Kei => customers.Kei.Score.N > 0,
        _ => true,
    };

    /// <summary>Step 20b (v3): the ranked brands whose rank range starts at 1, in rank order.</summary>
    public IReadOnlyList<string> Leaders => [.. Rows.Where(r => r.RankRange?.Low == 1).Select(r => r.Brand)];

    /// <summary>The row of a brand (by <see cref="Names"/>' rule); null when absent.</summary>
    public LensRow? Find(string brand) => Rows.FirstOrDefault(r => Names.Same(r.Brand, brand));

    /// <summary>Builds the lens's table from each brand's customers' statistics.</summary>
    public static LensTable Build(string sector, string wave, Lens lens, IEnumerable<(string Brand, RoleStatistics Customers)> brands, ScoringSettings settings)
    {
        if (lens == Lens.Cx) throw new ArgumentException("CX+ has its league table; a lens table is for the Six Pillars or the KEI.", nameof(lens));
        var level = settings.ConfidenceLevel;
        var items = lens == Lens.Cee ? Lenses.Pillars : Lenses.KeiItems;
        var scored = brands.Select(b =>
        {
            var (score, parts) = lens == Lens.Cee ? (b.Customers.Pillars.Score, b.Customers.Pillars.Pillars) : (b.Customers.Kei.Score, b.Customers.Kei.Items);
            return (b.Brand, N: score.N, score.EffectiveBase, Score: score.ToEstimate(level), Items: (IReadOnlyList<Estimate?>)[.. parts.Select(p => p.ToEstimate(level))]);
        }).ToList();
        var duplicate = scored.GroupBy(r => r.Brand, Names.Comparer).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Brand \"{duplicate.Key}\" appears more than once.", nameof(brands));

        // Steps 13–14: the minimum customer base (and v3 its effective base), then rank on the score rounded to one decimal, ties alphabetically.
        var shortfalls = scored.ToDictionary(r => r.Brand, r => Eligibility.Shortfalls((r.N, r.EffectiveBase), null, settings), Names.Comparer);
        var eligible = scored.Where(r => shortfalls[r.Brand].Count == 0 && r.Score is not null)
            .Select(r => (Row: r, Rounded: Rounding.OneDecimal(r.Score!.Value)))
            .OrderByDescending(x => x.Rounded).ThenBy(x => x.Row.Brand, StringComparer.OrdinalIgnoreCase).ToArray();
        double? average = eligible.Length > 0 ? eligible.Average(x => x.Row.Score!.Value) : null;
        var scores = eligible.Select(x => x.Row.Score!).ToArray();
        var ranges = Positions.RankRanges(scores, settings);
        var rows = new List<LensRow>(scored.Count);
        for (var i = 0; i < eligible.Length; i++)
        {
            var r = eligible[i].Row;
            var rank = i > 0 && eligible[i].Rounded == eligible[i - 1].Rounded ? rows[i - 1].Rank : i + 1;
            rows.Add(new LensRow(r.Brand, true, null, r.N, rank, r.Score, r.Items,
                lens == Lens.Cee ? Positions.IndexOf(i, scores, average!.Value, settings) : null,
                ranges[i], Positions.VersusAverageOf(i, scores, average!.Value, settings)));
        }
        var ranked = eligible.Select(e => e.Row.Brand).ToHashSet(Names.Comparer);
        rows.AddRange(scored.Where(r => !ranked.Contains(r.Brand))
            .OrderBy(r => r.Brand, StringComparer.OrdinalIgnoreCase)
            .Select(r => new LensRow(r.Brand, false, r.N == 0
                    ? $"no customer answered the {lens.DisplayName()} questions"
                    : Eligibility.Describe(shortfalls[r.Brand]),
                r.N, null, r.Score, r.Items, null, null, null, shortfalls[r.Brand])));
        return new LensTable(sector, wave, lens, settings, average, items, rows);
    }
}

/// <summary>
/// A lens across a sector's ranked brands, as a member may see it beside its own brand (issue 27):
/// the average and best of the lens's score and of each item, no brand named.
/// </summary>
/// <param name="Lens">The Six Pillars or the KEI.</param>
/// <param name="Average">The plain mean of the ranked brands' scores (the table's); null when none is ranked.</param>
/// <param name="Best">The highest ranked brand's score; null when none is ranked.</param>
/// <param name="ItemAverages">Per item, the mean of the ranked brands that have a score on it.</param>
/// <param name="ItemBests">Per item, the highest of them.</param>
public sealed record SectorLens(Lens Lens, double? Average, double? Best, IReadOnlyList<double?> ItemAverages, IReadOnlyList<double?> ItemBests)
{
    /// <summary>The sector's side of a full lens table.</summary>
    public static SectorLens Of(LensTable table)
    {
        var ranked = table.Rows.Where(r => r.Eligible && r.Score is not null).ToList();
        double?[] Values(int i) => [.. ranked.Select(r => r.Items[i]?.Value).OfType<double>().Select(v => (double?)v)];
        return new SectorLens(table.Lens, table.Average, ranked.Count == 0 ? null : ranked.Max(r => r.Score!.Value),
            [.. table.Items.Select((_, i) => Values(i) is { Length: > 0 } v ? v.Average() : null)],
            [.. table.Items.Select((_, i) => Values(i) is { Length: > 0 } v ? v.Max() : null)]);
    }
}
