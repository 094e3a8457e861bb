using FsCheck;
using FsCheck.Xunit;

namespace CxPlus.Scoring.Tests;

/// <summary>
/// The store keeps partial sums, so merging must not change any number: any split of the
/// respondents, in any order, gives the statistics of the whole (up to floating-point rounding).
/// </summary>
public class StatisticsProperties
{
    private static readonly ScoringSettings Settings = ScoringSettings.Default;
    private static readonly ScoringSettings AllRanked = new(minCustomers: 1, minProspects: 1);

    /// <summary>Derives a varied respondent from one integer: ratings 0..10 or missing, weights 0.5..3.5, indicators.</summary>
    private static SurveyResponse Respondent(int seed)
    {
        var rng = new Random(seed);
        int? Rating() => rng.Next(12) is var r && r == 11 ? null : r;
        return new SurveyResponse([Rating(), Rating(), Rating(), Rating(), Rating()], 0.5 + rng.Next(7) / 2.0,
            nps: rng.Next(12) is var n && n <= 10 ? n : null, csat: rng.Next(1, 7) is var c && c <= 5 ? c : null, ces: rng.Next(1, 9) is var e && e <= 7 ? e : null);
    }

    [Property(MaxTest = 200)]
    public bool Merging_any_split_into_parts_equals_building_from_all_responses(NonEmptyArray<int> seeds, PositiveInt parts, int splitSeed)
    {
        var responses = seeds.Get.Select(Respondent).ToArray();
        var whole = RoleStatistics.From(responses, Settings);

        var rng = new Random(splitSeed);
        var merged = responses
            .GroupBy(_ => rng.Next(parts.Get))
            .Select(g => RoleStatistics.From(g, Settings))
            .Aggregate(RoleStatistics.Empty, (a, b) => a + b);

        return SameNumbers(whole, merged);
    }

    [Property(MaxTest = 200)]
    public bool Permuting_respondents_changes_nothing(NonEmptyArray<int> seeds, int shuffleSeed)
    {
        var responses = seeds.Get.Select(Respondent).ToArray();
        var shuffled = responses.ToArray();
        new Random(shuffleSeed).Shuffle(shuffled);

        return SameNumbers(RoleStatistics.From(responses, Settings), RoleStatistics.From(shuffled, Settings));
    }

    [Property(MaxTest = 100)]
    public bool Removing_a_part_undoes_adding_it(NonEmptyArray<int> first, NonEmptyArray<int> second)
    {
        var a = RoleStatistics.From(first.Get.Select(Respondent), Settings);
        var b = RoleStatistics.From(second.Get.Select(Respondent), Settings);

        return SameNumbers(a, (a + b) - b);
    }

    [Property(MaxTest = 100)]
    public bool Multiplying_every_weight_by_a_constant_changes_no_result(NonEmptyArray<int> customerSeeds, NonEmptyArray<int> prospectSeeds, PositiveInt factor)
    {
        var k = factor.Get % 50 + 0.25;
        RoleStatistics Stats(IEnumerable<int> seeds, double scale) => RoleStatistics.From(
            seeds.Select(Respondent).Select(r => new SurveyResponse(r.Ratings, r.Weight * scale, r.Nps, r.Csat, r.Ces)), Settings);

        var plain = BrandResult.Compute(new BrandWave("B", Stats(customerSeeds.Get, 1), Stats(prospectSeeds.Get, 1)), Settings);
        var scaled = BrandResult.Compute(new BrandWave("B", Stats(customerSeeds.Get, k), Stats(prospectSeeds.Get, k)), Settings);

        return Close(plain.Score, scaled.Score) && Close(plain.Gap, scaled.Gap) && Close(plain.Customers.Nps, scaled.Customers.Nps)
            && Close(plain.Customers.Csat, scaled.Customers.Csat) && Close(plain.Customers.Ces, scaled.Customers.Ces)
            && (plain.Verdict == scaled.Verdict || OnVerdictBoundary(plain.Gap))
            && plain.FactorGaps.Zip(scaled.FactorGaps).All(p => Close(p.First.Gap, p.Second.Gap));
    }

