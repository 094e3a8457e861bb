using System.Globalization;
using System.Security.Claims;
using CxPlus.Data;
using CxPlus.Data.Accounts;
using CxPlus.Web.Features.Accounts;

namespace CxPlus.Web.Features.Api;

/// <summary>
/// Ends a download that streams for a long time (a sector's responses, a bundle of 200 reports) when
/// the access it started with is taken away: the token revoked, the user disabled, the role removed.
/// Authorization is checked once per request, so without this a revoked token kept receiving rows
/// until the file was done. The watch looks at the accounts generation twice a second (every change
/// to access bumps it, on any instance) and asks the store only when it moved, or every
/// <see cref="Recheck"/> in case a notification was lost. When access is gone the connection is
/// aborted: the client sees a broken download, never a complete-looking file.
/// </summary>
public sealed class AccessWatch : IAsyncDisposable
{
    /// <summary>How often the store is asked even when no change was heard of.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop;
    private readonly Task _watching;

    private AccessWatch(HttpContext http, UserAccounts accounts, StoreChanges changes, AuditLog audit, IReadOnlyCollection<string> anyOfRoles)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        long? tokenId = long.TryParse(http.User.FindFirstValue(ApiTokenHandler.TokenIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        _watching = userId is null ? Task.CompletedTask : WatchAsync(http, accounts, changes, audit, userId, tokenId, anyOfRoles);
    }

    /// <summary>Cancelled when the client leaves or its access is taken away; the download's work uses it.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Starts watching the signed-in caller of <paramref name="http"/> for as long as the result lives.</summary>
    public static AccessWatch Start(HttpContext http, IReadOnlyCollection<string> anyOfRoles)
    {
        var services = http.RequestServices;
        return new AccessWatch(http, services.GetRequiredService<UserAccounts>(), services.GetRequiredService<StoreChanges>(),
            services.GetRequiredService<AuditLog>(), anyOfRoles);
    }

    private async Task WatchAsync(HttpContext http, UserAccounts accounts, StoreChanges changes, AuditLog audit,
        string userId, long? tokenId, IReadOnlyCollection<string> anyOfRoles)
    {
        var seen = changes.Accounts;
        var asked = DateTimeOffset.UtcNow;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await tick.WaitForNextTickAsync(_stop.Token))
            {
                var now = DateTimeOffset.UtcNow;
                if (seen is not null && changes.Accounts == seen && now - asked < Recheck) continue;
                (seen, asked) = (changes.Accounts, now);
                try
                {
                    if (await accounts.StillAllowedAsync(userId, tokenId, anyOfRoles, _stop.Token)) continue;
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
                {
                    continue; // a store hiccup ends no download; the next tick asks again
                }
                await audit.RecordAsync(http.User.Identity?.Name ?? "", "export", http.Request.Path.Value ?? "",
                    "ended while streaming: access was taken away", ct: CancellationToken.None);
                await _stop.CancelAsync();
                http.Abort();
                return;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // the download ended (or its client left): nothing more to watch
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
