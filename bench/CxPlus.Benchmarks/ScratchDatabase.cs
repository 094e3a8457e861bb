using CxPlus.Data;
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
