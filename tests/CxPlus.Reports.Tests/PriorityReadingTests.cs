using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;

namespace CxPlus.Reports.Tests;

/// <summary>Step 23's sentence (moved from the scoring library, which returns data: the edges write the words), in English and Dutch.</summary>
public sealed class PriorityReadingTests
{
    private static readonly ScoringSettings Settings = new(minCustomers: 2, minProspects: 2);

    private static RoleStatistics Rated(params int?[][] responses) => RoleStatistics.From(responses.Select(r => new SurveyResponse(r)), Settings);

    /// <summary>"Us" is below the other two on factors 0 and 3, above on 1 and 4, level on 2.</summary>
    private static LeagueTable Table() => LeagueTable.Build("S", "W",
    [
        new BrandWave("Us", Rated([4, 8, 6, 4, 8], [5, 9, 6, 5, 9]), Rated([6, 6, 6, 6, 6], [6, 6, 6, 6, 6])),
        new BrandWave("Them", Rated([7, 6, 6, 7, 6], [8, 7, 6, 8, 7]), Rated([6, 6, 6, 6, 6], [6, 6, 6, 6, 6])),
        new BrandWave("Others", Rated([7, 5, 6, 7, 5], [8, 6, 6, 8, 6]), Rated([6, 6, 6, 6, 6], [6, 6, 6, 6, 6])),
    ], Settings);

    private static DriverResult Drivers(params double[] importance) => new(200, 0.5, null,
        [.. KeyDrivers.Factors.Select((p, k) => new DriverImportance(p.Key, p.Name, importance[k] / 200, Estimate.Create(importance[k], null, null, 0.95)))]);

    private static readonly DriverResult NotEstimable = new(40, null, "too few complete respondents: 40 < 100", []);

    [Fact]
    public void The_factor_to_fix_first_is_named_with_its_importance_and_shortfall()
    {
        var matrix = PriorityMatrix.Build(Table(), "Us", Drivers(35, 30, 15, 12, 8), Drivers(20, 20, 20, 20, 20));

        BrandReading.Priority(matrix).Should().StartWith("Fix first: Clear Brand Promise. It explains 35 % of what drives recommendation and scores 20.0 points below the sector average");
        using (new CultureScope("nl"))
            BrandReading.Priority(matrix).Should().StartWith("Eerst verbeteren: Clear Brand Promise. Deze factor verklaart 35% van wat aanbeveling drijft en scoort 20,0 punten onder het sectorgemiddelde");
    }

    [Fact]
    public void Without_the_brands_own_drivers_the_sentence_says_the_sectors_are_used()
    {
        var matrix = PriorityMatrix.Build(Table(), "Us", NotEstimable, Drivers(10, 10, 10, 40, 30));

        BrandReading.Priority(matrix).Should().Contain("importance from the sector's pooled drivers");
    }

    [Fact]
    public void When_nothing_important_lies_below_average_the_sentence_names_the_strength_to_keep()
    {
        BrandReading.Priority(PriorityMatrix.Build(Table(), "Us", Drivers(10, 40, 10, 10, 30), NotEstimable))
            .Should().StartWith("Nothing important lies below the sector average. Keep Empowered Employees");
    }

    [Fact]
    public void Without_any_drivers_the_reason_is_given()
    {
        BrandReading.Priority(PriorityMatrix.Build(Table(), "Us", NotEstimable, NotEstimable)).Should().Contain("cannot be estimated").And.Contain("40 < 100");
    }
}
