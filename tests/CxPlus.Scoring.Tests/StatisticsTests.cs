namespace CxPlus.Scoring.Tests;

/// <summary>Steps 1–7 and the standard indicators against values computed by hand.</summary>
public class StatisticsTests
{
    private static readonly ScoringSettings Settings = ScoringSettings.Default;

    [Fact]
    public void Ratings_are_rescaled_to_0_to_100_on_any_scale()
    {
        Settings.Rescale(0).Should().Be(0);
        Settings.Rescale(7).Should().Be(70);
        new ScoringSettings(scaleMin: 1, scaleMax: 5).Rescale(4).Should().Be(75);
    }

    [Fact]
    public void Weighted_mean_effective_base_and_standard_error_match_the_hand_computation()
    {
        // y = 60, 80, 100 with w = 1, 2, 1: Σw = 4, M = 320/4 = 80, Σw²(y-M)² = 400 + 0 + 400 = 800,
        // SE = sqrt(3/2 · 800) / 4 = sqrt(1200) / 4, n_eff = 16 / 6, and (v3) df = n_eff − 1 = 10/6.
        var stats = Build.Stats(Settings, Build.Flat(6, 1), Build.Flat(8, 2), Build.Flat(10, 1));

        var score = RoleScore.From(Role.Customer, stats, Settings);

        score.N.Should().Be(3);
        score.Score!.Value.Should().BeApproximately(80, 1e-12);
        score.Score.StandardError!.Value.Should().BeApproximately(Math.Sqrt(1200) / 4, 1e-12);
        score.Score.DegreesOfFreedom!.Value.Should().BeApproximately(10.0 / 6, 1e-12);
        score.EffectiveBase!.Value.Should().BeApproximately(16.0 / 6, 1e-12);
    }

    [Fact]
    public void With_equal_weights_of_any_size_the_degrees_of_freedom_are_exactly_n_minus_1()
    {
        // (Σw)²/Σw² with w = 0.3 each is 4 within rounding; step 7 (v3) counts it as n.
        var stats = Build.Stats(Settings, [.. new[] { 6, 7, 8, 9 }.Select(r => Build.Flat(r, 0.3))]);

        RoleScore.From(Role.Customer, stats, Settings).Score!.DegreesOfFreedom.Should().Be(3);
    }

    [Fact]
    public void Two_respondents_one_of_whom_weighs_almost_everything_count_as_one_no_se_or_interval()
    {
        // n_eff = 1001² / (1 + 1000²) = 1.002: below 2, so there is no degree of freedom to speak of (step 7).
        var stats = Build.Stats(Settings, Build.Flat(6, 1), Build.Flat(8, 1000));

        var score = RoleScore.From(Role.Customer, stats, Settings).Score!;

        score.Value.Should().BeApproximately((60 + 80 * 1000) / 1001.0, 1e-12);
        (score.StandardError, score.DegreesOfFreedom, score.Low, score.High).Should().Be((null, null, null, null));
    }

    [Fact]
    public void With_equal_weights_the_standard_error_is_s_over_root_n()
    {
        // 60, 70, 80, 90: s² = (225+25+25+225)/3 = 500/3.
        var stats = Build.Stats(Settings, Build.Flat(6), Build.Flat(7), Build.Flat(8), Build.Flat(9));

        RoleScore.From(Role.Customer, stats, Settings).Score!.StandardError!.Value
            .Should().BeApproximately(Math.Sqrt(500.0 / 3) / 2, 1e-12);
    }

    [Fact]
    public void A_missing_rating_is_left_out_of_the_composite_and_of_that_factor_never_counted_as_zero()
    {
        var stats = Build.Stats(Settings, Build.Rated(8, 8, 8, 8, null), Build.Rated(6, 6, 6, 6, 6));

        var score = RoleScore.From(Role.Customer, stats, Settings);

        score.Score!.Value.Should().BeApproximately((80 + 60) / 2.0, 1e-12);
        score[SuccessFactor.ExceptionalDelivery].N.Should().Be(1);
        score[SuccessFactor.ExceptionalDelivery].Score!.Value.Should().Be(60);
        score[SuccessFactor.ClearBrandPromise].Score!.Value.Should().Be(70);
    }

    [Fact]
    public void A_respondent_who_rated_only_two_factors_is_counted_incomplete_and_left_out_of_every_score()
    {
        var stats = Build.Stats(Settings, Build.Rated(10, 10, null, null, null), Build.Flat(5), Build.Rated(2, 2, 2, null, null));

        var score = RoleScore.From(Role.Customer, stats, Settings);

        score.Incomplete.Should().Be(1);
        score.N.Should().Be(2);
        score.Score!.Value.Should().BeApproximately(35, 1e-12);
        score[SuccessFactor.ClearBrandPromise].Score!.Value.Should().BeApproximately(35, 1e-12);
    }

