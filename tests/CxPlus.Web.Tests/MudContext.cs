using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CxPlus.Web.Tests;

/// <summary>
/// bUnit with MudBlazor's set-up: loose JS interop, MudBlazor services, async disposal, and a
/// signed-in consultant (browse and export) unless a test signs in someone else.
/// </summary>
public abstract class MudContext : BunitContext, IAsyncLifetime
{
    protected MudContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(); // the pages' texts (in the test thread's culture: invariant, so English)
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("consultant@example.com");
        Authorization.SetRoles("Consultant");
        Authorization.SetPolicies("Browse", "Export");
    }

    protected BunitAuthorizationContext Authorization { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
