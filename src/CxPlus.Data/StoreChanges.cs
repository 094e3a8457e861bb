using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CxPlus.Data;

/// <summary>
/// What this process knows of the store's two generations (<see cref="StoreGeneration"/>): the data
/// generation that every change able to alter a number bumps, and the accounts generation that
/// every change able to end someone's access bumps. Caches key their entries by them.
/// <para>
/// <see cref="RunAsync"/> keeps them current: it LISTENs on <see cref="StoreGeneration.Channel"/>
/// (the bump notifies in its own transaction, so every instance hears of a commit within
/// milliseconds) and re-reads the row at least once a second in case a notification was lost.
/// While the generations are unknown (not started yet, the listening connection broken) they are
/// null and nothing may be served from a cache. A change made in this process calls
/// <see cref="RefreshAsync"/> after its commit, so this instance never waits for its own news.
/// </para>
/// </summary>
public sealed class StoreChanges(NpgsqlDataSource dataSource, ILogger<StoreChanges>? log = null)
{
    private readonly ILogger _log = log ?? NullLogger<StoreChanges>.Instance;
    private volatile Generations? _known;

    /// <summary>Both generations as last read, or null while unknown (then cache nothing).</summary>
    public Generations? Known => _known;

    /// <summary>The data generation, or null while unknown.</summary>
    public long? Data => _known?.Data;

    /// <summary>The accounts generation, or null while unknown.</summary>
    public long? Accounts => _known?.Accounts;

    /// <summary>Both counters of the one <c>store_state</c> row.</summary>
    public sealed record Generations(long Data, long Accounts);

    /// <summary>Re-reads both generations now (after a change committed in this process).</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            _known = await ReadAsync(connection, ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            _known = null; // cannot tell what changed: serve nothing from a cache until we can
        }
    }

    /// <summary>Listens for changes until <paramref name="stop"/>; reconnects after a failure.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stop);
                await using (var listen = new NpgsqlCommand($"LISTEN {StoreGeneration.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stop);
                while (!stop.IsCancellationRequested)
                {
                    _known = await ReadAsync(connection, stop);
                    // A notification or a second, whichever comes first; then read again.
                    await connection.WaitAsync(TimeSpan.FromSeconds(1), stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                _known = null;
                _log.LogWarning("Lost the store's change notifications ({Reason}); caching is off until they are back.", e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stop); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private static async Task<Generations> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT generation, accounts_generation FROM store_state WHERE id = 1", connection);
        await using var r = await command.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new Generations(r.GetInt64(0), r.GetInt64(1));
    }
}
