using CxPlus.Data;
using CxPlus.Data.Releases;
using Quartz;

namespace CxPlus.Web.Features.Releases;

/// <summary>When the weekly digest goes out (<c>Digest__Cron</c>, <c>Digest__TimeZone</c>): Quartz's cron, in a time zone of the readers.</summary>
public sealed class DigestSettings
{
    /// <summary>Quartz's cron form (seconds first): by default Mondays at 07:00.</summary>
    public string Cron { get; set; } = "0 0 7 ? * MON";
    public string TimeZone { get; set; } = "Europe/Amsterdam";
}

/// <summary>
/// The weekly digest (issue 30): on its schedule, one message per person who chose it, listing the
/// waves released in the week since the schedule last fired. Quartz.NET runs the schedule from its
/// job store in PostgreSQL, clustered: every instance runs a scheduler, and each firing is taken by
/// one of them (the store's row locks), so one instance queues the week's digests; the outbox's unique
/// index keeps one digest per person and week even if a firing were ever repeated.
/// </summary>
public sealed class WeeklyDigestJob(Deliveries deliveries, AuditLog audit, Npgsql.NpgsqlDataSource dataSource) : IJob
{
    public static readonly JobKey Key = new("weekly-digest", "cxplus");

    // The week ends at this firing's scheduled time (the same on whichever instance takes it) and, for
    // each reader, starts where their last digest ended (Deliveries.EnqueueDigestsAsync).
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await RunAsync(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, $"scheduler {context.Scheduler.SchedulerInstanceId}", cancellationToken);

    /// <summary>
    /// Queues the week's digests and records which instance did, once per week: a firing repeated for a
    /// week already taken (Quartz can hand one to a second instance when a busy one checks in late) waits
    /// for the first under a lock on the week, finds it recorded, and does nothing. Returns whether it ran.
    /// </summary>
    public async Task<bool> RunAsync(DateTimeOffset to, string by, CancellationToken ct)
    {
        var week = $"week to {to.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var sql in new[] { "SELECT pg_advisory_xact_lock(hashtext('cxplus digest ' || $1))", // held until this transaction ends
                                    "SELECT EXISTS (SELECT 1 FROM audit_events WHERE action = 'digest' AND target = $1)" })
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            command.Parameters.Add(new() { Value = week });
            if (await command.ExecuteScalarAsync(ct) is true) return false; // the week is taken already
        }
        var queued = await deliveries.EnqueueDigestsAsync(to, ct); // its own statement: one message per reader and week in any case
        // Which instance took the firing, in the audit trail (and the log) beside the deliveries it led to.
        await audit.RecordAsync(by, "digest", week, $"{queued} queued", connection, ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}

public static class DigestSetup
{
    /// <summary>
    /// Quartz with its PostgreSQL job store (the tables the migration made), clustered, and the weekly
    /// digest's job and trigger; the settings are checked when the app starts.
    /// </summary>
    public static IServiceCollection AddWeeklyDigest(this IServiceCollection services, IConfiguration configuration)
    {
        var digest = configuration.GetSection("Digest").Get<DigestSettings>() ?? new DigestSettings();
        try
        {
            _ = new CronExpression(digest.Cron);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Digest:Cron \"{digest.Cron}\" is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 7 ? * MON\"): {e.Message}", e);
        }
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(digest.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"Digest:TimeZone \"{digest.TimeZone}\" is not a time zone this machine knows (e.g. \"Europe/Amsterdam\").", e);
        }
        var connectionString = SettingsConfiguration.ConnectionString(configuration);
        services.AddQuartz(q => Configure(q, connectionString, digest.Cron, zone));
        services.AddHostedService<DigestScheduler>();
        return services;
    }

    /// <summary>
    /// The scheduler every instance runs: clustered over the store's job tables, under one name per
    /// store (its database), so every instance of one store is one cluster, and apps of different stores
    /// in one process (tests) keep their own scheduler (Quartz keeps one scheduler per name and process).
    /// </summary>
    public static void Configure(IQuartzBuilder q, string connectionString, string cron, TimeZoneInfo zone)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        q.ConfigureScheduler(s => s.InstanceName = $"cxplus {builder.Host}:{builder.Port}/{builder.Database}");
        q.UsePersistentStore(store =>
        {
            store.UsePostgres(connectionString);
            store.UseClustering(_ => { }); // each instance gets a generated id of its own
        });
        q.AddJob<WeeklyDigestJob>(job => job.WithIdentity(WeeklyDigestJob.Key).StoreDurably(true).DisallowConcurrentExecution(true));
        // A firing missed while no instance ran is made up once at the next start (the cron default).
        q.AddTrigger<WeeklyDigestJob>(trigger => trigger.ForJob(WeeklyDigestJob.Key).WithIdentity("weekly-digest", "cxplus")
            .WithCronSchedule(cron, c => c.InTimeZone(zone)));
    }
}

/// <summary>
/// Starts this instance's scheduler once the store can be reached, and stops it (letting a running
/// digest finish) with the app. Quartz's own hosted service would stop the app from starting while
/// PostgreSQL is down; the app starts anyway (its readiness says the store is unreachable), and the
/// schedule joins the cluster as soon as the store answers.
/// </summary>
public sealed class DigestScheduler(ISchedulerFactory factory, ILogger<DigestScheduler> log) : BackgroundService
{
    private IScheduler? _scheduler;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var scheduler = await factory.GetScheduler(stoppingToken);
                await scheduler.Start(stoppingToken);
                _scheduler = scheduler;
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("The weekly digest's schedule could not start yet ({Reason}); trying again in 30 seconds.", e.GetBaseException().Message);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_scheduler is { } scheduler) await scheduler.Shutdown(true, cancellationToken);
    }
}
