using CxPlus.Data;
using CxPlus.Data.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CxPlus.Web.Features.Accounts;

/// <summary>
/// Sign-in for people (Identity's cookie) and for tools (API tokens), and the role policies.
/// Credentials by surface (design.md): an API token counts on the read API (<see cref="ApiPath"/>)
/// only, where a request with a Bearer header is judged by its token alone. Pages, the Blazor
/// circuit and every form are judged by the sign-in cookie, whatever else a request carries: a
/// leaked token cannot drive the dashboard.
/// </summary>
public static class AccountsSetup
{
    /// <summary>The policy scheme of the read API: the token when a Bearer header is sent, else the cookie.</summary>
    public const string ByCookieOrToken = "CookieOrToken";
    /// <summary>The only paths an API token opens.</summary>
    public const string ApiPath = "/api/v1";
    public const string SignInPath = "/account/sign-in";
    public const string AccessDeniedPath = "/account/access-denied";

    public static IServiceCollection AddCxPlusSignIn(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SignedInState>();
        services.AddHttpContextAccessor();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = ByCookieOrToken;
                options.DefaultChallengeScheme = ByCookieOrToken;
                options.DefaultForbidScheme = ByCookieOrToken;
            })
            .AddPolicyScheme(ByCookieOrToken, "Cookie, or API token on the read API", options =>
                options.ForwardDefaultSelector = context =>
                    IsApi(context.Request) && ApiTokenHandler.HasBearer(context.Request) ? ApiTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddCxPlusAccounts().AddSignInManager<CxPlusSignInManager>();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "cxplus";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = AccessDeniedPath;
            // The API answers 401/403; only pages are sent to the sign-in page.
            options.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
        });
        // A disabled user or a role change reaches a signed-in browser within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorizationBuilder().AddCxPlusPolicies();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, DeniedAccessAudit>();
        return services;
    }

    /// <summary>Whether a request is for the read API, the one surface an API token serves.</summary>
    /// <summary>A machine's address: the read API and the metrics scrape take tokens and answer 401/403, never a redirect.</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(ApiPath) || request.Path.StartsWithSegments(Operations.Telemetry.MetricsPath);

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            // A 401 names the scheme the API accepts (RFC 9110), also to a caller that sent no token at all.
            if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
        }
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // The antiforgery token is checked here, in words: a post without it (a forged sign-out from
        // another site, or a page left open past its token) answers 400 and signs nobody out. Binding a
        // form value instead made the framework throw, which the production exception handler turned into a 500.
        app.MapPost("/account/sign-out", async (HttpContext http, IAntiforgery antiforgery, SignInManager<User> signIn, AuditLog audit) =>
            {
                if (!await antiforgery.IsRequestValidAsync(http))
                    return Results.Text("The sign-out form had expired or did not come from this site. Go back, reload the page and sign out again.",
                        statusCode: StatusCodes.Status400BadRequest);
                await signIn.SignOutAsync();
                await audit.RecordAsync(http.User.Identity?.Name ?? "", "sign-out", "dashboard", "succeeded");
                return Results.LocalRedirect(SignInPath);
            })
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser())
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>A return address that stays on this site ("/..." but not "//host" or "/\host"), else the home page.</summary>
    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && url.Length <= 2000 ? url : "/";
}
