using CxPlus.Data.League;
using CxPlus.Reports.Localization;
using CxPlus.Web.Features.Errors;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CxPlus.Web.Components;

/// <summary>
/// A page that loads from the store whenever its route parameters change: a loading flag for the
/// skeleton of an interactive page (a page rendered per request is sent once loaded), an unknown
/// sector, wave or brand as a sentence, the load cancelled when the page goes away (a closed tab
/// or an abandoned request must not keep queries running), and who is signed in. An address
/// that names a renamed or merged sector or brand is sent on to its current names
/// (<see cref="FormerLinks"/>); any other unknown name is answered with 404 and the sentence.
/// </summary>
public abstract class DataPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>True until the first load has finished.</summary>
    protected bool Loading { get; private set; } = true;

    /// <summary>Why there is nothing to show (the store's own sentence); null when the load succeeded.</summary>
    protected string? NotFound { get; private set; }

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private LeagueQueries Store { get; set; } = null!;
    [Inject] private NavigationManager Address { get; set; } = null!;

    /// <summary>The request, when the page is rendered for one (static rendering); null in a circuit.</summary>
    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    /// <summary>The signed-in user's name (their e-mail): whose tokens, who imported, who changed a user.</summary>
    protected async Task<string> UserNameAsync() =>
        AuthenticationState is null ? "" : (await AuthenticationState).User.Identity?.Name ?? "";

    /// <summary>The signed-in user (a client's scope is read from it); null when the page is not rendered for one.</summary>
    protected async Task<System.Security.Claims.ClaimsPrincipal?> SignedInUserAsync() =>
        AuthenticationState is null ? null : (await AuthenticationState).User;

    /// <summary>Loads the page's data.</summary>
    protected abstract Task LoadAsync(CancellationToken ct);

    protected sealed override async Task OnParametersSetAsync()
    {
        NotFound = null;
        // In a circuit the page going away cancels; for a request, so does the browser leaving.
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token, HttpContext?.RequestAborted ?? CancellationToken.None);
        try
        {
            await LoadAsync(stopped.Token);
        }
        catch (NotFoundException e)
        {
            if (await FormerLinks.CurrentAsync(Store, "/" + Address.ToBaseRelativePath(Address.Uri), stopped.Token) is { } moved)
            {
                Address.NavigateTo(moved); // a redirect when rendered for a request
                return;
            }
            NotFound = Texts.Sentence(e.Sentence);
            if (HttpContext is { Response.HasStarted: false } http)
            {
                // Blazor sends a page's 404 without a body and the "not found" page is rendered in its
                // place (re-executed): it shows this sentence, which says what is missing and what there is.
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                http.Items[NotFoundPage.ReasonKey] = NotFound;
            }
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
        }
        finally
        {
            Loading = false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
