using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;

namespace CxPlus.Scoring.Tests;

/// <summary>Issue #14, steps 24–25: the Six Pillars and the KEI, against hand computation.</summary>
public class LensTests
{
    private static readonly ScoringSettings Settings = new(minCustomers: 2, minProspects: 1);
    private static readonly int?[] Factors = [5, 5, 5, 5, 5];

    private static SurveyResponse Pillars(params int?[] pillars) => new(Factors, pillars: pillars);
    private static SurveyResponse Kei(int? effectiveness, int? ease, int? emotion, double weight = 1) => new(Factors, weight, kei: [effectiveness, ease, emotion]);

    [Fact]
    public void The_CEE_score_is_the_mean_of_each_qualifying_customers_mean_pillar_rating()
    {
        var stats = RoleStatistics.From(
        [
            Pillars(10, 8, 6, 4, 2, 0),          // mean 50
            Pillars(9, 9, 9, 9, null, null),     // four rated: mean 90
            Pillars(1, 1, 1, null, null, null),  // three rated: does not qualify
            new SurveyResponse(Factors),         // did not answer the pillars at all
        ], Settings).Pillars;

        stats.Score.N.Should().Be(2);
        stats.Incomplete.Should().Be(1);
        stats.Score.Mean!.Value.Should().BeApproximately(70, 1e-12);
        stats.Pillars[0].Mean!.Value.Should().BeApproximately(95, 1e-12);   // personalisation: 100 and 90
        stats.Pillars[5].N.Should().Be(1);                                  // empathy: only the first rated it
        stats.Pillars[5].Mean!.Value.Should().Be(0);
        // Step 7 with two equal weights: s/√n = |50 - 90| / √2 / √2 = 20.
        stats.Score.StandardError!.Value.Should().BeApproximately(20, 1e-9);
    }

    [Fact]
    public void Pillar_weights_weigh_a_customers_mean()
    {
        var settings = new ScoringSettings(pillarWeights: [3, 1, 1, 1, 1, 1]);
        var stats = RoleStatistics.From([Pillars(10, 0, 0, 0, 0, 0)], settings).Pillars;

        stats.Score.Mean!.Value.Should().BeApproximately(100.0 * 3 / 8, 1e-12);
    }

    [Fact]
    public void The_KEI_is_the_mean_of_plus_one_zero_minus_one_codes_and_the_mean_of_its_items_net_scores()
    {
        var stats = RoleStatistics.From(
        [
            Kei(5, 4, 3),          // +1 +1 0 -> 66.67
            Kei(1, 3, 5, 2),       // -1 0 +1 -> 0, weight 2
            Kei(2, 2, 2),          // -100
            Kei(5, null, 5),       // not all three answered: left out
        ], Settings).Kei;

        stats.Score.N.Should().Be(3);
        stats.Score.Mean!.Value.Should().BeApproximately((200.0 / 3 + 2 * 0 - 100) / 4, 1e-12);
        // Effectiveness: promoters weigh 1, detractors 2 + 1 = 3, of 4: net (1 - 3)/4 = -50.
        stats.Items[0].Mean!.Value.Should().BeApproximately(-50, 1e-12);
        stats.Items.Average(i => i.Mean!.Value).Should().BeApproximately(stats.Score.Mean!.Value, 1e-12, "the KEI is the mean of its items' nets");
    }

    [Fact]
    public void KEI_answers_off_1_to_5_are_refused()
    {
        var act = () => new SurveyResponse(Factors, kei: [0, 3, 3]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1..5*");
    }

    private static (string, RoleStatistics) Brand(string name, params SurveyResponse[] responses) => (name, RoleStatistics.From(responses, Settings));

    [Fact]
    public void A_lens_table_ranks_by_its_score_with_the_league_tables_rules()
    {
        var table = LensTable.Build("S", "W", Lens.Kei,
        [
            Brand("Good", Kei(5, 5, 5), Kei(4, 4, 3), Kei(5, 5, 4)),
            Brand("Poor", Kei(1, 2, 3), Kei(2, 2, 2), Kei(3, 3, 3)),
            Brand("Tiny", Kei(5, 5, 5)),
            Brand("Silent", new SurveyResponse(Factors), new SurveyResponse(Factors)),
        ], Settings);

        table.HasAnswers.Should().BeTrue();
        table.Rows.Select(r => (r.Brand, r.Rank)).Should().Equal(("Good", 1), ("Poor", 2), ("Silent", null), ("Tiny", null));
        table.Rows[0].Score!.Value.Should().BeApproximately((100 + 200.0 / 3 + 100) / 3, 1e-9); // 5,5,5 / 4,4,3 / 5,5,4
        table.Rows[0].Index.Should().BeNull("a KEI may be negative, so an index against its average means nothing");
        table.Rows[0].VersusAverage!.Position.Should().NotBeNull();
        table.Rows[0].RankRange.Should().Be(new RankRange(1, 1), "88.9 against -55.6 is a sure lead even with three customers each");
        table.Find("tiny")!.Reason.Should().Be("low base: 1 customers < 2");
        table.Find("Silent")!.Reason.Should().Be("no customer answered the KEI questions");
        table.Average.Should().BeApproximately((table.Rows[0].Score!.Value + table.Rows[1].Score!.Value) / 2, 1e-12);
    }

    [Fact]
    public void A_CEE_table_carries_an_index_and_a_table_without_answers_says_so()
    {
        var cee = LensTable.Build("S", "W", Lens.Cee,
            [Brand("A", Pillars(8, 8, 8, 8, 8, 8), Pillars(6, 6, 6, 6, 6, 6)), Brand("B", Pillars(5, 5, 5, 5, 5, 5), Pillars(5, 5, 5, 5, 5, 4))], Settings);

        cee.Rows[0].Index!.Value.Should().BeApproximately(100 * 70 / ((70 + (50 + 100 * 29 / 60.0) / 2) / 2), 1e-9);
        LensTable.Build("S", "W", Lens.Cee, [Brand("A", new SurveyResponse(Factors))], Settings).HasAnswers.Should().BeFalse();
    }

    [Fact]
    public void Pillar_importance_uses_the_six_pillars_as_predictors()
    {
        var random = new Random(11);
        var responses = Enumerable.Range(0, 150).Select(_ =>
        {
            int?[] p = [.. Enumerable.Range(0, 6).Select(_ => (int?)random.Next(0, 11))];
            return new SurveyResponse(Factors, nps: Math.Clamp((int)Math.Round(0.8 * p[1]!.Value + random.NextDouble() * 2), 0, 10), pillars: p);
        }).ToList();

        var drivers = KeyDrivers.Compute(RoleStatistics.From(responses, Settings).Pillars.Drivers, Lenses.Lenses.Pillars, 100);

        drivers.Predictors.Should().HaveCount(6);
        drivers.Predictors.MaxBy(p => p.Importance.Value)!.Key.Should().Be("integrity");
    }
}
