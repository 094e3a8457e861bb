using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CxPlus.Data.Tests;

/// <summary>
/// A fresh, migrated PostgreSQL database for one test class, on the server named by
/// ConnectionStrings__CxPlus (scripts/test.sh starts a private cluster and sets it). Dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not initialised.");

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__CxPlus")
        ?? throw new InvalidOperationException("ConnectionStrings__CxPlus is not set: run the tests with scripts/test.sh, which starts a private PostgreSQL.");

    public async Task InitializeAsync()
    {
        var name = "cxplus_test_" + Guid.NewGuid().ToString("N")[..12];
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
        _dataSource = CxPlusStore.CreateDataSource(ConnectionString);
        await CxPlusStore.MigrateAsync(_dataSource);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is null) return;
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await _dataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync();
        // DROP DATABASE checkpoints, and FORCE waits only 5 s for the database's other sessions to end:
        // on 2 cores loaded by the parallel test run it has outlasted Npgsql's 30 s command timeout, and
        // a backend still busy with a query the test abandoned (a 5 MB line) has outlasted the 5 s
        // ("being accessed by other users", 55006). So: more time, a few tries, and since a scratch
        // database left in the private test cluster is harmless, the last failure only warns.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin) { CommandTimeout = 120 };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (NpgsqlException e) when (e is PostgresException { SqlState: PostgresErrorCodes.ObjectInUse } || e.InnerException is TimeoutException)
            {
                if (attempt == 3 || admin.State != System.Data.ConnectionState.Open)
                {
                    await Console.Error.WriteLineAsync($"warning: scratch database {name} left behind: {e.Message}");
                    return;
                }
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    /// <summary>The store's tables, parents after the tables that refer to them.</summary>
    private static readonly string[] StoreTables =
        ["responses", "comments", "role_rollups", "segment_rollups", "driver_groups", "frozen_drivers", "brand_former_names", "sector_former_names", "imports", "organisation_brands", "published_tables", "wave_releases", "outbox", "brands", "sectors", "waves"];

    /// <summary>The store's respondent pseudonyms: tests compare what the store keeps with the ids in their files.</summary>
    public async Task<CxPlus.Data.Importing.RespondentPseudonyms> PseudonymsAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var pseudonyms = await CxPlus.Data.Importing.RespondentPseudonyms.ForStoreAsync(connection, default);
        await transaction.CommitAsync();
        return pseudonyms;
    }

    /// <summary>The store's services and accounts on this database, as the app registers them.</summary>
    public ServiceProvider StoreServices()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCxPlusStore(ConnectionString, CxPlus.Scoring.ScoringSettings.Default);
        services.AddCxPlusAccounts();
        return services.BuildServiceProvider();
    }

    /// <summary>Releases every sector's every wave to members (issue 30), as a data manager does once they are checked.</summary>
    public Task ReleaseAllAsync() => ReleaseAllAsync(DataSource);

    /// <inheritdoc cref="ReleaseAllAsync()"/>
    public static async Task ReleaseAllAsync(NpgsqlDataSource dataSource)
    {
        var releases = new CxPlus.Data.Releases.WaveReleases(dataSource, new CxPlus.Data.AuditLog(dataSource, TimeProvider.System));
        foreach (var wave in (await releases.ListAsync()).Where(s => !s.Released).Select(s => s.Wave).Distinct())
            await releases.ReleaseAsync(wave, null, "test");
    }

    /// <summary>Empties the store (accounts and audit stay), numbering from 1 again.</summary>
    public async Task ClearStoreAsync()
    {
        await using var command = DataSource.CreateCommand($"TRUNCATE {string.Join(", ", StoreTables)} RESTART IDENTITY");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A fingerprint of every table's contents: equal fingerprints mean nothing changed.</summary>
    public async Task<string> SnapshotAsync()
    {
        // A running app fills imported comments' search vectors after the commit (CommentSearch): done
        // here first, so that the fingerprint only moves when the store's contents do.
        await Comments.CommentSearch.FillPendingAsync(DataSource);
        var parts = new List<string>();
        foreach (var table in StoreTables)
        {
            await using var command = DataSource.CreateCommand(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t");
            parts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }
        return string.Join("; ", parts);
    }

    /// <summary>Every row of the store's tables and of the audit log as text: what a search for a planted string must not find.</summary>
    public async Task<string> AllTextAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var table in StoreTables.Append("audit_events"))
        {
            await using var command = DataSource.CreateCommand($"SELECT coalesce(string_agg(t::text, E'\n'), '') FROM {table} t");
            text.Append(await command.ExecuteScalarAsync()).Append('\n');
        }
        return text.ToString();
    }

    public async Task<long> CountAsync(string table)
    {
        await using var command = DataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
