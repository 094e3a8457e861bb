using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace CxPlus.Scoring.Tests;

/// <summary>
/// Do the 95 % intervals hold 95 %, and do the markers mean what they say? Surveys are drawn, with
/// fixed seeds, from populations whose true P, E, G, X, NPS and CSAT are known exactly, and each
/// interval and verdict the library computes is checked against the truth: the v2 interval of X
/// (steps 11–12) and v1's failure where it was built to hold; v3's verdict (step 16), movement
/// intervals and false alarms (steps 11 and 17), the NPS and CSAT intervals, and the index,
/// position and rank-range intervals of simulated sectors (steps 18–20). The tables are written
/// to the test output and to artifacts/coverage-simulation-*.md; docs/methodology.md quotes them.
/// </summary>
public sealed class CoverageSimulationTests(ITestOutputHelper output)
{
    private const int Replicates = 2000;
    private const int SectorReplicates = 2000;
    private const double Cap = 5;
    private static readonly ScoringSettings Settings = ScoringSettings.Default; // scale 0..10, cap +5, 95 %

    /// <summary>
    /// Respondents whose person-level tendency is π ~ U(μ − 0.25, μ + 0.25) and who rate each of
    /// the five factors <c>floor(10π + U)</c>, U ~ U(0, 1), on the 0..10 scale. Because
    /// E[floor(a + U)] = a, a respondent's expected composite is exactly 100π, so the population
    /// score is exactly <paramref name="Mean"/> (sd about 14.5 points, as in real surveys).
    /// </summary>
    private sealed record Population(double Mean)
    {
        public RoleStatistics Draw(Random rng, int n, bool unequalWeights)
        {
            var builder = new RoleStatisticsBuilder(Settings);
            Span<int?> ratings = stackalloc int?[SuccessFactors.Count];
            for (var i = 0; i < n; i++)
            {
                var pi = Mean / 100 + (2 * rng.NextDouble() - 1) * 0.25;
                for (var k = 0; k < ratings.Length; k++) ratings[k] = (int)Math.Floor(10 * pi + rng.NextDouble());
                // Unequal weights, independent of the answers, as a post-stratification gives.
                builder.Add(ratings, unequalWeights ? 0.3 + 2.7 * rng.NextDouble() : 1);
            }
            return builder.Build();
        }
    }

    private sealed record Cell(double Gap, int Customers, int Prospects, bool UnequalWeights)
    {
        public string Weights => UnequalWeights ? "unequal" : "equal";
    }

    private sealed record CellCoverage(Cell Cell, double X, double G, double XVersion1, double MeanWidth, double MeanWidthVersion1, double UnderPromises);

    private static readonly double[] Gaps = [-4, 0, 3, 4.5, 5, 5.5, 7, 11];

    private static readonly Cell[] AllCells =
        [.. from bases in new[] { (100, 50), (400, 200) }
            from unequal in new[] { false, true }
            from gap in Gaps
            select new Cell(gap, bases.Item1, bases.Item2, unequal)];

    /// <summary>The first <paramref name="count"/> cells; cell i always draws from the same seed.</summary>
    private static IReadOnlyList<CellCoverage> SimulateBrands(int count)
    {
        var cells = AllCells[..count];
        var results = new CellCoverage[cells.Length];
        Parallel.For(0, cells.Length, i =>
        {
            var cell = cells[i];
            var rng = new Random(20261124 + 7919 * i);
            const double p = 70;
            var trueX = p + Math.Min(cell.Gap, Cap);
            int x = 0, g = 0, v1 = 0, underPromises = 0;
            double width = 0, widthV1 = 0;
            for (var r = 0; r < Replicates; r++)
            {
                var brand = new BrandWave("B",
                    new Population(p).Draw(rng, cell.Customers, cell.UnequalWeights),
                    new Population(p - cell.Gap).Draw(rng, cell.Prospects, cell.UnequalWeights));
                var result = BrandResult.Compute(brand, Settings);
                if (Covers(result.Score!, trueX)) x++;
                if (Covers(result.Gap!, cell.Gap)) g++;
                if (result.Verdict == Verdict.UnderPromises) underPromises++;
                var old = Version1Interval(result);
                if (Covers(old, trueX)) v1++;
                width += result.Score!.High!.Value - result.Score.Low!.Value;
                widthV1 += old.High!.Value - old.Low!.Value;
            }
            results[i] = new CellCoverage(cell, (double)x / Replicates, (double)g / Replicates, (double)v1 / Replicates,
                width / Replicates, widthV1 / Replicates, (double)underPromises / Replicates);
        });
        return results;
    }

