using CxPlus.Scoring.Tests;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CxPlus.Data;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;

namespace CxPlus.Reports.Tests;

/// <summary>Issue #26: every text in both languages, and numbers as the reader writes them.</summary>
public sealed partial class TextsTests
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl"), English = CultureInfo.GetCultureInfo("en");

    private static Dictionary<string, string> Read(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CxPlus.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "src", "CxPlus.Reports", "Localization", file);
        return XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
    }

    // A place for a value, with or without its format: {0}, {2:yyyy-MM-dd HH:mm}; compared by number.
    [GeneratedRegex(@"\{(\d+)(:[^}]*)?\}")]
    private static partial Regex PlaceRegex();

    private static IEnumerable<string> Places(string text) => PlaceRegex().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order();

    [Fact]
    public void Every_league_column_has_its_header_and_its_short_header_in_both_languages()
    {
        var english = Read("Texts.resx");
        var dutch = Read("Texts.nl.resx");

        LeagueColumns.All.Select(c => c.Key).Should().OnlyHaveUniqueItems();
        foreach (var column in LeagueColumns.All.Concat(LeagueColumns.Terminal))
        {
            if (LeagueColumns.All.Contains(column)) english.Should().ContainKey($"LeagueColumn.{column.Key}");
            if (column.ShortHeaderKey is { } shortKey) english.Should().ContainKey(shortKey, column.Key);
        }
        LeagueColumns.Narrow.Should().OnlyContain(c => c.ShortHeaderKey != null, "a narrow table shows short headers");
        using (new CultureScope(Dutch))
            LeagueColumns.All.Select(c => c.Header(ScoringSettings.Default)).Should().OnlyHaveUniqueItems("two columns with one Dutch header could not be told apart")
                .And.Contain("CX+ score 95%-BI ondergrens");
        dutch.Should().ContainKeys(english.Keys.Where(k => k.StartsWith("LeagueColumn.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_text_has_its_Dutch_with_the_same_places_for_values()
    {
        var english = Read("Texts.resx");
        var dutch = Read("Texts.nl.resx");

        // The importer's sentences have their English in the importer (Sentence.English), their other languages here.
        foreach (var (code, text) in Sentence.English) english.TryAdd(code, text);
        dutch.Keys.Should().BeEquivalentTo(english.Keys, "a text missing in one language shows its key (or the importer's English)");
        foreach (var (key, text) in english)
        {
            text.Should().NotBeNullOrWhiteSpace(key);
            dutch[key].Should().NotBeNullOrWhiteSpace(key);
            Places(dutch[key]).Should().Equal(Places(text), key);
        }
    }

    [Fact]
    public void The_pseudo_language_is_every_English_text_wrapped_and_accented_so_its_file_is_current()
    {
        var english = Read("Texts.resx");
        foreach (var (code, text) in Sentence.English) english.TryAdd(code, text);
        var pseudo = Read("Texts.qps-ploc.resx");

        pseudo.Keys.Should().BeEquivalentTo(english.Keys, "scripts/pseudo-language.sh writes the file from the English texts: run it");
        static string Plain(string text) => new([.. text.Normalize(System.Text.NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);
        foreach (var (key, text) in english)
        {
            var expected = key is "Date.Format" or "DateTime.Format" ? text : $"«{text}»";
            Plain(pseudo[key]).Should().Be(expected, $"{key}: run scripts/pseudo-language.sh");
            Places(pseudo[key]).Should().Equal(Places(text), key);
        }
    }

    [Fact]
    public void The_importers_sentences_read_in_Dutch_and_in_English_as_the_importer_writes_them()
    {
        var text = new Sentence("Import.AlreadyStored", "R17", "Bank A", "2026-Q3", 4L, "wave3.csv", new DateTime(2026, 12, 6, 14, 5, 0, DateTimeKind.Utc));
        var look = new Sentence("Import.BrandLooksLike", "B\u0430nk", "Bank", new Sentence("Import.ItHas", "U+0430 \u0430"), "Banking");
        var ignored = new Sentence("Import.IgnoredColumns", new List<object> { "comment", new Sentence("Import.UnnamedColumn", 7) });

        using (new CultureScope(English))
        {
            Texts.Sentence(text).Should().Be(text.ToString()).And.Contain("2026-12-06 14:05 UTC");
            Texts.Sentence(look).Should().Be("new brand \"B\u0430nk\" in Banking looks like the existing brand \"Bank\" (it has U+0430 \u0430)");
            Texts.Sentence(ignored).Should().Be("columns ignored (not part of the response format): comment, (unnamed column 7)");
        }
        using (new CultureScope(Dutch))
        {
            Texts.Sentence(text).Should().Be("respondent_id \"R17\" bestaat al bij merk \"Bank A\" in meting 2026-Q3 uit import 4 (wave3.csv, 6 december 2026 14:05 UTC); "
                + "importeer met vervangen om de gegevens van die meting te vervangen voor de merken in dit bestand");
            Texts.Sentence(look).Should().Be("nieuw merk \"B\u0430nk\" in Banking lijkt op het bestaande merk \"Bank\" (het bevat U+0430 \u0430)");
            Texts.Sentence(ignored).Should().Be("kolommen genegeerd (geen deel van het antwoordformaat): comment, (naamloze kolom 7)");
            // A refused account change, with Identity's reasons (two sentences, each with its full stop).
            Texts.Sentence(new Sentence("Account.Because", new Sentence("Account.NotCreated", "bo@example.com"),
                    new List<object> { new Sentence("Account.PasswordTooShort", 12), new Sentence("Account.Taken") }))
                .Should().Be("bo@example.com is niet aangemaakt: Wachtwoorden hebben minstens 12 tekens. Dat e-mailadres heeft al een account.");
            Texts.Sentence(new Sentence("NotFound.WaveListed", "1999", new List<object> { "2026-Q2", "2026-Q3" }))
                .Should().Be("Er is geen meting \"1999\". Metingen: 2026-Q2, 2026-Q3.");
        }
    }

    [Fact]
    public void Texts_come_in_the_language_asked_for_and_a_regional_variant_falls_back_to_it()
    {
        Texts.Get("Nav.Overview", Dutch).Should().Be("Overzicht");
        Texts.Get("Nav.Overview", CultureInfo.GetCultureInfo("nl-BE")).Should().Be("Overzicht");
        Texts.Get("Nav.Overview", English).Should().Be("Overview");
        Texts.Get("Nav.Overview", CultureInfo.InvariantCulture).Should().Be("Overview", "the CLI and machine formats run invariant: English");
        Texts.Get("No.Such.Key", Dutch).Should().Be("No.Such.Key", "a gap shows, rather than an empty place");
    }

    [Fact]
    public void Why_a_brand_is_not_ranked_reads_in_either_language_and_in_English_as_the_files_say_it()
    {
        BaseShortfall[] shortfalls = [new(ShortfallKind.LowBase, Role.Customer, 37, 100), new(ShortfallKind.UnequalWeights, Role.Prospect, 24.6, 25)];

        using (new CultureScope(English))
            Texts.Reason(shortfalls).Should().Be(Eligibility.Describe(shortfalls)).And.Be("low base: 37 customers < 100; weights too unequal: effective base 24 prospects < 25");
        using (new CultureScope(Dutch))
            Texts.Reason(shortfalls).Should().Be("te lage basis: 37 klanten < 100; gewichten te ongelijk: effectieve basis 24 prospects < 25");
    }

    [Fact]
    public void The_settings_read_in_either_language_and_in_English_as_the_files_say_them()
    {
        var settings = new ScoringSettings(minEffectiveShare: 0.25, minDriverIntervalBase: 1000);

        using (new CultureScope(English)) Texts.Settings(settings).Should().Be(settings.ToString());
        using (new CultureScope(Dutch))
            Texts.Settings(settings).Should().Be("schaal 0..10; factorgewichten 1/1/1/1/1; plafond +5,0; minimale basis 100 klanten / 50 prospects; betrouwbaarheid 95%; minimaal effectief aandeel 0,25; minimale basis voor een driverinterval 1000");
    }

    [Fact]
    public void Why_key_drivers_cannot_be_estimated_reads_in_either_language_and_in_English_as_the_files_say_it()
    {
        var few = KeyDrivers.Compute(CrossProducts.Empty(SuccessFactors.Count + 1), KeyDrivers.Factors, 100);

        few.Problem!.Issue.Should().Be(DriverIssue.TooFew);
        using (new CultureScope(English)) Texts.DriverReason(few).Should().Be(few.Reason);
        using (new CultureScope(Dutch))
            Texts.DriverReason(few).Should().Be("te weinig volledige respondenten: 0 < 100 (klanten die elke factor beoordeelden en de aanbevelingsvraag beantwoordden)");
    }

    [Fact]
    public void Numbers_are_written_as_a_Dutch_reader_writes_them()
    {
        var interval = Estimate.WithInterval(83.25, 0.8, 100, 81.44, 84.51);
        var negative = Estimate.WithInterval(-5.25, 1, 100, -7.46, -3.04);
        string[] Written(CultureInfo culture)
        {
            using var _ = new CultureScope(culture);
            return [Display.Score(83.25), Display.Signed(6.05), Display.Signed(-3.54), Display.Interval(interval), Display.Interval(negative),
                Display.Index(101.4), Display.Position(AveragePosition.Above), Display.RankRange(new RankRange(1, 4))];
        }

        Written(Dutch).Should().Equal("83,3", "+6,1", "−3,5", "81,4–84,5", "−7,5 tot −3,0", "101", "boven het gemiddelde", "posities 1 t/m 4");
        Written(English).Should().Equal("83.3", "+6.1", "-3.5", "81.4–84.5", "-7.5 to -3.0", "101", "above average", "ranks 1 to 4");
        Written(CultureInfo.InvariantCulture).Should().Equal(Written(English), "the CLI writes what it always wrote");
    }
}
