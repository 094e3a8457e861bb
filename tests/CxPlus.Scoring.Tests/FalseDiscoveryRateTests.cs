namespace CxPlus.Scoring.Tests;

/// <summary>Steps 17 and 21 (v3): Benjamini–Hochberg, worked by hand.</summary>
public class FalseDiscoveryRateTests
{
    [Fact]
    public void Adjusted_values_follow_the_step_up_rule_and_ties_share_their_q()
    {
        // k = 5 present: sorted 0.01, 0.03, 0.04, 0.04, 0.5 → k·p/j = 0.05, 0.075, 0.0667, 0.05, 0.5;
        // the minimum from the top down: 0.05, 0.05, 0.05, 0.05, 0.5. The missing test is not in the family.
        var q = FalseDiscoveryRate.Adjust([0.01, 0.04, 0.03, 0.04, null, 0.5]);

        q.Should().HaveCount(6);
        q[4].Should().BeNull();
        q.Where(x => x is not null).Select(x => Math.Round(x!.Value, 12)).Should().Equal(0.05, 0.05, 0.05, 0.05, 0.5);
    }

    [Fact]
    public void One_test_is_its_own_family_and_q_never_exceeds_1()
    {
        FalseDiscoveryRate.Adjust([0.03]).Should().Equal(0.03);
        FalseDiscoveryRate.Adjust([0.9, 0.95, 0.99]).Should().Equal([0.99, 0.99, 0.99], (a, e) => Math.Abs(a!.Value - e) < 1e-15);
        FalseDiscoveryRate.Adjust([0.6, 0.7]).Should().Equal(0.7, 0.7);
        FalseDiscoveryRate.Adjust([]).Should().BeEmpty();
    }

    [Fact]
    public void Twenty_p_values_of_which_one_is_small_flag_it_only_when_it_is_small_enough_for_twenty_tests()
    {
        double?[] p = [0.003, .. Enumerable.Range(1, 19).Select(i => (double?)(0.2 + i * 0.04))];

        var q = FalseDiscoveryRate.Adjust(p);

        q[0].Should().BeApproximately(20 * 0.003, 1e-15, "the smallest of twenty: q = 20·p / 1");
        (q[0] <= 0.05).Should().BeFalse("alone, p = 0.003 would be flagged; as the smallest of twenty tests it is not");
    }
}
