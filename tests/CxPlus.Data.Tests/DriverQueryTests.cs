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

    public static TheoryData<string, string?, string, string> SegmentCases => new()
    {
        { "Retail Banking", null, "age", "18-34" }, { "Energy", null, "contact_reason", "complaint" }, { "Telecom", null, "region", "Flanders" },
    };

    [Theory]
    [MemberData(nameof(SegmentCases))]
    public async Task Drivers_within_a_segment_from_its_rollups_equal_those_from_its_raw_rows(string sector, string? brand, string segment, string category)
    {
        var fromRollups = await WithIntervalsFrom100.SegmentDriversAsync(sector, Wave, segment, category, brand, intervals: false);
        var fromRows = await WithIntervalsFrom100.SegmentDriversAsync(sector, Wave, segment.ToUpperInvariant(), category.ToUpperInvariant(), brand); // the bootstrap reads the category's raw rows
        var whole = await WithIntervalsFrom100.DriversAsync(sector, Wave, brand, intervals: false);

        fromRollups.Estimable.Should().BeTrue(fromRollups.Reason);
        fromRows.Bootstrapped.Should().BeTrue();
        fromRows.N.Should().Be(fromRollups.N).And.BeLessThan(whole.N, "a category is a part of the sector's customers");
        fromRows.Predictors.Select(p => p.Importance.Value).Should().Equal(fromRollups.Predictors.Select(p => p.Importance.Value), (a, e) => Math.Abs(a - e) < 1e-7);
        fromRows.Predictors.Should().OnlyContain(p => p.Importance.Low <= p.Importance.Value && p.Importance.Value <= p.Importance.High);
        fromRows.Predictors.Select(p => p.Importance.Value).Should().NotEqual(whole.Predictors.Select(p => p.Importance.Value), "the category's customers weigh the factors otherwise");
    }

    [Fact]
    public async Task A_segment_s_random_groups_summed_from_its_rows_add_up_to_its_rollups()
    {
        await using var connection = await demo.Database.DataSource.OpenConnectionAsync();
        await using var ids = new Npgsql.NpgsqlCommand(
            "SELECT w.id, array_agg(b.id ORDER BY b.id) FROM waves w, brands b JOIN sectors s ON s.id = b.sector_id WHERE w.code = $1 AND s.name = 'Energy' GROUP BY w.id", connection);
        ids.Parameters.Add(new() { Value = Wave });
        int waveId; int[] brandIds;
        await using (var r = await ids.ExecuteReaderAsync()) { await r.ReadAsync(); (waveId, brandIds) = (r.GetInt32(0), r.GetFieldValue<int[]>(1)); }
        var sectorId = await new Npgsql.NpgsqlCommand("SELECT id FROM sectors WHERE name = 'Energy'", connection).ExecuteScalarAsync() as int? ?? 0;

        var groups = await DriverGroups.ComputeInSegmentAsync(connection, ScoringSettings.Default, waveId, brandIds, "contact_reason", "billing", default);
        var rollups = await SegmentRollups.ReadAsync(connection, sectorId, [waveId], "contact_reason", default);

        groups.Keys.Should().NotBeEmpty();
        foreach (var (brandId, list) in groups)
        {
            list.Should().HaveCountLessThanOrEqualTo(RespondentGroups.Count);
            var summed = list.Select(g => g.Factors).Aggregate(CrossProducts.Empty(SuccessFactors.Count + 1), (a, b) => a + b);
            var rollup = rollups[new SegmentRollupKey(waveId, brandId, Role.Customer, "contact_reason", "billing")].Drivers;
            summed.Sums.ToArray().Should().Equal(rollup.Sums.ToArray(), (a, e) => Math.Abs(a - e) <= 1e-6 * Math.Max(1, Math.Abs(e)));
        }
    }

    [Fact]
    public async Task A_brand_without_customers_in_a_category_or_an_unknown_category_is_named()
    {
        var unknown = () => Queries.SegmentDriversAsync("Energy", Wave, "age", "12-17", null);
        (await unknown.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be($"Segment age has no category \"12-17\" in {Wave}. Categories: 18-34, 35-54, 55+.");
        var nobody = () => Queries.SegmentDriversAsync("Energy", Wave, "age", "18-34", "Nope");
        (await nobody.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().StartWith("There is no brand \"Nope\" in Energy.");
    }

    [Fact]
    public async Task A_segment_s_lens_tables_are_those_of_its_customers_with_the_segment_minimums()
    {
        var lenses = await Queries.SegmentLensesAsync("Retail Banking", Wave, "age", "55+");
        var whole = await Queries.AnsweredLensesAsync("Retail Banking", Wave);

        lenses.Select(l => l.Lens).Should().Equal(Lens.Cee, Lens.Kei);
        foreach (var lens in lenses)
        {
            lens.Segment.Should().BeEquivalentTo(new SegmentCut("age", "55+", []));
            lens.Settings.MinCustomers.Should().Be(50);
            var all = whole.Single(w => w.Lens == lens.Lens);
            lens.Rows.Should().OnlyContain(r => r.N < all.Find(r.Brand)!.N, "a category holds some of each brand's customers");
        }
        (await Queries.SegmentLensesAsync("Energy", Wave, "age", "55+")).Should().BeEmpty("Energy's customers answer no lens");

        // The same tables from the raw responses' segments (the rollups' independent implementation).
        await using var connection = await demo.Database.DataSource.OpenConnectionAsync();
        var sectorId = (int)(await new Npgsql.NpgsqlCommand("SELECT id FROM sectors WHERE name = 'Retail Banking'", connection).ExecuteScalarAsync())!;
        var waveId = (int)(await new Npgsql.NpgsqlCommand($"SELECT id FROM waves WHERE code = '{Wave}'", connection).ExecuteScalarAsync())!;
        var names = new Dictionary<int, string>();
        await using (var r = await new Npgsql.NpgsqlCommand("SELECT id, name FROM brands", connection).ExecuteReaderAsync())
            while (await r.ReadAsync()) names[r.GetInt32(0)] = r.GetString(1);
        var raw = await SegmentRollups.ComputeFromResponsesAsync(connection, ScoringSettings.Default, sectorId, [waveId], default, "age");
        var customers = raw.Where(x => x.Key.Category == "55+" && x.Key.Role == Role.Customer).Select(x => (names[x.Key.BrandId], x.Value)).ToList();
        var cee = SegmentTables.BuildLens("Retail Banking", Wave, Lens.Cee, "age", "55+", customers, ScoringSettings.Default);
        lenses[0].Rows.Select(r => (r.Brand, r.Rank, r.N, r.Score?.Value)).Should().Equal(cee.Rows.Select(r => (r.Brand, r.Rank, r.N, r.Score?.Value)),
            (a, e) => a.Brand == e.Brand && a.Rank == e.Rank && a.N == e.N && Math.Abs((a.Value ?? 0) - (e.Value ?? 0)) < 1e-9);
    }
}