    /// <summary>
    /// The allowed weight range (0.0001..10000) at both ends: scale a sector's weights so that the
    /// smallest is exactly 0.0001, or the largest exactly 10000, and every number of the league
    /// table (steps 4–21) stays the same to 1e-9 of its magnitude (at least one point).
    /// </summary>
    [Property(MaxTest = 100)]
    public bool Weights_scaled_to_either_end_of_the_allowed_range_change_no_number_of_the_league_table(
        NonEmptyArray<int> a, NonEmptyArray<int> b, NonEmptyArray<int> c, NonEmptyArray<int> prospects)
    {
        var brands = new[] { a, b, c }.Select((seeds, i) => (Name: $"B{i}", Customers: seeds.Get.Select(Respondent).ToArray(),
            Prospects: prospects.Get.Select(x => Respondent(x + i)).ToArray())).ToArray();
        var weights = brands.SelectMany(x => x.Customers.Concat(x.Prospects)).Select(r => r.Weight).ToArray();
        LeagueTable Table(double k) => LeagueTable.Build("S", "W", brands.Select(x => new BrandWave(x.Name,
            RoleStatistics.From(x.Customers.Select(r => Scaled(r, k)), Settings),
            RoleStatistics.From(x.Prospects.Select(r => Scaled(r, k)), Settings))), AllRanked);

        var plain = Table(1);
        return new[] { SurveyWeights.Min / weights.Min(), SurveyWeights.Max / weights.Max() }.All(k => SameTable(plain, Table(k)));
    }

    [Fact]
    public void Every_weight_at_0_0001_or_at_10000_gives_the_numbers_of_equal_weights()
    {
        var responses = Enumerable.Range(0, 40).Select(Respondent).ToArray();
        LeagueTable Table(double w) => LeagueTable.Build("S", "W", [new BrandWave("B",
            RoleStatistics.From(responses.Select(r => new SurveyResponse(r.Ratings, w, r.Nps, r.Csat, r.Ces)), Settings),
            RoleStatistics.From(responses.Skip(5).Select(r => new SurveyResponse(r.Ratings, w)), Settings))], AllRanked);

        SameTable(Table(1), Table(SurveyWeights.Min)).Should().BeTrue();
        SameTable(Table(1), Table(SurveyWeights.Max)).Should().BeTrue();
    }

    [Fact]
    public void A_billion_respondents_at_the_largest_weight_do_not_overflow_the_sums()
    {
        var one = RoleStatistics.From([new SurveyResponse([10, 10, 10, 10, 9], SurveyWeights.Max, 10, 5, 7), new SurveyResponse([0, 1, 0, 0, 0], SurveyWeights.Max, 0, 1, 1)], Settings);
        var many = one;
        for (var i = 0; i < 29; i++) many += many; // 2^30 ≈ 1.07 billion respondents

        var score = RoleScore.From(Role.Customer, many, Settings);
        RollupValues(many).Should().OnlyContain(v => double.IsFinite(v));
        score.Score!.Value.Should().BeApproximately(RoleScore.From(Role.Customer, one, Settings).Score!.Value, 1e-9);
        score.Score.StandardError.Should().BePositive();
        score.Nps!.StandardError.Should().BePositive();
    }

    [Fact]
    public void Weights_outside_the_allowed_range_are_refused()
    {
        foreach (var w in new[] { 1e-200, 0.00009999, 10000.001, 1e200, double.NaN, double.PositiveInfinity })
        {
            var act = () => new SurveyResponse([5, 5, 5, 5, 5], w);
            act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0.0001..10000*");
            var builder = () => new RoleStatisticsBuilder(Settings).Add([5, 5, 5, 5, 5], w);
            builder.Should().Throw<ArgumentOutOfRangeException>();
        }
        new SurveyResponse([5, 5, 5, 5, 5], SurveyWeights.Min).Weight.Should().Be(0.0001);
        new SurveyResponse([5, 5, 5, 5, 5], SurveyWeights.Max).Weight.Should().Be(10000);
    }

