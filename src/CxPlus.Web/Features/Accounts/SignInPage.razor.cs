using CxPlus.Data.Accounts;
using CxPlus.Reports.Localization;
using CxPlus.Web.Features.Language;
using CxPlus.Web.Features.Operations;
using Microsoft.AspNetCore.Components;

namespace CxPlus.Web.Features.Accounts;

/// <summary>Sign-in: both fields checked, then the password, with locks per account and address and a throttle per account; every attempt audited.</summary>
public partial class SignInPage
{

    [SupplyParameterFromForm] private SignInForm Input { get; set; } = default!;
    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }
    private string? _message;
    private bool _emailMissing, _passwordMissing;

    protected override void OnInitialized() => Input ??= new();

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    /// <summary>Both fields filled in (said in the reader's language), then the sign-in; over-long input is simply wrong.</summary>
    private async Task SubmitAsync()
    {
        (_emailMissing, _passwordMissing) = (string.IsNullOrWhiteSpace(Input.Email), string.IsNullOrEmpty(Input.Password));
        if (_emailMissing || _passwordMissing) return;
        if (Input.Email.Length > 256 || Input.Password.Length > 1000)
        {
            _message = T["SignIn.Wrong"];
            return;
        }
        await SignInAsync();
    }

    private async Task SignInAsync()
    {
        var email = Input.Email.Trim();
        var address = RateLimits.Address(HttpContext);
        // Wrong passwords lock this account from this address only: its owner, elsewhere, still signs in.
        var pair = await Locks.FindAsync(email, address);
        if (pair.LockedUntil is { } lockedUntil)
        {
            await Audit.RecordAsync(email, "sign-in", "dashboard", "locked out at this address");
            _message = Locked(lockedUntil);
            return;
        }
        // Every attempt draws on the account's own budget (against guessing from many addresses), but
        // only addresses that already got its password wrong are held back when it runs out: a flood
        // of guesses cannot keep the account's owner out either.
        if (Throttle.Attempt(email) is { } retryAfter && pair.Failures > 0)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            HttpContext.Response.Headers.RetryAfter = retryAfter;
            await Audit.RecordAsync(email, "sign-in", "dashboard", "throttled: too many attempts for this account");
            _message = T["SignIn.Throttled", retryAfter];
            return;
        }
        var result = await SignIn.PasswordSignInAsync(email, Input.Password, isPersistent: false, lockoutOnFailure: false);
        DateTimeOffset? lockedNow = null;
        if (result.Succeeded) await Locks.SucceededAsync(email, address);
        else if (!result.IsNotAllowed) lockedNow = await Locks.FailedAsync(email, address);
        var outcome = result.Succeeded ? "succeeded" : result.IsNotAllowed ? "disabled" : lockedNow is not null ? "failed, now locked at this address" : "failed";
        // Who and the outcome; never the password. The audit log makes the name printable: a line break in it cannot forge a log line.
        await Audit.RecordAsync(email, "sign-in", "dashboard", outcome);
        if (result.Succeeded)
        {
            // The language the user chose before, on whichever browser: it follows them.
            if (Languages.Find(await Accounts.LanguageAsync(email)) is { } language) LanguageSetup.Remember(HttpContext, language);
            var to = AccountsSetup.SafeReturnUrl(ReturnUrl);
            // A member's person starts at its benchmark: the agency's home page lists every brand in full.
            if (to == "/" && (await Accounts.FindAsync(email))?.Roles.Contains(CxPlus.Data.Accounts.AccountRoles.Client) == true) to = "/benchmark";
            Navigation.NavigateTo(to, forceLoad: true);
            return;
        }
        _message = result.IsNotAllowed ? T["SignIn.Disabled"]
            : lockedNow is { } until ? Locked(until)
            : T["SignIn.Wrong"];
    }

    private string Locked(DateTimeOffset until)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - Clock.GetUtcNow()).TotalMinutes));
        return T["SignIn.Locked", T[minutes == 1 ? "Unit.Minute" : "Unit.Minutes", minutes], SignInLocks.FreeFailures + 1];
    }

    private sealed class SignInForm
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }
}
