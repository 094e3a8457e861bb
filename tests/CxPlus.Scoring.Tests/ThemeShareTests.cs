using CxPlus.Scoring.Comments;

namespace CxPlus.Scoring.Tests;

/// <summary>Steps 29-30 on cases computed by hand: which themes a comment mentions, their shares against the rest of the sector, and their impact on NPS.</summary>
public class ThemeShareTests
{
    private static readonly CodingFrame Frame = new(
    [
        new Theme("waiting", "Wachten", "Waiting", SuccessFactor.ExceptionalDelivery, ["wacht*", "traag"], ["wait*"]),
        new Theme("staff", "Medewerkers", "Staff", SuccessFactor.EmpoweredEmployees, ["medewerker*", "café"], ["staff"]),
        new Theme("personal", "Persoonlijk", "Personal", null, ["nummer"], ["number"]),
    ]);

    [Theory]
    [InlineData("Ik WACHTTE lang", "nl", true, false, false)]
    [InlineData("De medewerkers waren top", "nl", false, true, false)]
    [InlineData("In het CAFE was het traag.", "nl", true, true, false)]
    [InlineData("I waited for the staff", "en", true, true, false)]
    [InlineData("I waited for the staff", "nl", false, false, false)]
    [InlineData("Bel me op [telefoon], klantnummer [nummer]", "nl", false, false, false)]
    [InlineData("Je bent gewoon een nummer", "nl", false, false, true)]
    [InlineData("onverwacht", "nl", false, false, false)]
    public void A_comment_mentions_the_themes_whose_rules_in_its_language_match_a_whole_word_or_a_stem(string comment, string language, bool waiting, bool staff, bool personal) =>
        Frame.Mentions(comment, language).Should().Equal(waiting, staff, personal);

    [Fact]
    public void Shares_against_the_rest_of_the_sector_and_the_impact_on_NPS_follow_steps_29_and_30()
    {
        var commenters = new List<Commenter>();
        void Add(string brand, int count, string comment, int? nps, bool qualifying = true) =>
            commenters.AddRange(Enumerable.Range(0, count).Select(_ => new Commenter(brand, 1, nps, qualifying, comment, "nl")));
        // Bank A: 80 commenters, 30 about waiting (15 detractors, 15 promoters), 50 about nothing in the frame (promoters).
        Add("Bank A", 15, "Lang gewacht, traag", 3);
        Add("Bank A", 15, "Even wachten maar goed", 9);
        Add("Bank A", 50, "Prima bank", 10);
        Add("Bank A", 20, "Traag traag traag", 2, qualifying: false); // rated fewer than three factors: left out
        Add("Bank A", 5, "", 2); // no comment: no commenter
        // Bank B: 60 commenters, 6 about waiting.
        Add("Bank B", 6, "Wachttijd te lang", 5);
        Add("Bank B", 54, "Goede service", 8);

        var result = ThemeShares.Compute(commenters, Frame, ScoringSettings.Default);

        result.Select(b => (b.Brand, b.Commenters)).Should().Equal(("Bank A", 80L), ("Bank B", 60L));
        var a = result[0].Themes[0];
        a.Mentions.Should().Be(30);
        a.Share!.Value.Should().BeApproximately(37.5, 1e-12, "30 of 80");
        var (low, high) = ShareSums.Wilson(0.375, 80, 0.95);
        (a.Share.Low!.Value, a.Share.High!.Value).Should().Be((100 * low, 100 * high));
        // Against Bank B's 10 %: 27.5 points, SE = sqrt(.375·.625/80 + .1·.9/60).
        var se = Math.Sqrt(0.375 * 0.625 / 80 + 0.1 * 0.9 / 60);
        a.VersusRest!.Value.Should().BeApproximately(27.5, 1e-12);
        a.VersusRest.StandardError!.Value.Should().BeApproximately(100 * se, 1e-12);
        a.VersusRest.Low!.Value.Should().BeApproximately(27.5 - 1.959963984540054 * 100 * se, 1e-9);
        a.PValue!.Value.Should().BeApproximately(2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -0.275 / se), 1e-15);
        a.Significant.Should().BeTrue();
        // Impact: the 30 who mention waiting have an NPS of 0 (SE 100·sqrt(1/30)), the 50 others +100 (SE 0).
        a.NpsImpact!.Value.Should().BeApproximately(-100, 1e-12);
        a.NpsImpact.StandardError!.Value.Should().BeApproximately(100 * Math.Sqrt(1.0 / 30), 1e-12);
        result[0].Significant.Select(t => t.Theme.Key).Should().Equal("waiting");
        // Its quotes: the first met (the newest, as the store gives them) of each tone, detractors first.
        a.Quotes!.Select(q => (q.Comment, q.Nps)).Should().Equal(("Lang gewacht, traag", 3), ("Even wachten maar goed", 9));
        // Nobody mentions staff: a share of 0 with its interval, no difference from a rest of 0 that says anything, no impact.
        var staff = result[0].Themes[1];
        (staff.Mentions, staff.Share!.Value, staff.NpsImpact).Should().Be((0L, 0.0, null));
        // Bank B's 6 mentioners are too few for an impact.
        result[1].Themes[0].NpsImpact.Should().BeNull();
    }

    [Fact]
    public void Below_thirty_commenters_a_brand_shows_no_share()
    {
        var commenters = Enumerable.Range(0, 29).Select(i => new Commenter("Bank C", 1, 9, true, i % 2 == 0 ? "wachten" : "prima", "nl"));

        var c = ThemeShares.Compute(commenters, Frame, ScoringSettings.Default).Single();

        c.Commenters.Should().Be(29);
        c.Themes.Should().OnlyContain(t => t.Share == null && t.VersusRest == null && t.Significant == null);
        c.Themes[0].Mentions.Should().Be(15);
    }

    [Fact]
    public void The_starting_frame_names_every_theme_in_both_languages_with_rules_for_each()
    {
        CodingFrame.Starting.Themes.Should().HaveCountGreaterThanOrEqualTo(6)
            .And.OnlyContain(t => t.NameNl.Length > 0 && t.NameEn.Length > 0 && t.RulesNl.Count > 0 && t.RulesEn.Count > 0);
        CodingFrame.Starting.Themes.Select(t => t.Key).Should().OnlyHaveUniqueItems();
        CodingFrame.Starting.Mentions("Lang gewacht op de klantenservice", "nl")[0].Should().BeTrue("waiting");
    }
}