    [Fact]
    public void Factor_weights_weight_the_composite()
    {
        var settings = new ScoringSettings(factorWeights: [2, 1, 1, 0, 0]);
        var stats = Build.Stats(settings, Build.Rated(10, 4, 2, 0, 0));

        // (2·100 + 40 + 20) / 4 = 65
        RoleScore.From(Role.Customer, stats, settings).Score!.Value.Should().BeApproximately(65, 1e-12);
    }

    [Fact]
    public void Nps_is_promoters_minus_detractors_with_its_standard_error()
    {
        // 10 (w 2), 5, 8: Σw = 4, p = .5, d = .25, NPS = 25; n_eff = 16/6;
        // SE = 100·sqrt((.75 - .0625) / (16/6)).
        var stats = Build.Stats(Settings,
            new SurveyResponse([7, 7, 7, 7, 7], 2, nps: 10), new SurveyResponse([7, 7, 7, 7, 7], nps: 5), new SurveyResponse([7, 7, 7, 7, 7], nps: 8));

        var nps = RoleScore.From(Role.Customer, stats, Settings).Nps!;

        nps.Value.Should().BeApproximately(25, 1e-12);
        nps.StandardError!.Value.Should().BeApproximately(100 * Math.Sqrt(0.6875 / (16.0 / 6)), 1e-12);
        // v3, adjusted Wald: ñ = 16/6 + 3 = 34/6; p̃ = (.5·16/6 + .75)/ñ = 12.5/34, d̃ = (.25·16/6 + .75)/ñ = 8.5/34.
        double pt = 12.5 / 34, dt = 8.5 / 34, half = 1.959964 * 100 * Math.Sqrt((pt + dt - (pt - dt) * (pt - dt)) / (34.0 / 6));
        nps.Low!.Value.Should().BeApproximately(100 * (pt - dt) - half, 1e-4);
        nps.High!.Value.Should().BeApproximately(100 * (pt - dt) + half, 1e-4);
    }

    private static Estimate Nps(int promoters, int passives, int detractors) =>
        RoleScore.From(Role.Customer, Build.Stats(Settings, [.. Enumerable.Repeat(10, promoters).Concat(Enumerable.Repeat(7, passives))
            .Concat(Enumerable.Repeat(3, detractors)).Select(n => new SurveyResponse([7, 7, 7, 7, 7], nps: n))]), Settings).Nps!;

    [Fact]
    public void An_nps_of_100_has_an_interval_that_reaches_below_it_and_stops_at_100()
    {
        // 30 promoters: p = 1, d = 0, SE 0. ñ = 33, p̃ = 30.75/33, d̃ = 0.75/33: centre 90.91,
        // half 1.96·100·sqrt((31.5/33 − (30/33)²)/33) = 12.2: 78.7 to 103.1, clipped to 100.
        var nps = Nps(30, 0, 0);

        nps.Value.Should().Be(100);
        nps.StandardError.Should().Be(0);
        nps.Low!.Value.Should().BeApproximately(100 * 30.0 / 33 - 1.959964 * 100 * Math.Sqrt((31.5 / 33 - 30.0 / 33 * (30.0 / 33)) / 33), 1e-4);
        Math.Round(nps.Low.Value, 1).Should().Be(78.7);
        nps.High.Should().Be(100);
    }

    [Fact]
    public void An_nps_of_0_from_half_promoters_and_half_detractors_is_centred_on_0()
    {
        // p = d = .5, n = 40: ñ = 43, p̃ = d̃ = 20.75/43; half 1.96·100·sqrt((41.5/43)/43) = 29.4.
        var nps = Nps(20, 0, 20);

        nps.Value.Should().Be(0);
        nps.Low!.Value.Should().BeApproximately(-1.959964 * 100 * Math.Sqrt(41.5 / 43 / 43), 1e-4);
        nps.High!.Value.Should().BeApproximately(-nps.Low.Value, 1e-12);
    }

    [Fact]
    public void An_nps_of_minus_100_stops_at_minus_100()
    {
        var nps = Nps(0, 0, 30);

        (nps.Value, nps.Low).Should().Be((-100.0, -100.0));
        nps.High.Should().BeGreaterThan(-100);
    }

