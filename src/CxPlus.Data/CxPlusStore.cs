using CxPlus.Data.Accounts;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Model;
using CxPlus.Scoring;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CxPlus.Data;

/// <summary>Wiring of the store for the web app and the CLI.</summary>
public static class CxPlusStore
{
    public const string ConnectionStringName = "CxPlus";

    /// <summary>
    /// The store as the web app and the CLI both register it, from their settings: the methodology's settings and
    /// how clients see competitors are read (and checked) now; the connection string when the store is first used,
    /// so a command that needs no database runs without one.
    /// </summary>
    public static IServiceCollection AddCxPlusStore(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        services.AddCxPlusStore(() => SettingsConfiguration.ConnectionString(configuration), SettingsConfiguration.Read(configuration),
            SettingsConfiguration.Competitors(configuration));

    /// <summary>Registers the data source, the context factory, the importer and the league queries.</summary>
    public static IServiceCollection AddCxPlusStore(this IServiceCollection services, string connectionString, ScoringSettings settings,
        Clients.CompetitorNames competitors = Clients.CompetitorNames.Named) =>
        services.AddCxPlusStore(() => connectionString, settings, competitors);

    private static IServiceCollection AddCxPlusStore(this IServiceCollection services, Func<string> connectionString, ScoringSettings settings,
        Clients.CompetitorNames competitors)
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => CreateDataSource(connectionString()));
        services.AddSingleton<StoreChanges>(); // kept current only where something runs it (the web app)
        services.AddDbContextFactory<CxPlusDbContext>((sp, options) => options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ResponseImporter>();
        services.AddSingleton<ImportHistory>();
        services.AddSingleton<RespondentErasure>();
        services.AddSingleton<RespondentRetention>();
        services.AddSingleton<Curation.NameChanges>();
        services.AddSingleton<LeagueQueries>();
        services.AddSingleton<Comments.CodingFrames>();
        services.AddSingleton<Releases.WaveReleases>();
        services.AddSingleton<Releases.Deliveries>();
        services.AddSingleton<Clients.Organisations>();
        services.AddSingleton(sp => new Clients.PublishedTables(sp.GetRequiredService<NpgsqlDataSource>(), settings, competitors));
        services.AddSingleton<Clients.ClientReads>();
        return services;
    }

    /// <summary>
    /// Registers Identity on the store with CxPlus's password and lockout rules, and
    /// <see cref="UserAccounts"/>. The web app adds sign-in on top; the CLI uses it as is.
    /// </summary>
    public static IdentityBuilder AddCxPlusAccounts(this IServiceCollection services)
    {
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<SignInLocks>();
        return services.AddIdentityCore<User>(UserAccounts.Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CxPlusDbContext>();
    }

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "cxplus";
        // No JIT: our large queries are the rollup aggregates, a few hundred sums over one scan. The
        // planner judges them costly enough to compile, and LLVM then spends far longer compiling the
        // expressions than running them (one sector's aggregate over 313,000 responses: 25 s with JIT,
        // 4.5 s without; a rebuild of 2M responses: 33 s → 27 s). Nothing we run gains from it.
        builder.ConnectionStringBuilder.Options ??= "-c jit=off";
        return builder.Build();
    }

