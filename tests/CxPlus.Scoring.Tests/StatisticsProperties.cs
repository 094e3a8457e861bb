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
            && plain.Verdict == scaled.Verdict
            && plain.FactorGaps.Zip(scaled.FactorGaps).All(p => Close(p.First.Gap, p.Second.Gap));
    }

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