    /// <summary>v1's CX+ interval: the branch chosen by the estimated gap (2P − E below the cap, P + cap at or above it).</summary>
    private static Estimate Version1Interval(BrandResult result)
    {
        var (p, e) = (result.Performance!, result.Expectation!);
        return result.Gap!.Value < Cap
            ? Estimate.Combine(Settings.ConfidenceLevel, (2, p), (-1, e))
            : Estimate.Create(p.Value + Cap, p.StandardError, p.DegreesOfFreedom, Settings.ConfidenceLevel);
    }

    private static bool Covers(Estimate e, double truth) => e.Low <= truth && truth <= e.High;

    private static readonly Lazy<IReadOnlyList<CellCoverage>> BrandCells = new(() => SimulateBrands(AllCells.Length));

    [Fact]
    public void The_v2_interval_of_X_and_the_interval_of_G_cover_the_truth_93_5_to_96_5_percent_in_every_cell()
    {
        var cells = BrandCells.Value;
        Report("brands", BrandTable(cells));

        cells.Should().HaveCount(32);
        foreach (var c in cells)
        {
            var what = $"true gap {c.Cell.Gap:+0.0;-0.0;0}, bases {c.Cell.Customers}/{c.Cell.Prospects}, {c.Cell.Weights} weights";
            c.X.Should().BeInRange(0.935, 0.965, "the v2 interval of X holds: " + what);
            c.G.Should().BeInRange(0.935, 0.965, "the interval of G holds: " + what);
        }
    }

    [Fact]
    public void Under_promises_is_said_of_at_most_3_5_percent_of_brands_whose_true_gap_is_at_or_below_the_cap()
    {
        var cells = BrandCells.Value;

        foreach (var c in cells.Where(c => c.Cell.Gap <= Cap))
            c.UnderPromises.Should().BeLessThanOrEqualTo(0.035,
                $"true gap {c.Cell.Gap:+0.0;-0.0;0}, bases {c.Cell.Customers}/{c.Cell.Prospects}, {c.Cell.Weights} weights (step 16, v3)");
        cells.Where(c => c.Cell.Gap == 11).Should().OnlyContain(c => c.UnderPromises > 0.5, "a gap well above the cap is still found");
    }

    [Fact]
    public void The_v1_interval_of_X_under_covers_at_a_true_gap_of_plus_3()
    {
        var atThree = BrandCells.Value.Where(c => c.Cell.Gap == 3).ToArray();

        atThree.Should().Contain(c => c.XVersion1 < 0.935, "v1 picked the branch by the estimated gap and lost coverage below the cap");
        atThree.Should().OnlyContain(c => c.X >= 0.935);
    }

    // Movement (steps 11 and 17): a brand drawn in two waves. The same true gap in both waves (nothing
    // moved: coverage and false alarms), and pairs across the cap (X moved by the change of the applied gap).
    private static readonly (double Before, double After)[] GapPairs =
        [.. Gaps.Select(g => (g, g)), (3, 7), (7, 3), (4.5, 5.5), (5.5, 4.5), (0, 11)];

    private sealed record MovementCell(double Before, double After, int Customers, int Prospects, bool UnequalWeights)
    {
        public string Weights => UnequalWeights ? "unequal" : "equal";
        public double TrueChange => Math.Min(After, Cap) - Math.Min(Before, Cap);
    }

    private sealed record MovementCoverage(MovementCell Cell, double Covered, double Flagged, double MeanSe, double TrueSd);

    private static readonly MovementCell[] MovementCells =
        [.. from bases in new[] { (100, 50), (400, 200) }
            from unequal in new[] { false, true }
            from pair in GapPairs
            select new MovementCell(pair.Before, pair.After, bases.Item1, bases.Item2, unequal)];

