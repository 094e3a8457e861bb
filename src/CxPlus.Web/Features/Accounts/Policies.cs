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

    // Policies name their scheme (design.md, "Credentials by surface"): pages, forms and the
    // circuit are authenticated by the sign-in cookie only; the API policies by the token or the cookie.
    private static readonly string[] Cookie = [IdentityConstants.ApplicationScheme];
    private static readonly string[] CookieOrToken = [AccountsSetup.ByCookieOrToken];

    public static AuthorizationBuilder AddCxPlusPolicies(this AuthorizationBuilder builder)
    {
        static AuthorizationPolicy Policy(string[] schemes, params string[] roles) =>
            new AuthorizationPolicyBuilder(schemes).RequireAuthenticatedUser().RequireRole(roles).Build();
        string[] exporters = [AccountRoles.Consultant, AccountRoles.Admin];
        var browse = Policy(Cookie, [.. AccountRoles.All]);
        return builder
            .AddPolicy(Browse, browse)
            .AddPolicy(Export, Policy(Cookie, exporters))
            .AddPolicy(Import, Policy(Cookie, AccountRoles.DataManager, AccountRoles.Admin))
            .AddPolicy(Admin, Policy(Cookie, AccountRoles.Admin))
            .AddPolicy(ApiBrowse, Policy(CookieOrToken, [.. AccountRoles.All]))
            .AddPolicy(ApiExport, Policy(CookieOrToken, exporters))
            // Closed by default: an endpoint nobody thought about needs a signed-in user with a role.
            .SetFallbackPolicy(browse);
    }
}