    private static IEnumerable<double> RollupValues(RoleStatistics s) =>
        new[] { s.Composite, s.Ces }.Concat(SuccessFactors.All.Select(f => s.Factors[f]))
            .SelectMany(w => new[] { w.SumW, w.SumW2, w.SumWY, w.SumW2Y, w.SumW2Y2 })
            .Concat(new[] { s.Nps, s.Csat }.SelectMany(x => new[] { x.SumW, x.SumW2, x.SumWHigh, x.SumWLow }));

    private static SurveyResponse Scaled(SurveyResponse r, double k) => new(r.Ratings, Math.Clamp(r.Weight * k, SurveyWeights.Min, SurveyWeights.Max), r.Nps, r.Csat, r.Ces);

    private static bool SameTable(LeagueTable x, LeagueTable y) =>
        // Rows are paired by brand: where a rank may differ (on a rounding boundary) so may the order.
        Close(x.Average, y.Average) && x.Rows.Count == y.Rows.Count && x.Rows.OrderBy(r => r.Brand, StringComparer.Ordinal)
            .Zip(y.Rows.OrderBy(r => r.Brand, StringComparer.Ordinal)).All(p =>
        {
            var (a, b) = p;
            // A rank or a verdict may only differ where X sits on a rounding boundary, or an end of
            // the gap's interval on 0 or on the cap (step 16), e.g. a gap of 0 that rounding makes 1e-14.
            return a.Brand == b.Brand && a.Eligible == b.Eligible && (a.Rank == b.Rank || OnBoundary(a.Result.Score))
                && Close(a.Result.Score, b.Result.Score) && Close(a.Result.Gap, b.Result.Gap) && Close(a.Result.Performance, b.Result.Performance)
                && Close(a.Result.Expectation, b.Result.Expectation) && Close(a.Index, b.Index)
                && Close(a.VersusAverage?.Difference, b.VersusAverage?.Difference) && a.RankRange == b.RankRange
                && Close(a.Result.Customers.EffectiveBase, b.Result.Customers.EffectiveBase)
                && Close(a.Result.Customers.Nps, b.Result.Customers.Nps) && Close(a.Result.Customers.Csat, b.Result.Customers.Csat)
                && Close(a.Result.Customers.Ces, b.Result.Customers.Ces)
                && (a.Result.Verdict == b.Result.Verdict || OnVerdictBoundary(a.Result.Gap))
                && a.Result.FactorGaps.Zip(b.Result.FactorGaps).All(f => Close(f.First.Gap, f.Second.Gap));
        });

    private static bool OnVerdictBoundary(Estimate? gap) =>
        gap is { Low: { } low, High: { } high } && new[] { low, high }.Any(end => Math.Abs(end) < 1e-9 || Math.Abs(end - Settings.Cap) < 1e-9);

    private static bool OnBoundary(Estimate? x) => x is not null && Math.Abs(x.Value * 10 - Math.Floor(x.Value * 10) - 0.5) < 1e-6;

    private static bool SameNumbers(RoleStatistics x, RoleStatistics y)
    {
        var a = RoleScore.From(Role.Customer, x, Settings);
        var b = RoleScore.From(Role.Customer, y, Settings);
        return a.N == b.N && a.Incomplete == b.Incomplete && Close(a.Score, b.Score)
            && a.Factors.Zip(b.Factors).All(p => p.First.N == p.Second.N && Close(p.First.Score, p.Second.Score))
            && Close(a.Nps, b.Nps) && Close(a.Csat, b.Csat) && Close(a.Ces, b.Ces);
    }

    private static bool Close(Estimate? a, Estimate? b) =>
        (a, b) switch
        {
            (null, null) => true,
            ({ } x, { } y) => Close(x.Value, y.Value) && Close(x.StandardError, y.StandardError)
                && Close(x.DegreesOfFreedom, y.DegreesOfFreedom) && Close(x.Low, y.Low) && Close(x.High, y.High),
            _ => false,
        };

    private static bool Close(double? a, double? b) =>
        (a, b) switch
        {
            (null, null) => true,
            ({ } x, { } y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))),
            _ => false,
        };
}
