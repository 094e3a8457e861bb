using System.Net;
using System.Text.RegularExpressions;
using CxPlus.Data.Tests;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CxPlus.Web.Tests;

/// <summary>
/// Issue #26: which language a request gets (the chosen one, else the browser's, else the
/// installation's: Dutch unless set), and the switcher's form refusing what it should.
/// </summary>
public sealed class LanguageTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private WebApplicationFactory<Program> App(string? defaultLanguage = "") =>
        TestApp.Create(db.ConnectionString, configure: b => b.UseSetting("Localization:DefaultLanguage", defaultLanguage));

    private static async Task<string> SignInHeadingAsync(HttpClient client, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);
        return Regex.Match(await response.Content.ReadAsStringAsync(), "<h1>([^<]*)</h1>").Groups[1].Value;
    }

    [Theory]
    [InlineData(null, "Inloggen")]            // nothing said: the installation's default, Dutch
    [InlineData("en-GB,en;q=0.9", "Sign in")]
    [InlineData("nl-BE", "Inloggen")]
    [InlineData("fr-FR,fr;q=0.9", "Inloggen")] // a language CxPlus does not speak: the default
    public async Task Without_a_choice_the_browser_s_language_counts_else_Dutch(string? acceptLanguage, string heading)
    {
        await using var app = App();
        using var client = app.CreateClient();

        (await SignInHeadingAsync(client, acceptLanguage)).Should().Be(heading);
    }

    [Fact]
    public async Task The_installation_default_can_be_English()
    {
        await using var app = App("en");
        using var client = app.CreateClient();

        (await SignInHeadingAsync(client)).Should().Be("Sign in");
    }

    [Fact]
    public void A_default_language_CxPlus_does_not_speak_stops_the_app_at_start_with_the_setting_named()
    {
        using var app = App("fr");

        var start = () => app.CreateClient();

        start.Should().Throw<ArgumentException>().WithMessage("Localization:DefaultLanguage: \"fr\" is not a language CxPlus speaks; use nl or en.");
    }

    [Fact]
    public async Task A_Dutch_reader_reads_the_switch_s_refusal_in_Dutch()
    {
        await using var app = App();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var refused = await client.PostAsync("/account/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "en" }));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Be("Het taalformulier was verlopen of kwam niet van deze site. Ga terug, laad de pagina opnieuw en kies nog eens.");
    }

    [Fact]
    public async Task The_switcher_sets_the_language_for_the_browser_and_returns_to_the_page_on_this_site_only()
    {
        await using var app = App();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en"); // the refusals are read here in English (a Dutch reader gets them in Dutch)
        var page = await client.GetStringAsync("/account/sign-in");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Task<HttpResponseMessage> Switch(string language, string returnUrl, bool withToken = true) => client.PostAsync("/account/language", new FormUrlEncodedContent(
            withToken ? new Dictionary<string, string> { ["language"] = language, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token }
                : new Dictionary<string, string> { ["language"] = language, ["returnUrl"] = returnUrl }));

        using var forged = await Switch("en", "/", withToken: false);
        using var unknown = await Switch("fr", "/");
        using var away = await Switch("en", "//evil.example.com/");
        using var english = await Switch("en", "/account/sign-in?returnUrl=%2F");

        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).Should().Contain("The language form had expired or did not come from this site.");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).Should().Be("Choose one of the languages CxPlus speaks: nl, en.");
        away.Headers.Location!.OriginalString.Should().Be("/", "never back to another site");
        english.StatusCode.Should().Be(HttpStatusCode.Redirect);
        english.Headers.Location!.OriginalString.Should().Be("/account/sign-in?returnUrl=%2F");
        (await SignInHeadingAsync(client, "nl-NL")).Should().Be("Sign in", "the choice outranks the browser's language");
    }
}
