using Microsoft.AspNetCore.Identity;

namespace CxPlus.Data.Accounts;

/// <summary>A person who signs in. The user name is the e-mail address.</summary>
public sealed class User : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>
    /// Set by an administrator: the account can no longer sign in, its cookies stop working at the
    /// next check and its API tokens at once. Kept apart from lockout, which ends by itself.
    /// </summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>The language the user chose to read CxPlus in ("nl", "en"); null until they choose (then the browser's, else the installation's).</summary>
    public string? Language { get; set; }

    /// <summary>The organisation a user with the role Client belongs to (and sees the brands of); null for the research agency's own people.</summary>
    public int? OrganisationId { get; set; }
}

/// <summary>A per-user key for the read API. Only its SHA-256 is stored; the token is shown once.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Hex SHA-256 of the whole token (tokens are 256 random bits, so no slow hash is needed).</summary>
    public string Hash { get; set; } = "";
    /// <summary>The token's first characters, so a user can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// Wrong passwords for one account from one client address (<see cref="SignInLocks"/>): the lock is
/// per pair, so nobody can lock another person out by guessing at their account from elsewhere.
/// </summary>
public sealed class SignInFailure
{
    /// <summary>The e-mail as typed, trimmed and upper-cased (an account or not: no telling which exist).</summary>
    public string Account { get; set; } = "";
    public string Address { get; set; } = "";
    public int Failures { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
}
