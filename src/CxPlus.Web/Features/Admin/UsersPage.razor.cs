using System.Globalization;
using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using CxPlus.Reports.Localization;
using Microsoft.AspNetCore.Components;

namespace CxPlus.Web.Features.Admin;

/// <summary>The code of the users page: accounts, roles, passwords and locks; its markup is UsersPage.razor.</summary>
public partial class UsersPage
{
    private IReadOnlyList<UserSummary> _users = [];
    private IReadOnlyList<OrganisationSummary> _organisations = [];
    private Dictionary<string, HashSet<string>> _roles = [];
    /// <summary>The organisation chosen for each client user (saved with the roles).</summary>
    private Dictionary<string, string?> _clients = [];
    private string _email = "", _password = "";
    private string? _newClient;
    private readonly HashSet<string> _newRoles = [AccountRoles.Viewer];
    private string? _error, _done;
    private bool _busy;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var saved = _users.ToDictionary(u => u.Email, u => u.Roles);
        _users = await Accounts.ListAsync(ct);
        _organisations = await Organisations.ListAsync(ct);
        // Boxes ticked but not saved yet stay ticked when the list reloads after another change: the list
        // reloads after every action, and a box ticked meanwhile went to a set the reload threw away.
        _roles = _users.ToDictionary(u => u.Email, u =>
            _roles.TryGetValue(u.Email, out var editing) && saved.TryGetValue(u.Email, out var before) && before.SequenceEqual(u.Roles)
                ? editing
                : u.Roles.ToHashSet());
        _clients = _users.ToDictionary(u => u.Email, u => u.Client);
    }

    /// <summary>After a change in the organisations panel: its message, and the lists again (a removed organisation leaves the choices).</summary>
    private async Task ReloadAsync((string? Error, string? Done) outcome)
    {
        (_error, _done) = outcome;
        await LoadAsync(CancellationToken.None);
    }

    private static void Toggle(HashSet<string> roles, string role, ChangeEventArgs e)
    {
        if (e.Value is true) roles.Add(role); else roles.Remove(role);
    }

    private Task CreateAsync() => RunAsync(async () =>
    {
        await Accounts.CreateAsync(_email, _password, _newRoles, by: await UserNameAsync(), client: _newRoles.Contains(AccountRoles.Client) ? _newClient : null);
        // Ready for the next user: nothing of this one's stays in the form, its roles included.
        (_email, _password, _newClient) = ("", "", null);
        _newRoles.Clear();
        _newRoles.Add(AccountRoles.Viewer);
    }, _email, Texts.Format("Users.Added", _email.Trim()));

    private Task SaveRolesAsync(UserSummary user) =>
        RunAsync(async () => await Accounts.SetRolesAsync(user.Email, _roles[user.Email], by: await UserNameAsync(),
            client: _roles[user.Email].Contains(AccountRoles.Client) ? _clients.GetValueOrDefault(user.Email) : null), user.Email, Texts.Format("Users.NowHas", user.Email, string.Join(", ", _roles[user.Email].Select(r => Texts.Get($"Role.{r}")))));

    private Task DisableAsync(UserSummary user) => RunAsync(async () => await Accounts.DisableAsync(user.Email, by: await UserNameAsync()), user.Email, Texts.Format("Users.Disabled", user.Email));

    private Task UnlockAsync(UserSummary user) => RunAsync(async () => await Accounts.UnlockAsync(user.Email, by: await UserNameAsync()), user.Email, Texts.Format("Users.Unlocked", user.Email));

    // The new password is shown once, here, for the administrator to pass on; it is not kept anywhere else.
    // RunAsync logs its done-message, so the message with the password is set after it, never passed to it.
    private async Task ResetPasswordAsync(UserSummary user)
    {
        string? password = null;
        await RunAsync(async () => password = await Accounts.ResetPasswordAsync(user.Email, by: await UserNameAsync()), user.Email, "");
        if (password is not null)
            _done = Texts.Format("Users.NewPassword", user.Email, password);
    }

    private static string State(UserSummary user) =>
        user.DisabledAt is not null ? Texts.Get("Users.StateDisabled")
        : user.LockedOutUntil is { } l ? Texts.Format("Users.StateLocked", Texts.Format(user.LockedAddresses == 1 ? "Users.Address" : "Users.Addresses", user.LockedAddresses), l.ToString("HH:mm", CultureInfo.InvariantCulture))
        : Texts.Get("Users.StateActive");

    private Task EnableAsync(UserSummary user) => RunAsync(async () => await Accounts.EnableAsync(user.Email, by: await UserNameAsync()), user.Email, Texts.Format("Users.Enabled", user.Email));

    private async Task RunAsync(Func<Task> action, string subject, string done)
    {
        (_busy, _error, _done) = (true, null, null);
        var admin = await UserNameAsync();
        string? error = null, succeeded = null;
        try
        {
            try
            {
                await action();
                succeeded = done;
                Log.LogInformation("User administration by {Admin} on {User}: {Outcome}", admin, subject, done);
            }
            catch (AccountException e)
            {
                error = Texts.Sentence(e.Sentence);
                Log.LogInformation("User administration by {Admin} on {User}: refused", admin, subject);
            }
            // The list first, then the message: a render in between (another change's notice) must
            // never show "Disabled …" beside a row that still says "active".
            await LoadAsync(CancellationToken.None);
            (_error, _done) = (error, succeeded);
        }
        finally
        {
            _busy = false;
        }
    }
}
