using System.CommandLine;
using System.Globalization;
using System.Text;
using CxPlus.Data.Accounts;

namespace CxPlus.Cli;

/// <summary>
/// <c>cxplus users …</c>: accounts for servers without a browser, through the same
/// <see cref="UserAccounts"/> as the admin page, so the same rules apply.
/// </summary>
internal static class Users
{
    public const string PasswordVariable = "CXPLUS_PASSWORD";
    public const string AdminPasswordVariable = "CXPLUS_ADMIN_PASSWORD";

    public static Command Create(CliHost cli, Func<Func<Task<int>>, Task<int>> run)
    {
        var users = new Command("users", "Manage who may sign in, and their roles (Viewer, Consultant, DataManager, Admin; Client for a member's people).");

        // Each command: the store's account service, failures as one sentence.
        Task<int> WithAccounts(Func<UserAccounts, Task<int>> action) => run(() => action(cli.Get<UserAccounts>()));

        var email = new Argument<string>("email") { Description = "The user's e-mail address (their sign-in name)." };
        var roles = new Option<string[]>("--role") { Description = "A role: Viewer, Consultant, DataManager or Admin (repeat for several), or Client alone with --client.", Required = true, AllowMultipleArgumentsPerToken = true };
        var client = new Option<string>("--client") { Description = "With --role Client: the organisation the user belongs to (see: cxplus clients list)." };
        var add = new Command("add", $"Create a user. The password (12 characters or more) is read from {PasswordVariable} or from standard input.") { email, roles, client };
        add.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            var password = ReadPassword();
            if (password is null) return Fail($"No password: set {PasswordVariable} or pipe it to standard input.");
            var user = await accounts.CreateAsync(parse.GetValue(email)!, password, parse.GetValue(roles)!, ct, client: parse.GetValue(client));
            Console.WriteLine($"Created {user.Email} ({string.Join(", ", user.Roles)}{(user.Client is { } c ? $" of {c}" : "")}).");
            return ExitCodes.Ok;
        }));
        users.Subcommands.Add(add);

        var list = new Command("list", "List the users with their roles, last sign-in and state.");
        list.SetAction((_, ct) => WithAccounts(async accounts =>
        {
            var all = await accounts.ListAsync(ct);
            if (all.Count == 0) Console.WriteLine("No users yet: cxplus users ensure-admin creates the first administrator.");
            foreach (var u in all)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{u.Email,-32} {string.Join(",", u.Roles) + (u.Client is { } c ? $" ({c})" : ""),-28} last sign-in {(u.LastSignInAt is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "never")}{(u.DisabledAt is not null ? "  DISABLED" : "")}{(u.LockedOutUntil is { } l ? $"  locked from {u.LockedAddresses} address{(u.LockedAddresses == 1 ? "" : "es")} until {l:HH:mm} UTC" : "")}"));
            return ExitCodes.Ok;
        }));
        users.Subcommands.Add(list);

        var disable = new Command("disable", "Disable a user: no sign-in; open sessions end within a minute; API tokens stop at once.") { email };
        disable.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            await accounts.DisableAsync(parse.GetValue(email)!, ct);
            Console.WriteLine($"Disabled {parse.GetValue(email)}.");
            return ExitCodes.Ok;
        }));
        users.Subcommands.Add(disable);

        var unlock = new Command("unlock", "Lift the sign-in locks that wrong passwords put on a user, from every address.") { email };
        unlock.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            await accounts.UnlockAsync(parse.GetValue(email)!, ct);
            Console.WriteLine($"Unlocked {parse.GetValue(email)}.");
            return ExitCodes.Ok;
        }));
        users.Subcommands.Add(unlock);

        var enable = new Command("enable", "Enable a disabled (or locked-out) user again.") { email };
        enable.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            await accounts.EnableAsync(parse.GetValue(email)!, ct);
            Console.WriteLine($"Enabled {parse.GetValue(email)}.");
            return ExitCodes.Ok;
        }));
        users.Subcommands.Add(enable);

        var setPassword = new Command("password", $"Set a user's password (e.g. a forgotten one) from {PasswordVariable} or standard input; unlocks the account.") { email };
        setPassword.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            var password = ReadPassword();
            if (password is null) return Fail($"No password: set {PasswordVariable} or pipe it to standard input.");
            await accounts.SetPasswordAsync(parse.GetValue(email)!, password, ct);
            Console.WriteLine($"Set a new password for {parse.GetValue(email)}.");
            return ExitCodes.Ok;
        }));
        users.Subcommands.Add(setPassword);

        var setRoles = new Command("roles", "Give a user exactly these roles (with Client, the organisation: --client).") { email, roles, client };
        setRoles.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            var user = await accounts.SetRolesAsync(parse.GetValue(email)!, parse.GetValue(roles)!, ct, client: parse.GetValue(client));
            Console.WriteLine($"{user.Email} now has: {string.Join(", ", user.Roles)}{(user.Client is { } c ? $" of {c}" : "")}.");
            return ExitCodes.Ok;
        }));
        users.Subcommands.Add(setRoles);

        var tokenName = new Option<string>("--name") { Description = "What the token is for, e.g. the tool that uses it.", Required = true };
        var token = new Command("token", "Create an API token for a user (sent as 'Authorization: Bearer TOKEN'). It is printed once.") { email, tokenName };
        token.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            var (summary, secret) = await accounts.CreateTokenAsync(parse.GetValue(email)!, parse.GetValue(tokenName)!, ct);
            Console.Error.WriteLine($"Token {summary.Id} \"{summary.Name}\" for {parse.GetValue(email)}; it is shown only now:");
            Console.WriteLine(secret);
            return ExitCodes.Ok;
        }));
        users.Subcommands.Add(token);

        var tokenId = new Argument<long>("token-id") { Description = "The token to revoke (see: cxplus users list-tokens EMAIL)." };
        var revoke = new Command("revoke-token", "Revoke one of a user's API tokens.") { email, tokenId };
        revoke.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            await accounts.RevokeTokenAsync(parse.GetValue(email)!, parse.GetValue(tokenId), ct);
            Console.WriteLine($"Revoked token {parse.GetValue(tokenId)}.");
            return ExitCodes.Ok;
        }));
        users.Subcommands.Add(revoke);

        var listTokens = new Command("list-tokens", "List a user's API tokens (never the tokens themselves).") { email };
        listTokens.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            var tokens = await accounts.ListTokensAsync(parse.GetValue(email)!, ct);
            if (tokens.Count == 0) Console.WriteLine("No tokens.");
            foreach (var t in tokens)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{t.Id,5}  {t.Prefix}…  {t.Name,-24} created {t.CreatedAt:yyyy-MM-dd}  last used {(t.LastUsedAt is { } u ? u.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never")}{(t.RevokedAt is not null ? "  REVOKED" : "")}"));
            return ExitCodes.Ok;
        }));
        users.Subcommands.Add(listTokens);

        var adminEmail = new Option<string>("--email") { Description = "The administrator's e-mail address.", DefaultValueFactory = _ => "admin@cxplus.local" };
        var ensureAdmin = new Command("ensure-admin",
            $"First run: when there is no enabled administrator, create one with the password in {AdminPasswordVariable}, or a generated one printed once.") { adminEmail };
        ensureAdmin.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            var given = Environment.GetEnvironmentVariable(AdminPasswordVariable);
            var password = await accounts.EnsureAdminAsync(parse.GetValue(adminEmail)!, given, ct);
            if (password is null) Console.WriteLine("An administrator exists already; nothing was changed.");
            else if (!string.IsNullOrEmpty(given)) Console.WriteLine($"Created administrator {parse.GetValue(adminEmail)} with the password in {AdminPasswordVariable}.");
            else
            {
                Console.WriteLine($"Created administrator {parse.GetValue(adminEmail)}. Password, shown only now: {password}");
                Console.WriteLine("Sign in, then create accounts for your team under Users (or with cxplus users add).");
            }
            return ExitCodes.Ok;
        }));
        users.Subcommands.Add(ensureAdmin);
        return users;
    }

    /// <summary>From the environment, a pipe (one line), or the terminal without echo.</summary>
    private static string? ReadPassword()
    {
        if (Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment) return fromEnvironment;
        if (Console.IsInputRedirected) return Console.In.ReadLine() is { Length: > 0 } line ? line : null;
        Console.Error.Write("Password (12 characters or more): ");
        var typed = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return typed.Length > 0 ? typed.ToString() : null;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.BadInput;
    }
}
