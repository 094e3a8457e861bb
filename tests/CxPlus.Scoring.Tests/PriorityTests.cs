using CxPlus.Scoring.Drivers;

namespace CxPlus.Scoring.Tests;

/// <summary>Issue #14, step 23: the priority matrix's quadrants (its sentence, in words: Reports' PriorityReadingTests).</summary>
public class PriorityTests
{
    private static readonly ScoringSettings Settings = new(minCustomers: 2, minProspects: 2);

    private static RoleStatistics Rated(params int?[][] responses) => RoleStatistics.From(responses.Select(r => new SurveyResponse(r)), Settings);

    /// <summary>"Us" is below the other two on factors 0 and 3, above on 1 and 4, level on 2 (also for Reports' sentence tests).</summary>
    public static LeagueTable Table() => LeagueTable.Build("S", "W",
    [
        new BrandWave("Us", Rated([4, 8, 6, 4, 8], [5, 9, 6, 5, 9]), Rated([6, 6, 6, 6, 6], [6, 6, 6, 6, 6])),
        new BrandWave("Them", Rated([7, 6, 6, 7, 6], [8, 7, 6, 8, 7]), Rated([6, 6, 6, 6, 6], [6, 6, 6, 6, 6])),
        new BrandWave("Others", Rated([7, 5, 6, 7, 5], [8, 6, 6, 8, 6]), Rated([6, 6, 6, 6, 6], [6, 6, 6, 6, 6])),
    ], Settings);

    public static DriverResult Drivers(params double[] importance) => new(200, 0.5, null,
        [.. KeyDrivers.Factors.Select((p, k) => new DriverImportance(p.Key, p.Name, importance[k] / 200, Estimate.Create(importance[k], null, null, 0.95)))]);

    public static readonly DriverResult NotEstimable = new(40, null, "too few complete respondents: 40 < 100", []);

    [Fact]
    public void Factors_fall_in_the_quadrants_of_importance_against_the_sector_average()
    {
        var matrix = PriorityMatrix.Build(Table(), "Us", Drivers(35, 30, 15, 12, 8), Drivers(20, 20, 20, 20, 20));

        matrix.SectorDrivers.Should().BeFalse();
        matrix.Factors.Select(f => f.Quadrant).Should().Equal(
            PriorityQuadrant.FixFirst, PriorityQuadrant.Strength, PriorityQuadrant.Maintain, PriorityQuadrant.LowerPriority, PriorityQuadrant.Maintain);
        matrix.Factors[0].VersusAverage.Value.Should().BeApproximately(45 - (45 + 75 + 75) / 3.0, 1e-9);
        matrix.FirstToFix!.Factor.Should().Be(SuccessFactor.ClearBrandPromise);
    }

    [Fact]
    public void Without_the_brands_own_drivers_the_sectors_pooled_ones_are_used_and_said_to_be()
    {
        var matrix = PriorityMatrix.Build(Table(), "Us", NotEstimable, Drivers(10, 10, 10, 40, 30));

        matrix.SectorDrivers.Should().BeTrue();
        matrix.FirstToFix!.Factor.Should().Be(SuccessFactor.LastingMemories);
    }

    [Fact]
    public void Without_any_drivers_there_is_no_matrix_and_the_reason_is_given()
    {
        var matrix = PriorityMatrix.Build(Table(), "Us", NotEstimable, NotEstimable);

        matrix.Factors.Should().BeEmpty();
        matrix.Reason.Should().Contain("cannot be estimated").And.Contain("40 < 100");
    }
}
