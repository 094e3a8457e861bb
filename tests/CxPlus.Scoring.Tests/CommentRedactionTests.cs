using CxPlus.Scoring.Comments;

namespace CxPlus.Scoring.Tests;

/// <summary>Step 28: personal data in a comment is replaced before it is stored; the words around it stay.</summary>
public class CommentRedactionTests
{
    [Theory]
    [InlineData("mail p.jansen@voorbeeld.be svp", "mail [e-mail] svp", PersonalData.Email)]
    [InlineData("Zie https://example.org/review?id=88231 voor meer", "Zie [link] voor meer", PersonalData.Link)]
    [InlineData("op www.mijnbank.nl/klacht staat het", "op [link] staat het", PersonalData.Link)]
    [InlineData("kijk op bankvergelijker.nl", "kijk op [link]", PersonalData.Link)]
    [InlineData("afgeschreven van BE71 0961 2345 6769, nog", "afgeschreven van [iban], nog", PersonalData.Iban)]
    [InlineData("rekening NL91ABNA0417164300.", "rekening [iban].", PersonalData.Iban)]
    [InlineData("bel me op 06 87654321 of", "bel me op [telefoon] of", PersonalData.Phone)]
    [InlineData("bel 06-12345678", "bel [telefoon]", PersonalData.Phone)]
    [InlineData("kantoor: 020-123 45 67.", "kantoor: [telefoon].", PersonalData.Phone)]
    [InlineData("nummer (010) 1234567 werkt niet", "nummer [telefoon] werkt niet", PersonalData.Phone)]
    [InlineData("mobiel +31 6 1234 5678!", "mobiel [telefoon]!", PersonalData.Phone)]
    [InlineData("gsm 0470 12 34 56", "gsm [telefoon]", PersonalData.Phone)]
    [InlineData("tel. 04/123.45.67", "tel. [telefoon]", PersonalData.Phone)]
    [InlineData("bel +32 470 12 34 56 aub", "bel [telefoon] aub", PersonalData.Phone)]
    [InlineData("het kantoor in 3011 AD 12.", "het kantoor in [adres].", PersonalData.Address)]
    [InlineData("postcode 3011ad", "postcode [adres]", PersonalData.Address)]
    [InlineData("ik woon op Kerkstraat 12b in Gent", "ik woon op [adres] in Gent", PersonalData.Address)]
    [InlineData("Meir 12, 2000 14 Antwerpen", "Meir 12, [adres] Antwerpen", PersonalData.Address)]
    [InlineData("Snel geholpen, klantnummer 4412907.", "Snel geholpen, klantnummer [nummer].", PersonalData.Number)]
    // The quick look for what a rule needs (a digit, an @, a dot inside a word) must not skip these:
    [InlineData("klantnummer ٤٤١٢٩٠٧ klopt niet", "klantnummer [nummer] klopt niet", PersonalData.Number)]
    [InlineData("zie http://intranet/klacht", "zie [link]", PersonalData.Link)]
    [InlineData("site mijnbank.nl.", "site [link].", PersonalData.Link)]
    [InlineData("mail jan@bank.be", "mail [e-mail]", PersonalData.Email)]
    public void Each_kind_of_personal_data_is_replaced_by_its_placeholder(string comment, string expected, PersonalData kind)
    {
        var redacted = CommentRedaction.Redact(comment, "nl");

        redacted.Text.Should().Be(expected);
        redacted.Removed.Should().Equal(new Dictionary<PersonalData, int> { [kind] = 1 });
    }

    [Theory]
    [InlineData("Great advice, call 06 87654321 or write to me@example.com", "Great advice, call [phone] or write to [e-mail]")]
    [InlineData("My postcode is 1012 AB 5 and my customer number 123456", "My postcode is [address] and my customer number [number]")]
    public void English_comments_get_english_placeholders(string comment, string expected) =>
        CommentRedaction.Redact(comment, "en").Text.Should().Be(expected);

    [Theory]
    [InlineData("Ik wachtte 20 minuten aan de telefoon in 2026.")]
    [InlineData("Twee keer € 12,50 afgeschreven op 3 maart.")]
    [InlineData("Score 9/10, top service, 100% tevreden!")]
    [InlineData("In 2025 en 2026 was het beter.")]
    public void Ordinary_words_and_small_numbers_stay(string comment)
    {
        var redacted = CommentRedaction.Redact(comment, "nl");

        redacted.Text.Should().Be(comment);
        redacted.Removed.Should().BeEmpty();
    }

    [Fact]
    public void Several_kinds_are_counted_and_a_redacted_comment_stays_as_it_is_when_redacted_again()
    {
        const string comment = "Bel 06 87654321 of 06-11223344, mail a@b.nl, rekening NL91 ABNA 0417 1643 00, klant 99887766";

        var once = CommentRedaction.Redact(comment, "nl");
        var twice = CommentRedaction.Redact(once.Text, "nl");

        once.Text.Should().Be("Bel [telefoon] of [telefoon], mail [e-mail], rekening [iban], klant [nummer]");
        once.Removed.Should().Equal(new Dictionary<PersonalData, int> { [PersonalData.Phone] = 2, [PersonalData.Email] = 1, [PersonalData.Iban] = 1, [PersonalData.Number] = 1 });
        twice.Text.Should().Be(once.Text);
        twice.Removed.Should().BeEmpty();
    }

    [Theory]
    [InlineData("De app werkt prima, maar ik wachtte 20 minuten.", "nl")]
    [InlineData("Great advice about my mortgage, and the staff were very kind.", "en")]
    [InlineData("Top!", "en")]
    [InlineData("Super", "nl")]
    public void A_comment_s_language_is_told_by_its_words_else_the_default(string comment, string expected) =>
        CommentLanguage.Detect(comment, otherwise: comment == "Top!" ? "en" : "nl").Should().Be(expected);
}
