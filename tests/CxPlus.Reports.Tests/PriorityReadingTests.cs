using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Tests;

namespace CxPlus.Reports.Tests;

/// <summary>Step 23's sentence (moved from the scoring library, which returns data: the edges write the words), in English and Dutch.</summary>
public sealed class PriorityReadingTests
{
    // The scoring tests' sector: "Us" below the others on two factors, above on two.
    private static LeagueTable Table() => PriorityTests.Table();

    private static DriverResult Drivers(params double[] importance) => PriorityTests.Drivers(importance);

    private static DriverResult NotEstimable => PriorityTests.NotEstimable;

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
    public void Without_any_drivers_a_Dutch_reader_reads_why_in_Dutch()
    {
        var none = KeyDrivers.Compute(CrossProducts.Empty(SuccessFactors.Count + 1), KeyDrivers.Factors, 100);
        var matrix = PriorityMatrix.Build(Table(), "Us", none, none);

        using (new CultureScope("en")) BrandReading.Priority(matrix).Should().Be(matrix.Reason, "in English as the files say it");
        using (new CultureScope("nl"))
            BrandReading.Priority(matrix).Should().StartWith("De drivers zijn niet te schatten, niet voor het merk (te weinig volledige respondenten: 0 < 100");
    }

    [Fact]
    public void Without_any_drivers_the_reason_is_given()
    {
        BrandReading.Priority(PriorityMatrix.Build(Table(), "Us", NotEstimable, NotEstimable)).Should().Contain("cannot be estimated").And.Contain("40 < 100");
    }
}
