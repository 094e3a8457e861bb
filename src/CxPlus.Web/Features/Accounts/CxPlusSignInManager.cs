using System.Security.Claims;
using CxPlus.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CxPlus.Web.Features.Accounts;

/// <summary>Identity's sign-in, refusing accounts an administrator disabled and noting when each user last signed in.</summary>
public sealed class CxPlusSignInManager(UserManager<User> userManager, IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<User> claimsFactory, IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<User>> logger,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<User> confirmation, TimeProvider clock)
    : SignInManager<User>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(User user) => user.DisabledAt is null && await base.CanSignInAsync(user);

    // Every successful sign-in passes here, whichever page or flow started it.
    public override async Task SignInWithClaimsAsync(User user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        user.LastSignInAt = clock.GetUtcNow();
        await UserManager.UpdateAsync(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }
}
