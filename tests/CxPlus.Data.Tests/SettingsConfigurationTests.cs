using Microsoft.Extensions.Configuration;

namespace CxPlus.Data.Tests;

/// <summary>The benchmark's settings as operators give them (Scoring__Cap=4 and the like), v3's included.</summary>
public class SettingsConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void The_v3_settings_are_read_from_the_scoring_section()
    {
        var settings = SettingsConfiguration.Read(Config(("Scoring:MinEffectiveShare", "0.3"), ("Scoring:MinDriverIntervalBase", "600"), ("Scoring:Cap", "4")));

        (settings.MinEffectiveShare, settings.MinDriverIntervalBase, settings.Cap).Should().Be((0.3, 600, 4.0));
        SettingsConfiguration.Read(Config()).Should().Be(CxPlus.Scoring.ScoringSettings.Default);
    }

    [Theory]
    [InlineData("Scoring:MinEffectiveShare", "half", "Scoring:MinEffectiveShare: \"half\" is not a valid number.")]
    [InlineData("Scoring:MinEffectiveShare", "2", "minimum effective share: must lie between 0 and 1*")]
    [InlineData("Scoring:MinDriverIntervalBase", "4.5", "Scoring:MinDriverIntervalBase: \"4.5\" is not a valid whole number.")]
    public void A_bad_value_is_refused_naming_the_setting(string key, string value, string message)
    {
        var act = () => SettingsConfiguration.Read(Config((key, value)));

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Theory]
    [InlineData(null, CxPlus.Data.Clients.CompetitorNames.Named)]
    [InlineData("named", CxPlus.Data.Clients.CompetitorNames.Named)]
    [InlineData(" Anonymous ", CxPlus.Data.Clients.CompetitorNames.Anonymous)]
    public void Competitors_are_named_unless_set_anonymous(string? value, CxPlus.Data.Clients.CompetitorNames expected) =>
        SettingsConfiguration.Competitors(value is null ? Config() : Config(("Clients:Competitors", value))).Should().Be(expected);

    [Fact]
    public void Another_way_of_showing_competitors_is_refused_naming_the_setting()
    {
        var act = () => SettingsConfiguration.Competitors(Config(("Clients:Competitors", "hidden")));

        act.Should().Throw<ArgumentException>().WithMessage("Clients:Competitors: \"hidden\" is neither named nor anonymous.");
    }
}
