using CxPlus.Scoring.Drivers;

namespace CxPlus.Scoring.Tests;

/// <summary>
/// Issue 27: a member's brand page compares its factors with the sector average from the sector's
/// sums alone (<see cref="SectorFactor"/>), never from another brand's score; the numbers are those
/// of the full table, and step 23's interval is the linear combination's.
/// </summary>
public class SectorFactorTests
{
    private static readonly ScoringSettings Settings = new(minCustomers: 3, minProspects: 2);

    private static RoleStatistics Rated(params int?[][] responses) => RoleStatistics.From(responses.Select(r => new SurveyResponse(r)), Settings);

    /// <summary>Three ranked brands of unequal spread, and "Small", unranked with two customers.</summary>
    private static LeagueTable Full() => LeagueTable.Build("S", "W",
    [
        new BrandWave("Us", Rated([4, 8, 6, 4, 8], [5, 9, 6, 5, 9], [6, 7, 7, 3, 9]), Rated([6, 6, 6, 6, 6], [6, 6, 6, 6, 6])),
        new BrandWave("Them", Rated([7, 6, 6, 7, 6], [8, 7, 6, 8, 7], [9, 9, 2, 8, 8], [7, 7, 7, 7, 7]), Rated([6, 6, 6, 6, 6], [6, 6, 6, 6, 6])),
        new BrandWave("Others", Rated([7, 5, 6, 7, 5], [8, 6, 6, 8, 6], [3, 9, 6, 8, 4]), Rated([6, 6, 6, 6, 6], [5, 6, 7, 6, 6])),
        new BrandWave("Small", Rated([9, 9, 9, 9, 9], [8, 2, 9, 8, 9]), Rated([6, 6, 6, 6, 6], [6, 6, 6, 6, 6])),
    ], Settings);

    [Fact]
    public void A_difference_from_the_sector_average_is_step_23s_linear_combination_of_the_ranked_brands_scores()
    {
        var table = Full();
        var ranked = table.Rows.Where(r => r.Eligible).ToList();
        ranked.Should().HaveCount(3);
        table.Find("Small")!.Eligible.Should().BeFalse();
        foreach (var row in table.Rows)
        foreach (var f in SuccessFactors.All)
        {
            var m = ranked.Count;
            var terms = ranked.Where(r => r.Brand != row.Brand).Select(r => (-1.0 / m, r.Result.Customers[f].Score!)).ToList();
            terms.Add((row.Eligible ? 1 - 1.0 / m : 1, row.Result.Customers[f].Score!));
            var average = ranked.Average(r => r.Result.Customers[f].Score!.Value);
            var expected = Estimate.Around(row.Result.Customers[f].Score!.Value - average, Settings.ConfidenceLevel, [.. terms]);

            var actual = FactorComparison.VersusAverage(table, row, f)!;

            actual.Value.Should().BeApproximately(expected.Value, 1e-12, $"{row.Brand}, {f}");
            actual.StandardError!.Value.Should().BeApproximately(expected.StandardError!.Value, 1e-12);
            actual.DegreesOfFreedom!.Value.Should().BeApproximately(expected.DegreesOfFreedom!.Value, 1e-9 * expected.DegreesOfFreedom.Value);
            actual.Low!.Value.Should().BeApproximately(expected.Low!.Value, 1e-9);
        }
    }

    [Fact]
    public void A_published_table_gives_the_same_averages_and_differences_to_the_last_bit_with_no_other_brands_factor_score()
    {
        var full = Full();
        var published = full with
        {
            Rows = [.. full.Rows.Select(r => r.Brand == "Us" ? r : r with { Result = r.Result.Headline() })],
            PublishedFactors = SectorFactor.Of(full),
        };
        published.Rows.Where(r => r.Brand != "Us").Should().OnlyContain(r => SuccessFactors.All.All(f => r.Result.Customers[f].Score == null));

        foreach (var f in SuccessFactors.All)
        {
            FactorComparison.Average(published, f).Should().Be(FactorComparison.Average(full, f));
            FactorComparison.VersusAverage(published, published.Find("Us")!, f).Should().Be(FactorComparison.VersusAverage(full, full.Find("Us")!, f));
        }
        SectorFactor.Of(published).Select(s => s.MeanOfScored).Should().Equal(SectorFactor.Of(full).Select(s => s.MeanOfScored));
        SectorFactor.Of(full)[0].Best.Should().Be(full.Rows.Where(r => r.Eligible).Max(r => r.Result.Customers[SuccessFactor.ClearBrandPromise].Score!.Value));
    }

    [Fact]
    public void Without_any_ranked_brand_there_is_no_average_and_no_difference()
    {
        var table = LeagueTable.Build("S", "W", [new BrandWave("Small", Rated([9, 9, 9, 9, 9]), Rated([6, 6, 6, 6, 6], [6, 6, 6, 6, 6]))], Settings);

        var factor = SectorFactor.Of(table, SuccessFactor.ClearBrandPromise);

        factor.Average.Should().BeNull();
        factor.Best.Should().BeNull();
        factor.VersusAverage(table.Rows[0], Settings.ConfidenceLevel).Should().BeNull();
    }
}
