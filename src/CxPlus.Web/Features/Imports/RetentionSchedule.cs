using CxPlus.Data;
using CxPlus.Data.Importing;
using Npgsql;

namespace CxPlus.Web.Features.Imports;

/// <summary>The installation's retention period (<c>Respondents:RetentionMonths</c>), null when none is set; read and checked at start-up.</summary>
public sealed record RetentionPolicy(int? Months);

/// <summary>
/// Applies the retention period once at start and then daily: the waves last imported into longer ago
/// lose their respondent rows (<see cref="RespondentRetention"/>). Several instances may run it; the
/// import lock serialises them and the second finds nothing due. A failure (the store not reachable
/// yet) is logged and tried again ten minutes later.
/// </summary>
public sealed class RetentionSchedule(RespondentRetention retention, RetentionPolicy policy, TimeProvider clock, ILogger<RetentionSchedule> log) : BackgroundService
{
    /// <summary>The actor the audit trail names for what the schedule removes.</summary>
    public const string Actor = "retention (Respondents:RetentionMonths)";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (policy.Months is not { } months) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = TimeSpan.FromDays(1);
            try
            {
                foreach (var wave in await retention.RetainAsync(months, Actor, stoppingToken))
                    log.LogInformation("Retention removed {Rows} respondent rows of wave {Wave} (last imported {LastImport:yyyy-MM-dd})", wave.Rows, wave.Wave, wave.LastImportedAt);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or StoreUnavailableException)
            {
                log.LogWarning("Retention did not run ({Error}); trying again in ten minutes.", e.Message);
                next = TimeSpan.FromMinutes(10);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try { await Task.Delay(next, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