    private static readonly Lazy<IReadOnlyList<MovementCoverage>> MovementResults = new(() =>
    {
        var results = new MovementCoverage[MovementCells.Length];
        Parallel.For(0, MovementCells.Length, i =>
        {
            var cell = MovementCells[i];
            var rng = new Random(20261206 + 7919 * i);
            const double p = 70;
            int covered = 0, flagged = 0;
            double seSum = 0, sum = 0, sumSquares = 0;
            for (var r = 0; r < Replicates; r++)
            {
                BrandWave Draw(double gap) => new("B",
                    new Population(p).Draw(rng, cell.Customers, cell.UnequalWeights),
                    new Population(p - gap).Draw(rng, cell.Prospects, cell.UnequalWeights));
                var before = Draw(cell.Before);
                var table = LeagueTable.Build("S", "W2", [Draw(cell.After)], Settings, ("W1", [before]));
                var movement = table.Rows.Single().Movement!;
                if (Covers(movement.Change, cell.TrueChange)) covered++;
                if (movement.Significant == true) flagged++;
                seSum += movement.Change.StandardError!.Value;
                sum += movement.Change.Value;
                sumSquares += movement.Change.Value * movement.Change.Value;
            }
            var mean = sum / Replicates;
            results[i] = new MovementCoverage(cell, (double)covered / Replicates, (double)flagged / Replicates, seSum / Replicates,
                Math.Sqrt((sumSquares - Replicates * mean * mean) / (Replicates - 1)));
        });
        return results;
    });

    [Fact]
    public void Movement_intervals_cover_93_5_to_98_5_percent_and_false_alarms_stay_between_1_5_and_6_5_percent()
    {
        var cells = MovementResults.Value;
        Report("movement", MovementTable(cells));

        cells.Should().HaveCount(52);
        foreach (var c in cells)
        {
            var what = $"gaps {c.Cell.Before:+0.0;-0.0;0} → {c.Cell.After:+0.0;-0.0;0}, bases {c.Cell.Customers}/{c.Cell.Prospects}, {c.Cell.Weights} weights";
            c.Covered.Should().BeInRange(0.935, 0.985, "the movement interval holds (step 11, v3): " + what);
            if (c.Cell.TrueChange == 0)
                c.Flagged.Should().BeInRange(0.015, 0.065, "nothing moved, so a significant movement is a false alarm: " + what);
        }
    }

