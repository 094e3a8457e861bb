using System.Security.Claims;
using System.Text.Encodings.Web;
using CxPlus.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CxPlus.Web.Features.Accounts;

/// <summary>
/// Authenticates API calls that carry <c>Authorization: Bearer cxp_…</c>: the token's hash is
/// looked up, and a revoked token or a disabled user is refused with 401.
/// </summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    UserAccounts accounts) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    /// <summary>The claim that names the token a request came with (the audit names it).</summary>
    public const string TokenIdClaim = "cxplus:token";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request)) return AuthenticateResult.NoResult();
        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var user = await accounts.FindTokenUserAsync(secret, Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("The API token is unknown, revoked, or belongs to a disabled user.");
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.UserId));
        identity.AddClaim(new Claim(TokenIdClaim, user.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Email));
        foreach (var role in user.Roles) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
