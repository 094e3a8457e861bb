using CxPlus.Data.Tests;
using Microsoft.Extensions.Options;

namespace CxPlus.Web.Tests;

/// <summary>
/// Issue 31: settings are bound once and checked when the app starts; a wrong one stops the start with
/// a sentence naming it, rather than a rate limiter that refuses everything or a digest that never fires.
/// </summary>
public sealed class StartupSettingsTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Theory]
    [InlineData("RateLimits:ApiPerUserPerMinute", "0", "RateLimits:ApiPerUserPerMinute must be a whole number above 0.")]
    [InlineData("RateLimits:SignInPerAccountPerMinute", "-5", "RateLimits:SignInPerAccountPerMinute must be a whole number above 0.")]
    public void A_wrong_rate_limit_stops_the_start_with_the_setting_named(string setting, string value, string message)
    {
        using var app = TestApp.Create(db.ConnectionString, configure: b => b.UseSetting(setting, value));

        FluentActions.Invoking(() => app.Services).Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(message);
    }

    [Theory]
    [InlineData("RateLimits:ApiPerUserPerMinute", "lots", "RateLimits:ApiPerUserPerMinute")]
    [InlineData("Digest:Cron", "every monday", "Digest:Cron \"every monday\" is not a Quartz cron expression")]
    [InlineData("Digest:TimeZone", "Mars/Olympus", "Digest:TimeZone \"Mars/Olympus\" is not a time zone this machine knows")]
    [InlineData("Clients:Competitors", "hidden", "Clients:Competitors: \"hidden\" is neither named nor anonymous.")]
    [InlineData("Branding:AccentColor", "blue", "Branding:AccentColor must be a colour like #1565c0; got \"blue\".")]
    [InlineData("DataProtection:CertificatePath", "/nonexistent/keys.pfx", "DataProtection:CertificatePath: /nonexistent/keys.pfx cannot be read")]
    public void A_setting_that_cannot_be_read_stops_the_start_with_its_name(string setting, string value, string named)
    {
        using var app = TestApp.Create(db.ConnectionString, configure: b => b.UseSetting(setting, value));

        var start = FluentActions.Invoking(() => app.Services).Should().Throw<Exception>().Which;
        string.Join(" | ", Chain(start).Select(e => e.Message)).Should().Contain(named);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
    }
}
