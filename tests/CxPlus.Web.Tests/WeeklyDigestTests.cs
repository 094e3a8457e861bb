using System.Diagnostics;
using CxPlus.Data;
using CxPlus.Data.Accounts;
using CxPlus.Data.Importing;
using CxPlus.Data.Releases;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using CxPlus.Web.Features.Releases;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CxPlus.Web.Tests;

/// <summary>
/// Issue 30's weekly digest runs on Quartz.NET's PostgreSQL job store, clustered: with two instances of
/// the app running against one store — this test process and the built app in a process of its own,
/// both on a schedule of every two seconds — each firing is taken by one of them: every week (here,
/// every two seconds) is queued once, and a release reaches its weekly reader in one digest.
/// </summary>
public sealed class WeeklyDigestTests : IAsyncLifetime
{
    private const string EveryTwoSeconds = "0/2 * * * * ?";
    private readonly PostgresDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        (await new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(Samples.Path("worked-example.csv"), new ImportOptions("worked-example.csv", "test"))).Succeeded.Should().BeTrue();
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = _db.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The app as built, as a second instance: its own process, the same store and schedule.</summary>
    private Process StartSecondInstance(System.Collections.Concurrent.ConcurrentQueue<string> log)
    {
        var testBin = AppContext.BaseDirectory; // …/tests/CxPlus.Web.Tests/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(testBin).Parent!.Name;
        var root = new DirectoryInfo(testBin);
        while (!File.Exists(Path.Combine(root.FullName, "CxPlus.sln"))) root = root.Parent!;
        var web = Path.Combine(root.FullName, "src", "CxPlus.Web", "bin", configuration, "net10.0", "CxPlus.Web.dll");
        File.Exists(web).Should().BeTrue($"the app is built ({web})");
        var start = new ProcessStartInfo("dotnet", [web]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(web)! };
        start.Environment["ConnectionStrings__CxPlus"] = _db.ConnectionString;
        start.Environment["Digest__Cron"] = EveryTwoSeconds;
        start.Environment["Digest__TimeZone"] = "UTC";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Uploads__Folder"] = TestApp.UploadsFolder;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [Fact]
    public async Task A_firing_repeated_for_a_week_already_queued_queues_and_records_nothing_more()
    {
        // Seen on CI: one week's digest recorded twice (an instance of the cluster taking a firing another had
        // taken, as Quartz can when a busy instance's check-in is late). The outbox kept one message per reader and
        // week; the week itself is now taken once, whichever instance comes second.
        await using var store = _db.StoreServices();
        await store.GetRequiredService<UserAccounts>().CreateAsync("bo@agency.example.com", "a long enough password", [AccountRoles.Viewer]);
        await using (var user = _db.DataSource.CreateCommand("SELECT id FROM users WHERE email = 'bo@agency.example.com'"))
        await using (var sector = _db.DataSource.CreateCommand("SELECT id FROM sectors"))
            await store.GetRequiredService<Deliveries>().SaveAsync((string)(await user.ExecuteScalarAsync())!,
                new Subscription { Language = "en", SectorIds = [(int)(await sector.ExecuteScalarAsync())!], Weekly = true });
        await store.GetRequiredService<WaveReleases>().ReleaseAsync("2026-Q3", null, "dm@example.com");
        var job = new WeeklyDigestJob(store.GetRequiredService<Deliveries>(), store.GetRequiredService<AuditLog>(), _db.DataSource);
        var week = DateTimeOffset.UtcNow.AddMinutes(1);

        (await job.RunAsync(week, "scheduler one", CancellationToken.None)).Should().BeTrue();
        (await job.RunAsync(week, "scheduler two", CancellationToken.None)).Should().BeFalse("the week is queued already");

        (await ScalarAsync("SELECT count(*) FROM audit_events WHERE action = 'digest'")).Should().Be(1);
        (await ScalarAsync("SELECT count(*) FROM outbox WHERE digest_from IS NOT NULL")).Should().Be(1);
    }

    [Fact]
    public async Task Two_instances_queue_each_weeks_digest_once_and_a_release_reaches_its_weekly_reader_in_one_digest()
    {
        await using var store = _db.StoreServices();
        var accounts = store.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("ann@agency.example.com", "a long enough password", [AccountRoles.Viewer]);
        await using (var user = _db.DataSource.CreateCommand("SELECT id FROM users WHERE email = 'ann@agency.example.com'"))
        await using (var sector = _db.DataSource.CreateCommand("SELECT id FROM sectors"))
            await store.GetRequiredService<Deliveries>().SaveAsync((string)(await user.ExecuteScalarAsync())!,
                new Subscription { Language = "en", SectorIds = [(int)(await sector.ExecuteScalarAsync())!], Weekly = true });
        await store.GetRequiredService<WaveReleases>().ReleaseAsync("2026-Q3", null, "dm@example.com");

        // This process's instance: the app's own schedule set-up, with the store's services.
        var services = new ServiceCollection().AddLogging();
        services.AddCxPlusStore(_db.ConnectionString, ScoringSettings.Default);
        services.AddQuartz(q => DigestSetup.Configure(q, _db.ConnectionString, EveryTwoSeconds, TimeZoneInfo.Utc));
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var second = StartSecondInstance(log);
        long joined = 0;
        try
        {
            await scheduler.Start();
            var waited = Stopwatch.StartNew();
            while ((await ScalarAsync("SELECT count(*) FROM audit_events WHERE action = 'digest'") < 6 || joined < 2) && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                joined = Math.Max(joined, await ScalarAsync("SELECT count(*) FROM qrtz_scheduler_state"));
                await Task.Delay(250);
            }
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        joined.Should().Be(2, "both instances joined one cluster; the second said:\n" + string.Join("\n", log.TakeLast(30)));
        (await ScalarAsync("SELECT count(*) FROM audit_events WHERE action = 'digest'")).Should().BeGreaterThanOrEqualTo(6);
        (await ScalarAsync("SELECT count(*) - count(DISTINCT target) FROM audit_events WHERE action = 'digest'")).Should().Be(0, "each week is queued by one instance, once");
        (await ScalarAsync("SELECT count(*) FROM outbox WHERE digest_from IS NOT NULL")).Should().Be(1, "the release is in one week's digest");
        (await ScalarAsync("SELECT count(*) FROM outbox WHERE digest_from IS NULL")).Should().Be(0, "a weekly reader gets no message at the release");
    }
}