    private static string MovementTable(IEnumerable<MovementCoverage> cells)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Movement of X between two waves, {Replicates:#,0} simulated pairs of surveys per row (true P = 70 in both, cap +5).");
        text.AppendLine();
        text.AppendLine("| true gap before → after | true change of X | bases | weights | interval covers | flagged significant | mean SE / true SD of ΔX |");
        text.AppendLine("| --- | ---: | ---: | --- | ---: | ---: | ---: |");
        foreach (var c in cells.OrderBy(c => c.Cell.Customers).ThenBy(c => c.Cell.UnequalWeights).ThenBy(c => c.Cell.Before != c.Cell.After).ThenBy(c => c.Cell.Before))
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Cell.Before:+0.0;-0.0;0.0} → {c.Cell.After:+0.0;-0.0;0.0} | {c.Cell.TrueChange:+0.0;-0.0;0.0} | {c.Cell.Customers}/{c.Cell.Prospects} | {c.Cell.Weights} | {c.Covered:P1} | {c.Flagged:P1} | {c.MeanSe / c.TrueSd:0.00} |");
        return text.ToString();
    }

    // NPS and CSAT near their ends (standard indicators, v3): NPS +82 from 85 % promoters and 3 %
    // detractors; CSAT 95 %. Answers drawn independently, with equal or unequal weights.
    private sealed record IndicatorCoverage(string Indicator, int Respondents, bool UnequalWeights, double Covered, double ZeroWidth);

    private static readonly Lazy<IReadOnlyList<IndicatorCoverage>> IndicatorResults = new(() =>
    {
        var cells = (from indicator in new[] { "NPS +82", "CSAT 95 %" }
                     from n in new[] { 30, 50, 100 }
                     from unequal in new[] { false, true }
                     select (indicator, n, unequal)).ToArray();
        var results = new IndicatorCoverage[cells.Length];
        Parallel.For(0, cells.Length, i =>
        {
            var (indicator, n, unequal) = cells[i];
            var rng = new Random(8200 + 31 * i);
            var nps = indicator.StartsWith("NPS", StringComparison.Ordinal);
            int covered = 0, zeroWidth = 0;
            for (var r = 0; r < Replicates; r++)
            {
                var builder = new RoleStatisticsBuilder(Settings);
                for (var k = 0; k < n; k++)
                {
                    var u = rng.NextDouble();
                    var weight = unequal ? 0.3 + 2.7 * rng.NextDouble() : 1;
                    if (nps) builder.Add([7, 7, 7, 7, 7], weight, nps: u < 0.85 ? 10 : u < 0.97 ? 8 : 3);
                    else builder.Add([7, 7, 7, 7, 7], weight, csat: u < 0.95 ? 5 : 2);
                }
                var score = RoleScore.From(Role.Customer, builder.Build(), Settings);
                var estimate = nps ? score.Nps! : score.Csat!;
                if (Covers(estimate, nps ? 82 : 95)) covered++;
                if (estimate.High == estimate.Low) zeroWidth++;
            }
            results[i] = new IndicatorCoverage(indicator, n, unequal, (double)covered / Replicates, (double)zeroWidth / Replicates);
        });
        return results;
    });

    [Fact]
    public void Nps_and_csat_intervals_near_the_ends_of_their_range_cover_93_5_to_97_5_percent_and_never_have_zero_width()
    {
        var cells = IndicatorResults.Value;
        Report("indicators", IndicatorTable(cells));

        foreach (var c in cells)
        {
            c.Covered.Should().BeInRange(0.935, 0.975, $"{c.Indicator}, {c.Respondents} respondents, {(c.UnequalWeights ? "unequal" : "equal")} weights");
            c.ZeroWidth.Should().Be(0);
        }
    }

    private static string IndicatorTable(IEnumerable<IndicatorCoverage> cells)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"NPS and CSAT intervals near the ends of their range (v3: adjusted Wald and Wilson), {Replicates:#,0} simulated surveys per row.");
        text.AppendLine();
        text.AppendLine("| indicator | respondents | weights | interval covers | of zero width |");
        text.AppendLine("| --- | ---: | --- | ---: | ---: |");
        foreach (var c in cells)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Indicator} | {c.Respondents} | {(c.UnequalWeights ? "unequal" : "equal")} | {c.Covered:P1} | {c.ZeroWidth:P1} |");
        return text.ToString();
    }

    // Sectors of 4–8 brands, several close together near the cap, at the smallest bases that rank.
    private static readonly (string Name, (double P, double G)[] Brands)[] Sectors =
    [
        ("4 brands", [(70, 4.5), (70.5, 5), (71, 5.5), (66, -2)]),
        ("6 brands", [(70, 3), (70.3, 4.5), (70.6, 5), (69.9, 5.5), (72, 7), (65, 0)]),
        ("8 brands", [(68, 4), (68.3, 4.8), (68.6, 5), (68.2, 5.2), (69, 6), (71, 11), (64, -4), (66, 2)]),
    ];

    private sealed record SectorCoverage(string Name, int Brands, double Index, double Position, double Rank, double WorstBrandIndex, double WorstBrandPosition, double WorstBrandRank);

    private static IReadOnlyList<SectorCoverage> SimulateSectors()
    {
        var results = new SectorCoverage[Sectors.Length];
        Parallel.For(0, Sectors.Length, s =>
        {
            var (name, brands) = Sectors[s];
            var m = brands.Length;
            var trueX = brands.Select(b => b.P + Math.Min(b.G, Cap)).ToArray();
            trueX.Distinct().Should().HaveCount(m, "true ranks must be defined");
            var trueMean = trueX.Average();
            var trueRank = trueX.Select(x => 1 + trueX.Count(y => y > x)).ToArray();
            var names = Enumerable.Range(0, m).Select(j => $"B{j}").ToArray();
            var rng = new Random(4242 + 101 * s);
            int[] index = new int[m], position = new int[m], rank = new int[m];
            for (var r = 0; r < SectorReplicates; r++)
            {
                var table = LeagueTable.Build("S", "W", brands.Select((b, j) => new BrandWave(names[j],
                    new Population(b.P).Draw(rng, 100, unequalWeights: false),
                    new Population(b.P - b.G).Draw(rng, 50, unequalWeights: false))), Settings);
                for (var j = 0; j < m; j++)
                {
                    var row = table.Find(names[j])!;
                    if (Covers(row.Index!, 100 * trueX[j] / trueMean)) index[j]++;
                    if (Covers(row.VersusAverage!.Difference, trueX[j] - trueMean)) position[j]++;
                    if (row.RankRange!.Value.Low <= trueRank[j] && trueRank[j] <= row.RankRange.Value.High) rank[j]++;
                }
            }
            double Share(int[] hits) => hits.Sum() / (double)(m * SectorReplicates);
            double Worst(int[] hits) => hits.Min() / (double)SectorReplicates;
            results[s] = new SectorCoverage(name, m, Share(index), Share(position), Share(rank), Worst(index), Worst(position), Worst(rank));
        });
        return results;
    }

    [Fact]
    public void In_sectors_near_the_cap_index_and_position_intervals_cover_94_percent_and_rank_ranges_95_percent()
    {
        var sectors = SimulateSectors();
        Report("sectors", SectorTable(sectors));

        foreach (var s in sectors)
        {
            s.Index.Should().BeGreaterThanOrEqualTo(0.94, s.Name);
            s.Position.Should().BeGreaterThanOrEqualTo(0.94, s.Name);
            s.Rank.Should().BeGreaterThanOrEqualTo(0.95, s.Name);
            s.WorstBrandIndex.Should().BeGreaterThanOrEqualTo(0.93, s.Name);
            s.WorstBrandPosition.Should().BeGreaterThanOrEqualTo(0.93, s.Name);
        }
    }

    [Fact]
    public void The_simulation_is_deterministic()
    {
        var again = SimulateBrands(4);

        again.Should().Equal(BrandCells.Value.Take(4));
    }

    private static string BrandTable(IEnumerable<CellCoverage> cells)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Coverage of 95 % intervals, {Replicates:#,0} simulated surveys per row (true P = 70, cap +5).");
        text.AppendLine();
        text.AppendLine("| true gap | bases (customers/prospects) | weights | X (v2) | G | X (v1) | mean width X v2 / v1 | said Under-promises (v3) |");
        text.AppendLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in cells.OrderBy(c => c.Cell.Customers).ThenBy(c => c.Cell.UnequalWeights).ThenBy(c => c.Cell.Gap))
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Cell.Gap:+0.0;-0.0;0.0} | {c.Cell.Customers}/{c.Cell.Prospects} | {c.Cell.Weights} | {c.X:P1} | {c.G:P1} | {c.XVersion1:P1} | {c.MeanWidth:0.00} / {c.MeanWidthVersion1:0.00} | {c.UnderPromises:P1} |");
        return text.ToString();
    }

    private static string SectorTable(IEnumerable<SectorCoverage> sectors)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Coverage in simulated sectors, {SectorReplicates:#,0} per sector, bases 100/50 (all brands, and the worst brand).");
        text.AppendLine();
        text.AppendLine("| sector | index interval | against the average | rank range |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var s in sectors)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Name} | {s.Index:P1} (worst {s.WorstBrandIndex:P1}) | {s.Position:P1} (worst {s.WorstBrandPosition:P1}) | {s.Rank:P1} (worst {s.WorstBrandRank:P1}) |");
        return text.ToString();
    }

    private void Report(string part, string table)
    {
        output.WriteLine(table);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CxPlus.sln"))) dir = dir.Parent;
        if (dir is null) return;
        var artifacts = Directory.CreateDirectory(Path.Combine(dir.FullName, "artifacts"));
        File.WriteAllText(Path.Combine(artifacts.FullName, $"coverage-simulation-{part}.md"), table);
    }
}
