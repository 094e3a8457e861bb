using CxPlus.Data.Demo;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;

namespace CxPlus.Data.Tests;

/// <summary>Issue #14: key drivers and lens tables from the store, on the demo benchmark.</summary>
public sealed class DriverQueryTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private LeagueQueries Queries => new(demo.Database.DataSource, ScoringSettings.Default);

    // The demo's brands have 100-400 complete customers: with intervals from 100 the bootstrap reads their raw rows.
    private LeagueQueries WithIntervalsFrom100 => new(demo.Database.DataSource, new ScoringSettings(minDriverIntervalBase: 100));
    private static readonly string Wave = DemoBenchmark.Waves[^1];

    public static TheoryData<string, string?> Cases => new() { { "Retail Banking", null }, { "Energy", "Voltra" }, { "Telecom", null }, { "Insurance", "Fairway" } };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Drivers_from_the_rollups_equal_drivers_from_the_raw_rows(string sector, string? brand)
    {
        var fromRollups = await WithIntervalsFrom100.DriversAsync(sector, Wave, brand, intervals: false);
        var fromRows = await WithIntervalsFrom100.DriversAsync(sector, Wave, brand, intervals: true); // the bootstrap recomputes the point from raw rows

        fromRollups.Estimable.Should().BeTrue(fromRollups.Reason);
        fromRows.Bootstrapped.Should().BeTrue();
        fromRows.N.Should().Be(fromRollups.N);
        fromRows.RSquared!.Value.Should().BeApproximately(fromRollups.RSquared!.Value, 1e-9);
        fromRows.Predictors.Select(p => p.Importance.Value).Should().Equal(fromRollups.Predictors.Select(p => p.Importance.Value), (a, e) => Math.Abs(a - e) < 1e-7);
    }

    [Fact]
    public async Task The_same_data_always_give_the_same_intervals()
    {
        var first = await WithIntervalsFrom100.DriversAsync("Energy", Wave, "Voltra");
        var second = await WithIntervalsFrom100.DriversAsync("energy", Wave, "VOLTRA");

        first.Predictors.Select(p => (p.Importance.Low, p.Importance.High)).Should().Equal(second.Predictors.Select(p => (p.Importance.Low, p.Importance.High)));
        first.Predictors.Should().OnlyContain(p => p.Importance.Low < p.Importance.High);
    }

    [Fact]
    public async Task Below_400_complete_customers_a_brand_s_drivers_are_indicative_without_an_interval_and_a_sector_s_carry_one()
    {
        var brand = await Queries.DriversAsync("Energy", Wave, "Voltra");
        var sector = await Queries.DriversAsync("Energy", Wave, null);

        brand.N.Should().BeInRange(100, 399);
        (brand.Estimable, brand.Indicative, brand.Bootstrapped).Should().Be((true, true, false));
        brand.IndicativeReason.Should().Be($"indicative: {brand.N} complete respondents; an interval needs at least 400");
        brand.Predictors.Should().OnlyContain(p => p.Importance.Low == null && p.Importance.High == null);
        sector.N.Should().BeGreaterThanOrEqualTo(400);
        (sector.Indicative, sector.Bootstrapped).Should().Be((false, true));
        sector.Predictors.Should().OnlyContain(p => p.Importance.Low < p.Importance.Value && p.Importance.Value < p.Importance.High);
    }

    [Fact]
    public async Task Each_sector_leans_on_the_factor_its_customers_care_about()
    {
        async Task<string> Top(string sector) => (await Queries.DriversAsync(sector, Wave, null, intervals: false)).Predictors.MaxBy(p => p.Importance.Value)!.Key;

        (await Top("Retail Banking")).Should().Be("empowered_customers");
        (await Top("Energy")).Should().Be("exceptional_delivery");
        (await Top("Insurance")).Should().Be("empowered_employees");
        (await Top("Telecom")).Should().Be("lasting_memories");
    }

    [Fact]
    public async Task A_low_base_brand_has_no_drivers_of_its_own_and_says_why()
    {
        var table = await Queries.LeagueAsync("Energy", Wave);
        var low = table.Rows.First(r => !r.Eligible);

        var drivers = await Queries.DriversAsync("Energy", Wave, low.Brand);

        drivers.Estimable.Should().BeFalse();
        drivers.Reason.Should().StartWith("too few complete respondents: ");
        var matrix = PriorityMatrix.Build(table, low.Brand, drivers, await Queries.DriversAsync("Energy", Wave, null));
        matrix.SectorDrivers.Should().BeTrue();
        matrix.Factors.Should().HaveCount(5);
    }

    [Fact]
    public async Task Lenses_appear_only_where_the_sector_asked_them()
    {
        (await Queries.AnsweredLensesAsync("Retail Banking", Wave)).Select(l => l.Lens).Should().Equal(Lens.Cee, Lens.Kei);
        (await Queries.AnsweredLensesAsync("Telecom", Wave)).Select(l => l.Lens).Should().Equal(Lens.Kei);
        (await Queries.AnsweredLensesAsync("Energy", Wave)).Should().BeEmpty();
        var pillars = await Queries.DriversAsync("Retail Banking", Wave, null, Lens.Cee);
        pillars.Predictors.Select(p => p.Key).Should().Equal(Lenses.Pillars.Select(p => p.Key));
        pillars.Predictors.Sum(p => p.Importance.Value).Should().BeApproximately(100, 1e-9);
    }

    [Fact]
    public async Task Asking_for_a_brand_the_sector_does_not_have_names_the_ones_it_has()
    {
        var act = () => Queries.DriversAsync("Energy", Wave, "Nope");
        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage("There is no brand \"Nope\" in Energy. Brands: *Voltra*");
    }
}
