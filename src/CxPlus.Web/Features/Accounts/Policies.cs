using CxPlus.Data.Accounts;
using Microsoft.AspNetCore.Authorization;

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
    /// <summary>Import, replace, undo.</summary>
    public const string Import = "Import";
    /// <summary>Users and roles.</summary>
    public const string Admin = "Admin";

    public static AuthorizationBuilder AddCxPlusPolicies(this AuthorizationBuilder builder)
    {
        var browse = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(AccountRoles.All).Build();
        return builder
            .AddPolicy(Browse, browse)
            .AddPolicy(Export, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Consultant, AccountRoles.Admin))
            .AddPolicy(Import, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.DataManager, AccountRoles.Admin))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Admin))
            // Closed by default: an endpoint nobody thought about needs a signed-in user with a role.
            .SetFallbackPolicy(browse);
    }
}
