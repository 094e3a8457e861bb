namespace CxPlus.Scoring.Tests;

public class ScoringSettingsTests
{
    [Fact]
    public void Defaults_are_the_methodology_defaults()
    {
        var s = ScoringSettings.Default;

        (s.ScaleMin, s.ScaleMax, s.Cap, s.MinCustomers, s.MinProspects, s.ConfidenceLevel)
            .Should().Be((0, 10, 5.0, 100, 50, 0.95));
        (s.MinEffectiveShare, s.MinDriverBase, s.MinDriverIntervalBase).Should().Be((0.5, 100, 400));
        s.FactorWeights.Should().Equal(1, 1, 1, 1, 1);
    }

    public static TheoryData<Func<ScoringSettings>, string> Invalid => new()
    {
        { () => new ScoringSettings(scaleMin: 10, scaleMax: 10), "rating scale: the minimum (10) must be below the maximum (10)*" },
        { () => new ScoringSettings(scaleMin: 5, scaleMax: 1), "rating scale*" },
        { () => new ScoringSettings(minCustomers: -1), "minimum customer base: must be at least 1; got -1*" },
        { () => new ScoringSettings(minProspects: 0), "minimum prospect base: must be at least 1*" },
        { () => new ScoringSettings(confidenceLevel: 1), "confidence level: must lie strictly between 0 and 1*" },
        { () => new ScoringSettings(confidenceLevel: 0), "confidence level*" },
        { () => new ScoringSettings(confidenceLevel: double.NaN), "confidence level*" },
        { () => new ScoringSettings(cap: -1), "cap: must be a finite number >= 0*" },
        { () => new ScoringSettings(cap: double.PositiveInfinity), "cap*" },
        { () => new ScoringSettings(factorWeights: [0, 0, 0, 0, 0]), "factor weights: the weights sum to 0*" },
        { () => new ScoringSettings(factorWeights: [1, 1, 0, 0, 0]), "factor weights: at most two weights may be 0*" },
        { () => new ScoringSettings(factorWeights: [1, 1, 1, -1, 1]), "factor weights: each weight must be a finite number >= 0*" },
        { () => new ScoringSettings(factorWeights: [1, 1, 1]), "factor weights: exactly 5 weights are needed*" },
        { () => new ScoringSettings(minEffectiveShare: 1.2), "minimum effective share: must lie between 0 and 1*; got 1.2*" },
        { () => new ScoringSettings(minEffectiveShare: double.NaN), "minimum effective share*" },
        { () => new ScoringSettings(minDriverIntervalBase: 5), "minimum driver interval base: must be at least 10*; got 5*" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_settings_fail_at_construction_naming_the_setting_and_its_range(Func<ScoringSettings> create, string message)
    {
        create.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void Settings_with_equal_values_are_equal()
    {
        new ScoringSettings(factorWeights: [1, 2, 1, 1, 1]).Should().Be(new ScoringSettings(factorWeights: [1, 2, 1, 1, 1]));
        new ScoringSettings(factorWeights: [1, 2, 1, 1, 1]).Should().NotBe(ScoringSettings.Default);
    }

    [Fact]
    public void Settings_describe_themselves_in_one_line()
    {
        ScoringSettings.Default.ToString().Should().Be("scale 0..10; factor weights 1/1/1/1/1; cap +5.0; min bases 100 customers / 50 prospects; confidence 95 %");
        new ScoringSettings(minEffectiveShare: 0.25, minDriverIntervalBase: 1000).ToString()
            .Should().EndWith("confidence 95 %; min effective share 0.25; min driver interval base 1000");
        new ScoringSettings(minEffectiveShare: 0.25).Should().NotBe(ScoringSettings.Default);
    }
}
