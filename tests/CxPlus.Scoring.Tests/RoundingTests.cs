namespace CxPlus.Scoring.Tests;

/// <summary>
/// Step 14 ranks by X rounded to one decimal and "Display" rounds half away from zero. A score that
/// is exactly a midpoint (66.75) may come out of double arithmetic a few units in the last place
/// below it (66.74999999999999) when the weights are scaled; it must still round as the midpoint,
/// or scaling the weights (which changes no number) changes a rank and the shown score.
/// </summary>
public class RoundingTests
{
    [Theory]
    [InlineData(66.74999999999999, 66.8)]
    [InlineData(66.75, 66.8)]
    [InlineData(66.75000000000001, 66.8)]
    [InlineData(-66.74999999999999, -66.8)]
    [InlineData(0.04999999999999999, 0.1)]
    [InlineData(66.7499, 66.7)]
    [InlineData(66.7501, 66.8)]
    [InlineData(66.74, 66.7)]
    [InlineData(0, 0)]
    public void A_midpoint_missed_by_floating_point_rounds_as_the_midpoint(double value, double rounded) =>
        Rounding.OneDecimal(value).Should().Be(rounded);

    [Theory]
    [InlineData(96.49999999999999, 97)]
    [InlineData(96.5, 97)]
    [InlineData(96.4999, 96)]
    [InlineData(-2.4999999999999996, -3)]
    public void A_whole_number_midpoint_missed_by_floating_point_rounds_as_the_midpoint(double value, double rounded) =>
        Rounding.Whole(value).Should().Be(rounded);

    [Fact]
    public void Scaling_the_weights_keeps_two_brands_on_a_rounding_midpoint_in_their_order()
    {
        // Found by StatisticsProperties (seed 9536924638133395618,13169972628680310199): B1's X is
        // 66.75 exactly, and 66.74999999999999 with every weight times 0.0002, which tied it with
        // B0 (66.725 → 66.7) and moved B0 from rank 3 to rank 2.
        var ranked = new ScoringSettings(minCustomers: 1, minProspects: 1);
        int[][] customers = [[0, 1, 0, 1, 0, 1, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 3, 1, 1, 0, 3, 0], [0]];
        int[] prospects = [0, 1, 0, 3, 4, 3, 1, 3, 0, 0];
        LeagueTable Table(double k) => LeagueTable.Build("S", "W", customers.Select((seeds, i) => new BrandWave($"B{i}",
            RoleStatistics.From(seeds.Select(s => Respondent(s, k)), ScoringSettings.Default),
            RoleStatistics.From(prospects.Select(s => Respondent(s + i, k)), ScoringSettings.Default))), ranked);

        var ranks = Table(1).Rows.Select(r => (r.Brand, r.Rank)).ToArray();
        ranks.Should().Equal(("B2", 1), ("B1", 2), ("B0", 3));
        Table(0.0002).Rows.Select(r => (r.Brand, r.Rank)).Should().Equal(ranks);
    }

    /// <summary>The respondent StatisticsProperties derives from a seed, its weight times <paramref name="k"/>.</summary>
    private static SurveyResponse Respondent(int seed, double k)
    {
        var rng = new Random(seed);
        int? Rating() => rng.Next(12) is var r && r == 11 ? null : r;
        return new SurveyResponse([Rating(), Rating(), Rating(), Rating(), Rating()], (0.5 + rng.Next(7) / 2.0) * k,
            nps: rng.Next(12) is var n && n <= 10 ? n : null, csat: rng.Next(1, 7) is var c && c <= 5 ? c : null, ces: rng.Next(1, 9) is var e && e <= 7 ? e : null);
    }
}
