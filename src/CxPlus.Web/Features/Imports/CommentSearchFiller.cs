using CxPlus.Data;
using CxPlus.Data.Comments;
using Npgsql;

namespace CxPlus.Web.Features.Imports;

/// <summary>
/// Makes each import's comments searchable just after its commit (<see cref="CommentSearch"/>): at
/// start (an import of before a restart), and whenever the store's generation moves (an import here,
/// on another instance or from the CLI). Instances take turns under the import lock, so each import
/// is filled once. Until it is, searches read those comments' text themselves and miss nothing.
/// </summary>
public sealed class CommentSearchFiller(NpgsqlDataSource dataSource, StoreChanges changes, ILogger<CommentSearchFiller> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? seen = -1;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (changes.Data != seen)
            {
                var now = changes.Data;
                try
                {
                    var filled = await CommentSearch.FillPendingAsync(dataSource, stoppingToken);
                    if (filled > 0) log.LogInformation("Made {Count} imported comments searchable.", filled);
                    seen = now; // unknown (null) while the notifications are lost: tried again each second until they are back
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    log.LogWarning("Imported comments could not be made searchable yet ({Reason}); trying again shortly.", e.Message);
                }
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
