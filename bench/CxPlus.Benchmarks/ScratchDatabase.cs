using CxPlus.Data;
using CxPlus.Data.Accounts;
using CxPlus.Data.Demo;
using CxPlus.Data.Importing;
using CxPlus.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CxPlus.Benchmarks;

/// <summary>A fresh migrated database on the benchmark server, dropped on dispose.</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _server;

    private ScratchDatabase(string server, string name, NpgsqlDataSource dataSource)
    {
        _server = server;
        Name = name;
        DataSource = dataSource;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    public static async Task<ScratchDatabase> CreateAsync(string server)
    {
        var name = "cxplus_bench_" + Guid.NewGuid().ToString("N")[..10];
        await AdminAsync(server, $"CREATE DATABASE {name}");
        var dataSource = CxPlusStore.CreateDataSource(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        await CxPlusStore.MigrateAsync(dataSource);
        return new ScratchDatabase(server, name, dataSource);
    }

    /// <summary>A scratch database holding the demo benchmark at <paramref name="scale"/>.</summary>
    public static async Task<ScratchDatabase> WithDemoAsync(string server, int seed = 1, double scale = 1)
    {
        var db = await CreateAsync(server);
        var file = Path.Combine(Path.GetTempPath(), $"cxplus-bench-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var writer = File.CreateText(file)) DemoBenchmark.Write(writer, seed, scale);
            var imported = await new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
                .ImportAsync(file, new ImportOptions("demo.csv", "bench"));
            if (!imported.Succeeded) throw new InvalidOperationException(string.Join("\n", imported.Problems.Take(5)));
            return db;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The store's accounts as the app holds them (Identity's stores), for <paramref name="use"/>.</summary>
    public Task WithAccountsAsync(Func<UserAccounts, Task> use) => WithServicesAsync(provider => use(provider.GetRequiredService<UserAccounts>()));

    /// <summary>The store's services (accounts, organisations) for the length of <paramref name="use"/>.</summary>
    public async Task WithServicesAsync(Func<IServiceProvider, Task> use)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCxPlusStore(ConnectionString, ScoringSettings.Default);
        services.AddCxPlusAccounts();
        await using var provider = services.BuildServiceProvider();
        await use(provider);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync(_server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
