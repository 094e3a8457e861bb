using System.Globalization;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Web.Features.Releases;

namespace CxPlus.Web.Tests;

/// <summary>Issue 30: a subscriber chooses which alerts a message lists; the others are counted, not listed.</summary>
public sealed class ReleaseMailTests
{
    private static readonly SectorAlerts Wave = new("Retail Banking", "2026-Q4", false, "2026-Q3",
        [new Alert("Bank A", AlertKind.JoinedLeaders, "2026-Q3"), new Alert("Bank B", AlertKind.LeftLeaders, "2026-Q3")]);

    private static string Body(string[]? kinds, string language = "en")
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return ReleaseMail.Body(Wave, ScoringSettings.Default, withAlerts: true, link: null, kinds);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    [Fact]
    public void A_message_lists_the_kinds_of_alert_its_reader_chose_and_says_so_when_none_is()
    {
        Body(null).Should().Contain("Bank A").And.Contain("Bank B", "every kind when none was chosen");
        Body(["left-leaders"]).Should().Contain("Bank B").And.NotContain("Bank A");
        Body(["rank-moved", "score-change"]).Should().NotContain("Bank A").And.NotContain("Bank B")
            .And.Contain("None of its 2 alerts is of a kind you chose");
        Body(["rank-moved"], "nl").Should().Contain("Geen van de 2 signalen is van een soort die u koos");
    }
}
