using CxPlus.Data.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxPlus.Web.Tests;

/// <summary>Issue 30: mail settings are checked when the app starts; a mistyped one stops the start with the setting named.</summary>
public sealed class SmtpSettingsTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Theory]
    [InlineData("Smtp:Security", "tls", "Smtp:Security must be auto, none, starttls or ssl.")]
    [InlineData("Smtp:Port", "70000", "Smtp:Port must be a port number, 1 to 65535.")]
    [InlineData("Smtp:From", "not an address", "Smtp:From must be an e-mail address (the sender of release messages).")]
    [InlineData("Smtp:DashboardUrl", "cx.example.com", "Smtp:DashboardUrl must be an absolute address (https://…).")]
    public void A_mistyped_mail_setting_stops_the_start_with_the_setting_named(string setting, string value, string message)
    {
        using var app = TestApp.Create(db.ConnectionString, configure: b =>
        {
            b.UseSetting("Smtp:Host", "127.0.0.1");
            b.UseSetting(setting, value);
        });

        FluentActions.Invoking(() => app.Services).Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void Without_a_mail_host_the_app_starts_and_mail_is_off()
    {
        using var app = TestApp.Create(db.ConnectionString);

        app.Services.GetRequiredService<IOptions<CxPlus.Web.Features.Releases.SmtpSettings>>().Value.Enabled.Should().BeFalse();
    }
}
