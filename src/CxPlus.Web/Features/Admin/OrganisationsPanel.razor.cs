using CxPlus.Data;
using CxPlus.Data.Clients;
using CxPlus.Data.League;
using CxPlus.Reports.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CxPlus.Web.Features.Admin;

/// <summary>The code of the organisations panel; each change is one call to <see cref="Data.Clients.Organisations"/>, which audits it.</summary>
public partial class OrganisationsPanel
{
    [Parameter, EditorRequired] public IReadOnlyList<OrganisationSummary> Organisations { get; set; } = [];
    /// <summary>The page is busy with a change of its own.</summary>
    [Parameter] public bool Busy { get; set; }
    /// <summary>Called after every change with its outcome (a refusal or what was done); the page reloads its lists.</summary>
    [Parameter] public EventCallback<(string? Error, string? Done)> OnChangedAsync { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private IReadOnlyList<BrandEntry> _brands = [];
    private readonly Dictionary<string, int> _chosen = new(StringComparer.Ordinal);
    private string _name = "";
    private bool _working;

    protected override async Task OnInitializedAsync() => _brands = await League.BrandDirectoryAsync();

    private Task AddAsync() => RunAsync(async by =>
    {
        var stored = await Store.AddAsync(_name, by);
        _name = "";
        return Texts.Format("Clients.Added", stored);
    });

    private Task GrantAsync(string organisation) => RunAsync(async by =>
    {
        var brand = _brands[_chosen[organisation]];
        var done = await Store.GrantAsync(organisation, brand.Sector, brand.Brand, by);
        _chosen.Remove(organisation);
        return Texts.Format(done.Changed ? "Clients.Granted" : "Clients.AlreadyHeld", done.Organisation, done.Brand.Brand, done.Brand.Sector);
    });

    private Task RevokeAsync(string organisation, HeldBrand held) => RunAsync(async by =>
    {
        var done = await Store.RevokeGrantAsync(organisation, held.Sector, held.Brand, by);
        return Texts.Format("Clients.Revoked", done.Organisation, done.Brand.Brand, done.Brand.Sector);
    });

    private Task RemoveAsync(string organisation) => RunAsync(async by =>
    {
        await Store.RemoveAsync(organisation, by);
        return Texts.Format("Clients.Removed", organisation);
    });

    private async Task RunAsync(Func<string, Task<string>> change)
    {
        _working = true;
        var by = AuthenticationState is null ? "" : (await AuthenticationState).User.Identity?.Name ?? "";
        (string? Error, string? Done) outcome;
        try
        {
            outcome = (null, await change(by));
        }
        catch (SentenceException e) when (e is ClientException or NotFoundException)
        {
            // A brand renamed or merged since the list was read, a name taken meanwhile: said in words.
            outcome = (Texts.Sentence(e.Sentence), null);
            Log.LogInformation("Organisation change by {Admin} refused", by);
        }
        finally
        {
            _working = false;
        }
        await OnChangedAsync.InvokeAsync(outcome);
    }
}
