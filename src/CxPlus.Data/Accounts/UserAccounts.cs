using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Data.Accounts;

/// <summary>A refused account operation, in a sentence a user understands.</summary>
public sealed class AccountException(Sentence reason) : SentenceException(reason);

/// <summary>What an administrator sees of a user.</summary>
/// <remarks><c>LockedOutUntil</c>: until when sign-in is locked from at least one address (wrong passwords there), if it is
/// now; <c>LockedAddresses</c>: from how many client addresses;
/// <c>Client</c>: the organisation a user with the role Client belongs to.</remarks>
public sealed record UserSummary(string Email, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt,
    DateTimeOffset? DisabledAt, DateTimeOffset? LockedOutUntil, int LockedAddresses = 0, string? Client = null);

/// <summary>A token as listed (never the token itself, which is shown once).</summary>
public sealed record ApiTokenSummary(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>The signed-in identity behind an API token.</summary>
public sealed record TokenUser(long TokenId, string UserId, string Email, IReadOnlyList<string> Roles);

/// <summary>
/// Users, roles and API tokens, for the admin page and <c>cxplus users</c> alike, so both apply
/// the same rules. Each operation runs in its own scope (its own context): safe to hold in a
/// singleton or a Blazor circuit. Every change that can end someone's access (a token revoked, a
/// user disabled, roles changed) bumps the accounts generation in its transaction, which is what
/// lets <see cref="FindTokenUserAsync"/> remember tokens without a database round trip per call.
/// </summary>
public sealed class UserAccounts(IServiceScopeFactory scopes, TimeProvider clock, AuditLog audit, StoreChanges? changes = null)
{
    private const string TokenPrefix = "cxp_";

    /// <summary>How long a token, once found, is taken on trust while no account changes (the last-use time is written at most this often).</summary>
    public static readonly TimeSpan TokenMemory = TimeSpan.FromMinutes(1);

    private sealed record KnownToken(TokenUser User, long AccountsGeneration, DateTimeOffset FoundAt);

    private readonly ConcurrentDictionary<string, KnownToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>
    /// Serialises changes that could take away the last enabled administrator (pg_advisory_xact_lock
    /// key): each checks "another enabled administrator remains" and writes inside one transaction
    /// under this lock, so two at the same moment cannot both pass the check.
    /// </summary>
    private const long AdministratorsLock = 0x43_58_41_44_4D_49_4E; // "CXADMIN"

    /// <summary>Identity's rules for every account, wherever it is created.</summary>
    private const int MinimumPasswordLength = 12, MinimumUniqueChars = 4;

    public static void Configure(IdentityOptions options)
    {
        // Length over composition rules: at least 12 characters, anything the user can remember.
        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = MinimumUniqueChars;
        // Wrong passwords lock one account from one address (SignInLocks), never the whole account:
        // Identity's account-wide lockout let anyone keep a person out by guessing at their account.
        options.Lockout.AllowedForNewUsers = false;
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CxPlusDbContext>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var locked = await scope.ServiceProvider.GetRequiredService<SignInLocks>().LockedAsync(ct);
        return [.. users.Select(u => Summary(u, [.. byUser[u.Id].Order(StringComparer.Ordinal)], locked,
            u.OrganisationId is { } o ? organisations.GetValueOrDefault(o) : null))];
    }

    public async Task<UserSummary?> FindAsync(string email, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null) return null;
        var locked = await scope.ServiceProvider.GetRequiredService<SignInLocks>().LockedAsync(ct);
        return Summary(user, [.. await users.GetRolesAsync(user)], locked, await OrganisationNameAsync(scope, user, ct));
    }

    /// <summary>The language a user chose (null: none yet, or no such user).</summary>
    public async Task<string?> LanguageAsync(string email, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(email.Trim()))?.Language;
    }

    /// <summary>Saves the language a user chose (a code the caller has checked); not audited, as it changes nothing but their own view.</summary>
    public async Task SetLanguageAsync(string email, string language, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email.Trim()) ?? throw new AccountException(new("Account.NoUser", email.Trim()));
        if (user.Language == language) return;
        user.Language = language;
        Check(await users.UpdateAsync(user), new("Account.LanguageNotSaved", user.Email));
    }

    /// <summary>
    /// Creates a user with a password and roles; a user with the role Client names its organisation
    /// (<paramref name="client"/>). Refused with the reason (bad e-mail, short password, taken, no such organisation).
    /// </summary>
    public async Task<UserSummary> CreateAsync(string email, string password, IEnumerable<string> roles, CancellationToken ct = default, string? by = null,
        string? client = null)
    {
        email = email.Trim();
        var canonical = AtLeastOneRole(email, CanonicalRoles(roles));
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var db = scope.ServiceProvider.GetRequiredService<CxPlusDbContext>();
        var organisation = await OrganisationForAsync(db, email, canonical, client, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new User { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow(), OrganisationId = organisation?.Id };
        Check(await users.CreateAsync(user, password ?? ""), new("Account.NotCreated", email));
        if (canonical.Count > 0) Check(await users.AddToRolesAsync(user, canonical), new("Account.NotCreated", email));
        await transaction.CommitAsync(ct);
        await AuditAsync(by, "user-create", email, $"created with roles {string.Join(", ", canonical)}{(organisation is { } o ? $" for {o.Name}" : "")}");
        return Summary(user, canonical, client: organisation?.Name);
    }

    /// <summary>
    /// Gives a user exactly these roles (with the role Client, the organisation it belongs to). The
    /// last enabled administrator keeps Admin.
    /// </summary>
    public async Task<UserSummary> SetRolesAsync(string email, IEnumerable<string> roles, CancellationToken ct = default, string? by = null,
        string? client = null)
    {
        var canonical = AtLeastOneRole(email.Trim(), CanonicalRoles(roles));
        await using var scope = scopes.CreateAsyncScope();
        var (users, user) = await FindOrThrowAsync(scope, email);
        var db = scope.ServiceProvider.GetRequiredService<CxPlusDbContext>();
        var organisation = await OrganisationForAsync(db, user.Email!, canonical, client, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAdministratorsAsync(db, ct);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(AccountRoles.Admin) && !canonical.Contains(AccountRoles.Admin))
            await RefuseLastAdminAsync(users, user, "Account.LastAdminRole");
        Check(await users.RemoveFromRolesAsync(user, current.Except(canonical)), new("Account.RolesNotChanged"));
        Check(await users.AddToRolesAsync(user, canonical.Except(current)), new("Account.RolesNotChanged"));
        user.OrganisationId = organisation?.Id;
        // A new security stamp makes signed-in sessions pick up the new roles (and organisation) at their next check.
        Check(await users.UpdateSecurityStampAsync(user), new("Account.RolesNotChanged"));
        await BumpAccountsAsync(db, ct);
        await transaction.CommitAsync(ct);
        await AccountsChangedAsync();
        await AuditAsync(by, "user-roles", user.Email!,
            $"roles set to {(canonical.Count == 0 ? "none" : string.Join(", ", canonical))}{(organisation is { } o ? $" for {o.Name}" : "")}");
        return Summary(user, canonical, client: organisation?.Name);
    }

    /// <summary>Disables a user: no sign-in, sessions end at their next check, tokens stop at once.</summary>
    public async Task DisableAsync(string email, CancellationToken ct = default, string? by = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, user) = await FindOrThrowAsync(scope, email);
        if (user.DisabledAt is not null) return;
        var db = scope.ServiceProvider.GetRequiredService<CxPlusDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAdministratorsAsync(db, ct);
        if (await users.IsInRoleAsync(user, AccountRoles.Admin)) await RefuseLastAdminAsync(users, user, "Account.LastAdminDisable");
        user.DisabledAt = clock.GetUtcNow();
        // One write: the new stamp (which ends sessions) is saved together with DisabledAt.
        Check(await users.UpdateSecurityStampAsync(user), new("Account.NotDisabled"));
        await BumpAccountsAsync(db, ct);
        await transaction.CommitAsync(ct);
        await AccountsChangedAsync();
        await AuditAsync(by, "user-disable", user.Email!, "disabled; sessions end within a minute, tokens at once");
    }

    public async Task EnableAsync(string email, CancellationToken ct = default, string? by = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, user) = await FindOrThrowAsync(scope, email);
        (user.DisabledAt, user.LockoutEnd, user.AccessFailedCount) = (null, null, 0);
        Check(await users.UpdateAsync(user), new("Account.NotEnabled"));
        await scope.ServiceProvider.GetRequiredService<SignInLocks>().UnlockAsync(user.Email!, ct);
        await AuditAsync(by, "user-enable", user.Email!, "enabled and unlocked");
    }

    /// <summary>Sets a new password (e.g. a forgotten one), unlocks the account and ends its other sessions.</summary>
    public async Task SetPasswordAsync(string email, string password, CancellationToken ct = default, string? by = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, user) = await FindOrThrowAsync(scope, email);
        foreach (var validator in users.PasswordValidators)
            Check(await validator.ValidateAsync(users, user, password ?? ""), new("Account.PasswordNotChanged"));
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password!);
        (user.LockoutEnd, user.AccessFailedCount) = (null, 0);
        // One write: hash, unlock and a new stamp (which ends the user's other sessions) together.
        Check(await users.UpdateSecurityStampAsync(user), new("Account.PasswordNotChanged"));
        await scope.ServiceProvider.GetRequiredService<SignInLocks>().UnlockAsync(user.Email!, ct);
        await AuditAsync(by, "user-password", user.Email!, "password set, account unlocked");
    }

    /// <summary>An administrator's reset: a generated password, returned to be passed on once; sessions end, locks lift.</summary>
    public async Task<string> ResetPasswordAsync(string email, CancellationToken ct = default, string? by = null)
    {
        var password = GeneratePassword();
        await SetPasswordAsync(email, password, ct, by);
        return password;
    }

    /// <summary>Lifts the sign-in locks that wrong passwords put on an account, from every address.</summary>
    public async Task UnlockAsync(string email, CancellationToken ct = default, string? by = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, user) = await FindOrThrowAsync(scope, email);
        (user.LockoutEnd, user.AccessFailedCount) = (null, 0);
        Check(await users.UpdateAsync(user), new("Account.NotUnlocked"));
        await scope.ServiceProvider.GetRequiredService<SignInLocks>().UnlockAsync(user.Email!, ct);
        await AuditAsync(by, "user-unlock", user.Email!, "sign-in locks lifted");
    }

    /// <summary>
    /// First run: when no enabled administrator exists, creates one. The password is the given
    /// one, or a generated one returned to be shown once. Null when an administrator exists.
    /// </summary>
    public async Task<string?> EnsureAdminAsync(string email, string? password, CancellationToken ct = default)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            if ((await users.GetUsersInRoleAsync(AccountRoles.Admin)).Any(u => u.DisabledAt is null)) return null;
        }
        var chosen = string.IsNullOrEmpty(password) ? GeneratePassword() : password;
        if (await FindAsync(email, ct) is not null)
            throw new AccountException(new("Account.AdminExists", email));
        await CreateAsync(email, chosen, [AccountRoles.Admin], ct);
        return chosen;
    }

    /// <summary>A random password of 20 characters from an unambiguous alphabet (about 110 bits).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    /// <summary>Creates an API token for a user. The token is returned once; only its hash is stored.</summary>
    public async Task<(ApiTokenSummary Token, string Secret)> CreateTokenAsync(string email, string name, CancellationToken ct = default, string? by = null)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100) throw new AccountException(new("Account.TokenName"));
        await using var scope = scopes.CreateAsyncScope();
        var (_, user) = await FindOrThrowAsync(scope, email);
        if (user.DisabledAt is not null) throw new AccountException(new("Account.TokenDisabled", user.Email));
        var secret = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken { UserId = user.Id, Name = name, Hash = Hash(secret), Prefix = secret[..10], CreatedAt = clock.GetUtcNow() };
        var db = scope.ServiceProvider.GetRequiredService<CxPlusDbContext>();
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        await AuditAsync(by ?? user.Email, "token-create", user.Email!, $"token {token.Id} \"{name}\" ({token.Prefix}…)");
        return (TokenSummary(token), secret);
    }

    public async Task<IReadOnlyList<ApiTokenSummary>> ListTokensAsync(string email, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (_, user) = await FindOrThrowAsync(scope, email);
        var db = scope.ServiceProvider.GetRequiredService<CxPlusDbContext>();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == user.Id).OrderBy(t => t.Id).ToListAsync(ct);
        return [.. tokens.Select(TokenSummary)];
    }

    public async Task RevokeTokenAsync(string email, long id, CancellationToken ct = default, string? by = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (_, user) = await FindOrThrowAsync(scope, email);
        var db = scope.ServiceProvider.GetRequiredService<CxPlusDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var revoked = await db.ApiTokens.Where(t => t.Id == id && t.UserId == user.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()), ct);
            if (revoked == 0) throw new AccountException(new("Account.NoToken", user.Email, id));
            await BumpAccountsAsync(db, ct);
            await transaction.CommitAsync(ct);
        }
        await AccountsChangedAsync();
        await AuditAsync(by ?? user.Email, "token-revoke", user.Email!, $"token {id} revoked");
    }

    /// <summary>
    /// Whether a user (and the token they came with, if any) may still do what needs one of
    /// <paramref name="anyOfRoles"/>: enabled, the token not revoked, a role still held. Long
    /// downloads ask this while they stream, so taking access away ends them too.
    /// </summary>
    public async Task<bool> StillAllowedAsync(string userId, long? tokenId, IReadOnlyCollection<string> anyOfRoles, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CxPlusDbContext>();
        return await db.Users.AnyAsync(u => u.Id == userId && u.DisabledAt == null
            && (tokenId == null || db.ApiTokens.Any(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null))
            && (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).Any(n => anyOfRoles.Contains(n!)), ct);
    }

    /// <summary>
    /// The enabled user a token belongs to, with their roles; null for an unknown, revoked or disabled
    /// one. A token found is remembered for <see cref="TokenMemory"/> while the accounts generation
    /// stays where it was: a revoke, disable or role change (here or in another instance) ends that at once.
    /// </summary>
    public async Task<TokenUser?> FindTokenUserAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Hash(secret);
        var generation = changes?.Accounts;
        if (generation is not null && _tokens.TryGetValue(hash, out var known)
            && known.AccountsGeneration == generation && clock.GetUtcNow() - known.FoundAt < TokenMemory)
            return known.User;
        var user = await LookUpTokenAsync(hash, ct);
        if (user is null || generation is null) return user;
        if (_tokens.Count >= 10_000) _tokens.Clear(); // bounded: a busy API has tens of tokens, not thousands
        _tokens[hash] = new KnownToken(user, generation.Value, clock.GetUtcNow());
        return user;
    }

    private async Task<TokenUser?> LookUpTokenAsync(string hash, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CxPlusDbContext>();
        // Every API call comes through here: token, user and roles in one query.
        var found = await (from t in db.ApiTokens
                           join u in db.Users on t.UserId equals u.Id
                           where t.Hash == hash && t.RevokedAt == null && u.DisabledAt == null
                           select new
                           {
                               TokenId = t.Id, UserId = u.Id, u.Email, t.LastUsedAt,
                               Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name!).ToList(),
                           }).FirstOrDefaultAsync(ct);
        if (found is null) return null;
        var now = clock.GetUtcNow();
        // Last use to the minute: enough to spot an unused token, without a write on every call.
        if (found.LastUsedAt is null || now - found.LastUsedAt > TimeSpan.FromMinutes(1))
            await db.ApiTokens.Where(t => t.Id == found.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        return new TokenUser(found.TokenId, found.UserId, found.Email!, found.Roles);
    }

    /// <summary>
    /// A signed-in user without a role may see nothing and do nothing: such an account only
    /// confuses. Keeping someone out is what disabling (or not adding) them is for.
    /// </summary>
    private static List<string> AtLeastOneRole(string email, List<string> roles) => roles.Count > 0 ? roles
        : throw new AccountException(new("Account.NeedsRole", email, AccountRoles.All.SkipLast(1).ToList<object>(), AccountRoles.All[^1]));

    /// <summary>
    /// The organisation a user with these roles belongs to: with the role Client, the one named (it
    /// must exist), and Client alone, since a client's person sees only its own brands while every
    /// other role sees them all; without it, none.
    /// </summary>
    private static async Task<(int Id, string Name)?> OrganisationForAsync(CxPlusDbContext db, string email, List<string> roles, string? client, CancellationToken ct)
    {
        if (!roles.Contains(AccountRoles.Client))
            return string.IsNullOrWhiteSpace(client) ? null : throw new AccountException(new("Account.ClientOnlyForClients", email));
        if (roles.Count > 1) throw new AccountException(new("Account.ClientAlone", email));
        if (string.IsNullOrWhiteSpace(client)) throw new AccountException(new("Account.ClientNeedsOrganisation", email));
        // The organisations' own lookup, on this context's connection; its refusal is the account's.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await Clients.Organisations.FindAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), client, ct);
        }
        catch (Clients.ClientException e)
        {
            throw new AccountException(e.Sentence);
        }
    }

    private static async Task<string?> OrganisationNameAsync(AsyncServiceScope scope, User user, CancellationToken ct) =>
        user.OrganisationId is { } id
            ? await scope.ServiceProvider.GetRequiredService<CxPlusDbContext>().Organisations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(ct)
            : null;

    private static List<string> CanonicalRoles(IEnumerable<string> roles)
    {
        var list = new List<string>();
        foreach (var role in roles)
        {
            var canonical = AccountRoles.Find(role)
                ?? throw new AccountException(new("Account.NoRole", role, AccountRoles.All.ToList<object>()));
            if (!list.Contains(canonical)) list.Add(canonical);
        }
        return list;
    }

    private static async Task<(UserManager<User>, User)> FindOrThrowAsync(AsyncServiceScope scope, string email)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email.Trim()) ?? throw new AccountException(new("Account.NoUser", email.Trim()));
        return (users, user);
    }

    private static Task BumpAccountsAsync(CxPlusDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(StoreGeneration.BumpAccountsSql, ct);

    /// <summary>After a commit that ended someone's access: this process forgets its tokens at once.</summary>
    private async Task AccountsChangedAsync()
    {
        _tokens.Clear();
        if (changes is not null) await changes.RefreshAsync(CancellationToken.None);
    }

    private static Task LockAdministratorsAsync(CxPlusDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdministratorsLock})", ct);

    /// <summary>User changes in the audit trail; <paramref name="by"/> is the administrator, or the CLI's operating-system user.</summary>
    private Task AuditAsync(string? by, string action, string email, string outcome) =>
        audit.RecordAsync(by ?? $"cli:{Environment.UserName}", action, email, outcome, ct: CancellationToken.None);

    /// <summary>Refuses (<paramref name="refusal"/>: Account.LastAdminRole or Account.LastAdminDisable) to leave no enabled administrator.</summary>
    private static async Task RefuseLastAdminAsync(UserManager<User> users, User user, string refusal)
    {
        var admins = await users.GetUsersInRoleAsync(AccountRoles.Admin);
        if (!admins.Any(a => a.Id != user.Id && a.DisabledAt is null))
            throw new AccountException(new(refusal, user.Email));
    }

    private static void Check(IdentityResult result, Sentence what)
    {
        if (!result.Succeeded) throw new AccountException(new("Account.Because", what, result.Errors.Select(Why).DistinctBy(w => w.ToString()).ToList<object>()));
    }

    /// <summary>Identity's reasons that a person can meet here, as sentences; any other in Identity's own (English) words.</summary>
    private static Sentence Why(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => new("Account.PasswordTooShort", MinimumPasswordLength),
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => new("Account.PasswordUniqueChars", MinimumUniqueChars),
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => new("Account.Taken"),
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => new("Account.InvalidEmail"),
        _ => new("Account.Other", error.Description),
    };

    private static UserSummary Summary(User u, IReadOnlyList<string> roles,
        IReadOnlyDictionary<string, (int Addresses, DateTimeOffset Until)>? locked = null, string? client = null)
    {
        var email = u.Email ?? u.UserName ?? "";
        var lockedHere = locked is not null && locked.TryGetValue(SignInLocks.AccountKey(email), out var l) ? l : default;
        return new(email, roles, u.CreatedAt, u.LastSignInAt, u.DisabledAt, lockedHere.Addresses > 0 ? lockedHere.Until : null, lockedHere.Addresses, client);
    }

    private static ApiTokenSummary TokenSummary(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt);

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