    /// <summary>
    /// Applies pending migrations, then what SQL alone cannot do: recomputes every name key with
    /// <see cref="Names.Key"/>, and rebuilds the rollups when they were built with another
    /// <see cref="RollupLayout"/> (computed with <paramref name="settings"/>, default the methodology's).
    /// </summary>
    /// <exception cref="InvalidOperationException">Two stored names turn out to be one name (they must be merged).</exception>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken ct = default, ScoringSettings? settings = null)
    {
        await using (var context = new CxPlusDbContext(new DbContextOptionsBuilder<CxPlusDbContext>().UseNpgsql(dataSource).Options))
            await context.Database.MigrateAsync(ct);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ImportHistory.LockAsync(connection, ct); // no import may create names meanwhile
        await RekeyAsync(connection, "sectors", "name", "name_key", "", ct);
        await RekeyAsync(connection, "brands", "name", "name_key", "sector_id", ct);
        await RekeyAsync(connection, "waves", "code", "code_key", "", ct);
        // The first time: the store's pseudonym key is made and stored fieldwork ids become pseudonyms.
        using (await RespondentPseudonyms.ForStoreAsync(connection, ct)) { }
        await using (var layout = new NpgsqlCommand("SELECT rollup_layout FROM store_state WHERE id = 1", connection))
        {
            var stored = (int)(await layout.ExecuteScalarAsync(ct))!;
            if (stored == 3 && RollupLayout.Version == 4)
            {
                // Only the segment rollups are new: built from the segments stored with the responses
                // (a retained wave has no rows left, and had no segment tables before either).
                await SegmentRollups.RebuildAsync(connection, settings ?? ScoringSettings.Default, ct);
                await StoreGeneration.BumpAsync(connection, ct);
                await using var mark = new NpgsqlCommand($"UPDATE store_state SET rollup_layout = {RollupLayout.Version} WHERE id = 1", connection);
                await mark.ExecuteNonQueryAsync(ct);
            }
            else if (stored != RollupLayout.Version)
            {
                // A retained wave's rollups cannot be recomputed (its rows are gone): a new layout must convert them.
                await using (var retained = new NpgsqlCommand("SELECT string_agg(code, ', ' ORDER BY code) FROM waves WHERE retained_at IS NOT NULL", connection))
                    if (await retained.ExecuteScalarAsync(ct) is string waves)
                        throw new InvalidOperationException(
                            $"The rollup layout changed, and retention removed the respondent rows of {waves}: their rollups cannot be recomputed. This version needs a conversion of the stored rollups; they were left as they were.");
                await RoleRollups.RebuildAsync(connection, settings ?? ScoringSettings.Default, ct);
                await using var mark = new NpgsqlCommand($"UPDATE store_state SET rollup_layout = {RollupLayout.Version} WHERE id = 1", connection);
                await mark.ExecuteNonQueryAsync(ct);
            }
        }
        await transaction.CommitAsync(ct);
    }

    private static async Task RekeyAsync(NpgsqlConnection connection, string table, string column, string keyColumn, string scope, CancellationToken ct)
    {
        var rows = new List<(int Id, string Scope, string Name, string Key)>();
        await using (var read = new NpgsqlCommand($"SELECT id, {(scope.Length > 0 ? scope + "::text" : "''")}, {column}, {keyColumn} FROM {table}", connection))
        await using (var r = await read.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) rows.Add((r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        var clash = rows.GroupBy(x => (x.Scope, Names.Key(x.Name))).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new InvalidOperationException($"The {table} {string.Join(" and ", clash.Select(c => $"\"{c.Name}\""))} are one name under the name rule (data-format.md); merge them, then migrate again.");
        var stale = rows.Where(x => x.Key != Names.Key(x.Name)).ToArray();
        if (stale.Length == 0) return;
        // Keys move in two steps so that no intermediate state breaks the unique index.
        await using (var clear = new NpgsqlCommand($"UPDATE {table} SET {keyColumn} = '#' || id WHERE id = ANY($1)", connection))
        {
            clear.Parameters.Add(new() { Value = stale.Select(x => x.Id).ToArray() });
            await clear.ExecuteNonQueryAsync(ct);
        }
        await using var set = new NpgsqlCommand($"UPDATE {table} t SET {keyColumn} = k.key FROM unnest($1::int[], $2::text[]) AS k(id, key) WHERE t.id = k.id", connection);
        set.Parameters.Add(new() { Value = stale.Select(x => x.Id).ToArray() });
        set.Parameters.Add(new() { Value = stale.Select(x => Names.Key(x.Name)).ToArray() });
        await set.ExecuteNonQueryAsync(ct);
    }
}
