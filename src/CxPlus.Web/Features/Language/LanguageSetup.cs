using System.Globalization;
using CxPlus.Data.Accounts;
using CxPlus.Reports.Localization;
using CxPlus.Web.Features.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;

namespace CxPlus.Web.Features.Language;

/// <summary>
/// Who reads CxPlus in which language (ASP.NET Core request localization over <see cref="Languages.Supported"/>):
/// on the read API <see cref="ApiLanguageProvider"/>'s rule; a page the language the reader chose, kept in the culture cookie
/// (set by the switcher, and at sign-in from the user's saved choice); else the browser's
/// <c>Accept-Language</c>; else the installation's <c>Localization:DefaultLanguage</c> (default nl).
/// Numbers and dates follow the same language (83,3 in Dutch).
/// </summary>
public static class LanguageSetup
{
    public const string SwitchPath = "/account/language";

    public static IServiceCollection AddCxPlusLanguages(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration["Localization:DefaultLanguage"];
        var fallback = Languages.Parse(string.IsNullOrWhiteSpace(configured) ? Languages.DefaultCode : configured, "Localization:DefaultLanguage");
        services.AddLocalization();
        services.AddTransient<MudBlazor.MudLocalizer, TextsMudLocalizer>();
        // A language registered beyond those offered in the switcher (its resource file is all it needs): the
        // pseudo-language test's qps-ploc, or a language being translated, read by browsers that ask for it.
        var extra = (configuration["Localization:ExtraLanguages"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(code => Texts.HasOwnTexts(CultureInfo.GetCultureInfo(code)) ? CultureInfo.GetCultureInfo(code)
                : throw new ArgumentException($"Localization:ExtraLanguages: \"{code}\" has no resource file (Texts.{code}.resx).")).ToList();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(fallback);
            options.SupportedCultures = options.SupportedUICultures = [.. Languages.Supported, .. extra];
            options.RequestCultureProviders =
            [
                new ApiLanguageProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Remembers a reader's language in the culture cookie for a year (the browser's choice; a signed-in user's is saved too).</summary>
    public static void Remember(HttpContext http, CultureInfo language) =>
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true, // a language is what the reader asked for, not tracking
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
            });

    /// <summary>The switcher's form post: the language for this browser, and for the signed-in user wherever they sign in next.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapPost(SwitchPath, async (HttpContext http, IAntiforgery antiforgery, UserAccounts accounts) =>
            {
                if (!await antiforgery.IsRequestValidAsync(http))
                    return Results.Text(Texts.Get("Language.Expired"), statusCode: StatusCodes.Status400BadRequest);
                var form = await http.Request.ReadFormAsync();
                if (Languages.Find(form["language"]) is not { } language)
                    return Results.Text(Texts.Format("Language.Unknown", string.Join(", ", Languages.Supported.Select(c => c.Name))),
                        statusCode: StatusCodes.Status400BadRequest);
                Remember(http, language);
                if (http.User.Identity is { IsAuthenticated: true, Name: { } email })
                {
                    try { await accounts.SetLanguageAsync(email, language.Name, http.RequestAborted); }
                    catch (AccountException) { } // the account went meanwhile: the browser keeps the choice
                }
                return Results.LocalRedirect(AccountsSetup.SafeReturnUrl(form["returnUrl"]));
            })
            .AllowAnonymous() // the sign-in page has the switcher too
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The read API: its files for people (the league CSV and workbook, the brand's PDF report and deck, the
    /// bundle) in <c>?language=</c>, else in the reader's language (the providers after this one); its
    /// answers for machines (JSON, the re-importable <c>responses.csv</c>) and their messages in English.
    /// </summary>
    private sealed class ApiLanguageProvider : RequestCultureProvider
    {
        private static readonly Task<ProviderCultureResult?> English = Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult("en"));

        private static readonly string[] FilesForPeople = ["/league.csv", "/league.xlsx", "/report.pdf", "/report.pptx", "/reports.zip"];

        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            if (!AccountsSetup.IsApi(httpContext.Request)) return NullProviderCultureResult;
            var path = httpContext.Request.Path.Value ?? "";
            if (!FilesForPeople.Any(file => path.EndsWith(file, StringComparison.OrdinalIgnoreCase))) return English;
            return httpContext.Request.Query["language"] is [{ } code]
                ? Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(code))
                : NullProviderCultureResult;
        }
    }
}
