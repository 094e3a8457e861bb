using CxPlus.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CxPlus.Web.Features.Accounts;

/// <summary>
/// What each role may do, checked on the server for every page and endpoint (hidden buttons are
/// only a courtesy). Admin may do everything.
/// </summary>
public static class Policies
{
    /// <summary>League tables, brands, comparisons, the methodology, the read API's JSON.</summary>
    public const string Browse = "Browse";
    /// <summary>PDF reports, Excel and CSV.</summary>
    public const string Export = "Export";
    /// <summary>Import, replace, undo, rename and merge.</summary>
    public const string Import = "Import";
    /// <summary>Users, roles and the audit trail.</summary>
    public const string Admin = "Admin";
    /// <summary><see cref="Browse"/> on the read API: the API token or the cookie.</summary>
    public const string ApiBrowse = "Api" + Browse;
    /// <summary><see cref="Export"/> on the read API: the API token or the cookie.</summary>
    public const string ApiExport = "Api" + Export;
    /// <summary>A member's view of the benchmark (the role Client), scoped to its organisation's brands.</summary>
    public const string Benchmark = "Benchmark";
    /// <summary><see cref="Benchmark"/> on the read API: the API token or the cookie.</summary>
    public const string ApiBenchmark = "Api" + Benchmark;
    /// <summary>One's own account (API tokens): anyone signed in with a role, clients included.</summary>
    public const string Account = "Account";
    /// <summary>Respondent-level data (responses.csv) on the read API: personal data, for those who import it.</summary>
    public const string ApiRespondents = "ApiRespondents";
    /// <summary>The metrics scrape (<c>/metrics</c>): an administrator, signed in or by an API token (a scraper's).</summary>
    public const string Metrics = "Metrics";

    /// <summary>The roles that may take files out (<see cref="Export"/>).</summary>
    public static readonly string[] Exporters = [AccountRoles.Consultant, AccountRoles.Admin];
    /// <summary>The roles that may read respondent-level data: the people who import it, not those who present results.</summary>
    public static readonly string[] RespondentReaders = [AccountRoles.DataManager, AccountRoles.Admin];

    // Policies name their scheme (design.md, "Credentials by surface"): pages, forms and the
    // circuit are authenticated by the sign-in cookie only; the API policies by the token or the cookie.
    private static readonly string[] Cookie = [IdentityConstants.ApplicationScheme];
    private static readonly string[] CookieOrToken = [AccountsSetup.ByCookieOrToken];

    public static AuthorizationBuilder AddCxPlusPolicies(this AuthorizationBuilder builder)
    {
        static AuthorizationPolicy Policy(string[] schemes, params string[] roles) =>
            new AuthorizationPolicyBuilder(schemes).RequireAuthenticatedUser().RequireRole(roles).Build();
        // The agency's roles only: a Client is let in where its scope is enforced, one surface at a time.
        var browse = Policy(Cookie, [.. AccountRoles.Staff]);
        return builder
            .AddPolicy(Browse, browse)
            .AddPolicy(Export, Policy(Cookie, Exporters))
            .AddPolicy(Import, Policy(Cookie, AccountRoles.DataManager, AccountRoles.Admin))
            .AddPolicy(Admin, Policy(Cookie, AccountRoles.Admin))
            .AddPolicy(Benchmark, Policy(Cookie, AccountRoles.Client))
            .AddPolicy(ApiBenchmark, Policy(CookieOrToken, AccountRoles.Client))
            .AddPolicy(Account, Policy(Cookie, [.. AccountRoles.All]))
            .AddPolicy(ApiBrowse, Policy(CookieOrToken, [.. AccountRoles.Staff]))
            .AddPolicy(ApiExport, Policy(CookieOrToken, Exporters))
            .AddPolicy(ApiRespondents, Policy(CookieOrToken, RespondentReaders))
            .AddPolicy(Metrics, Policy(CookieOrToken, AccountRoles.Admin))
            // Closed by default: an endpoint nobody thought about needs a signed-in user with a role.
            .SetFallbackPolicy(browse);
    }
}
