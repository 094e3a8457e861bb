using CxPlus.Data.Accounts;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
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

    /// <summary>Registers the data source, the context factory, the importer and the league queries.</summary>
    public static IServiceCollection AddCxPlusStore(this IServiceCollection services, string connectionString, ScoringSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => CreateDataSource(connectionString));
        services.AddDbContextFactory<CxPlusDbContext>((sp, options) => options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<ResponseImporter>();
        services.AddSingleton<ImportHistory>();
        services.AddSingleton<LeagueQueries>();
        return services;
    }

    /// <summary>
    /// Registers Identity on the store with CxPlus's password and lockout rules, and
    /// <see cref="UserAccounts"/>. The web app adds sign-in on top; the CLI uses it as is.
    /// </summary>
    public static IdentityBuilder AddCxPlusAccounts(this IServiceCollection services)
    {
        services.AddSingleton<UserAccounts>();
        return services.AddIdentityCore<User>(UserAccounts.Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CxPlusDbContext>();
    }

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "cxplus";
        return builder.Build();
    }

    /// <summary>Applies pending migrations.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var context = new CxPlusDbContext(new DbContextOptionsBuilder<CxPlusDbContext>().UseNpgsql(dataSource).Options);
        await context.Database.MigrateAsync(ct);
    }
}