    [Fact]
    public void Csat_is_the_share_answering_4_or_5_with_its_standard_error()
    {
        var stats = Build.Stats(Settings, [.. new[] { 5, 4, 3, 2 }.Select(c => new SurveyResponse([7, 7, 7, 7, 7], csat: c))]);

        var csat = RoleScore.From(Role.Customer, stats, Settings).Csat!;

        csat.Value.Should().BeApproximately(50, 1e-12);
        csat.StandardError!.Value.Should().BeApproximately(25, 1e-12); // 100·sqrt(.25 / 4)
        // v3, Wilson at q = .5, n = 4: centre .5, half z·sqrt(.25/4 + z²/64)/(1 + z²/4) = 0.3494 → 15.1 to 84.9.
        const double z = 1.959964;
        var half = z * Math.Sqrt(0.25 / 4 + z * z / 64) / (1 + z * z / 4);
        csat.Low!.Value.Should().BeApproximately(100 * (0.5 - half), 1e-4);
        csat.High!.Value.Should().BeApproximately(100 * (0.5 + half), 1e-4);
    }

    private static Estimate Csat(int satisfied, int others) =>
        RoleScore.From(Role.Customer, Build.Stats(Settings, [.. Enumerable.Repeat(5, satisfied).Concat(Enumerable.Repeat(2, others))
            .Select(c => new SurveyResponse([7, 7, 7, 7, 7], csat: c))]), Settings).Csat!;

    [Fact]
    public void A_csat_of_100_percent_has_an_interval_of_non_zero_width()
    {
        // All 30 satisfied: SE 0, but Wilson gives (q + z²/2n − z·sqrt(z²/4n²)) / (1 + z²/n) = n/(n + z²) = 88.6 % to 100 %.
        var csat = Csat(30, 0);

        csat.Value.Should().Be(100);
        csat.StandardError.Should().Be(0);
        csat.Low!.Value.Should().BeApproximately(100 * 30 / (30 + 1.959964 * 1.959964), 1e-4);
        csat.High.Should().Be(100, "all satisfied is the upper end exactly, not 1e-14 below it");
    }

    [Fact]
    public void A_csat_of_0_percent_has_an_interval_from_0_of_non_zero_width()
    {
        var csat = Csat(0, 30);

        csat.Low.Should().Be(0, "nobody satisfied is the lower end exactly: 1e-15 above it would read as a share that excludes zero");
        csat.ExcludesZero.Should().BeFalse();
        csat.High!.Value.Should().BeApproximately(100 * 1.959964 * 1.959964 / (30 + 1.959964 * 1.959964), 1e-4);
    }

    [Fact]
    public void Ces_is_a_weighted_mean_with_the_step_7_standard_error()
    {
        var stats = Build.Stats(Settings, [.. new[] { 7, 5, 3 }.Select(c => new SurveyResponse([7, 7, 7, 7, 7], ces: c))]);

        var ces = RoleScore.From(Role.Customer, stats, Settings).Ces!;

        ces.Value.Should().BeApproximately(5, 1e-12);
        ces.StandardError!.Value.Should().BeApproximately(2 / Math.Sqrt(3), 1e-12);
    }

    [Fact]
    public void Indicators_nobody_answered_are_not_estimable_rather_than_zero_or_NaN()
    {
        var score = RoleScore.From(Role.Customer, Build.Stats(Settings, Build.Flat(7), Build.Flat(8)), Settings);

        score.Nps.Should().BeNull();
        score.Csat.Should().BeNull();
        score.Ces.Should().BeNull();
    }

    [Fact]
    public void One_respondent_has_a_score_but_no_standard_error_or_interval()
    {
        var score = RoleScore.From(Role.Customer, Build.Stats(Settings, Build.Flat(7)), Settings).Score!;

        score.Value.Should().Be(70);
        score.StandardError.Should().BeNull();
        score.Low.Should().BeNull();
        score.ExcludesZero.Should().BeNull();
    }

    [Fact]
    public void No_respondents_means_no_score()
    {
        var score = RoleScore.From(Role.Prospect, RoleStatistics.Empty, Settings);

        score.Score.Should().BeNull();
        score.EffectiveBase.Should().BeNull();
        score.Factors.Should().OnlyContain(f => f.Score == null);
    }

    [Fact]
    public void Ratings_off_the_scale_are_refused_with_the_scale_named()
    {
        var act = () => Build.Stats(Settings, Build.Rated(7, 11, 7, 7, 7));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Empowered Employees: 11 is outside the rating scale 0..10*");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_survey_weight_must_be_positive_and_finite(double weight)
    {
        var act = () => new SurveyResponse([7, 7, 7, 7, 7], weight);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*weight*");
    }
}
