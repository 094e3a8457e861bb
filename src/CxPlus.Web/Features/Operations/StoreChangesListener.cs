using CxPlus.Data;

namespace CxPlus.Web.Features.Operations;

/// <summary>
/// Keeps this instance's <see cref="StoreChanges"/> current for as long as the app runs, so the
/// league queries and token lookups can cache safely (caching is off until it has read once).
/// </summary>
public sealed class StoreChangesListener(StoreChanges changes) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => changes.RunAsync(stoppingToken);
}
