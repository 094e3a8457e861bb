namespace CxPlus.Scoring.Tests;

/// <summary>
/// Names that look alike but are not one name (issue #25: fullwidth, Cyrillic and Turkish spellings
/// went unwarned): Unicode's confusable skeletons (UTS #39) after NFKC and case folding.
/// </summary>
public sealed class LookAlikeNameTests
{
    [Fact]
    public void The_machines_icu_gives_unicodes_confusable_skeletons()
    {
        ConfusableSkeleton.Available.Should().BeTrue("ICU is installed wherever the product runs (.NET on Linux needs it)");
        ConfusableSkeleton.Of("B\u0430nk").Should().Be(ConfusableSkeleton.Of("Bank"), "a Cyrillic а looks like a Latin a");
        ConfusableSkeleton.Of("\uFF22\uFF21\uFF2E\uFF2B").Should().Be(ConfusableSkeleton.Of("BANK"), "fullwidth letters fold to ASCII");
        ConfusableSkeleton.Of("Bank").Should().NotBe(ConfusableSkeleton.Of("Tank"));
        // Unicode's own mappings, exactly (a first version read ICU's UTF-16 answer as 8-bit text and got "B a ").
        ConfusableSkeleton.Of("B\u0430nk").Should().Be("Bank");
        ConfusableSkeleton.Of("m").Should().Be("rn");
        ConfusableSkeleton.Of("\uFF22\uFF21\uFF2E\uFF2B").Should().Be("BANK");
    }

    [Theory]
    [InlineData("B\u0430nk", "Bank")] // Cyrillic а: four letters, too short for the two-letter rule
    [InlineData("\uFF22\uFF21\uFF2E\uFF2B", "Bank")] // fullwidth ＢＡＮＫ
    [InlineData("\u0440\u0430\u0443", "pay")] // Cyrillic рау, every letter another script's
    [InlineData("Te1ecom", "Telecom")] // digit one for l
    [InlineData("Télécom", "Telecom")] // accents, as before
    [InlineData("Orbitell", "Orbitel")] // a typing slip, as before
    [InlineData("\u0130stanbul", "\u0131stanbul")] // Turkish dotted capital İ and dotless small ı: two names, one look
    [InlineData("\u0130zmir", "Izmir")]
    public void Names_that_look_alike_are_look_alikes(string a, string b)
    {
        Names.Same(a, b).Should().BeFalse("they are different names");
        Names.LookAlike(a, b).Should().BeTrue();
        Names.LookAlike(b, a).Should().BeTrue();
    }

    [Theory]
    [InlineData("Bank", "Tank")]
    [InlineData("Orbit", "Relay")]
    [InlineData("Energy", "Synergy Plus")]
    public void Different_names_are_not_look_alikes(string a, string b) => Names.LookAlike(a, b).Should().BeFalse();
}
