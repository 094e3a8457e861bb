using MudBlazor.Services;

namespace CxPlus.Web.Tests;

/// <summary>bUnit with MudBlazor's set-up: loose JS interop, MudBlazor services, async disposal.</summary>
public abstract class MudContext : BunitContext, IAsyncLifetime
{
    protected MudContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
