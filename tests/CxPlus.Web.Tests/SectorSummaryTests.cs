using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using CxPlus.Web.Features.Overview;

namespace CxPlus.Web.Tests;

/// <summary>Issue #13: the overview's card of a sector — who leads, how many are ranked, who moved significantly.</summary>
public class SectorSummaryTests
{
    private static readonly ScoringSettings Settings = Build.Percent(minCustomers: 2, minProspects: 2);

    private static BrandWave Brand(string name, double[] customers, double[] prospects) => Build.Brand(name, Settings, customers, prospects);

    [Fact]
    public void Leaders_share_rank_one_and_only_significant_movements_count_as_moves()
    {
        var table = LeagueTable.Build("Retail", "W2",
        [
            Brand("Up", [84, 86, 85], [84, 86, 85]),         // 85, was 71: a significant rise
            Brand("Twin", [84.8, 85, 85.2], [84.8, 85, 85.2]), // 85 too: shares rank 1
            Brand("Steady", [70, 72, 71], [70, 72, 71]),     // 71, was 71.4: no significant change
            Brand("Down", [60, 62, 61], [60, 62, 61]),       // 61, was 81: a significant fall
            Brand("Low", [70], [70, 71]),
        ], Settings, ("W1",
        [
            Brand("Up", [70, 72, 71], [70, 72, 71]), Brand("Steady", [70, 73, 71.2], [70, 73, 71.2]), Brand("Down", [80, 82, 81], [80, 82, 81]),
        ]));

        var summary = SectorSummary.Of(table);

        // Who can lead (step 20b): the brands whose rank range starts at 1.
        summary.Leaders.Select(r => r.Brand).Should().BeEquivalentTo(["Up", "Twin"]);
        summary.Leaders.Should().OnlyContain(r => r.RankRange!.Value.Low == 1);
        (summary.Ranked, summary.Unranked).Should().Be((4, 1));
        summary.Up!.Brand.Should().Be("Up");
        summary.Down!.Brand.Should().Be("Down");
    }

    [Fact]
    public void A_sector_without_a_previous_wave_has_no_moves()
    {
        var summary = SectorSummary.Of(LeagueTable.Build("Retail", "W1", [Brand("A", [70, 72], [70, 72]), Brand("B", [60, 62], [70, 72])], Settings));

        (summary.Up, summary.Down).Should().Be((null, null));
        summary.Leaders.Should().ContainSingle().Which.Brand.Should().Be("A");
    }

    [Fact]
    public void A_brand_ranked_second_that_the_data_cannot_separate_from_the_first_shares_the_lead()
    {
        // 80.2 and 79.6 round apart (ranks 1 and 2), but their intervals overlap: both can lead.
        var table = LeagueTable.Build("Retail", "W1",
            [Brand("First", [78.2, 82.2, 80.2], [78.2, 82.2, 80.2]), Brand("Second", [77.6, 81.6, 79.6], [77.6, 81.6, 79.6]), Brand("Far", [50, 51, 52], [50, 51, 52])], Settings);

        var summary = SectorSummary.Of(table);

        table.Rows.Select(r => r.Rank).Should().Equal(1, 2, 3);
        summary.Leaders.Select(r => r.Brand).Should().Equal("First", "Second");
    }
}
