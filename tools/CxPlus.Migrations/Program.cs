// Usage: dotnet run --project tools/CxPlus.Migrations -- add <MigrationName>
// Needs no database: migrations are diffed against the checked-in model snapshot.
using CxPlus.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;

if (args is not ["add", var name])
{
    Console.Error.WriteLine("usage: dotnet run --project tools/CxPlus.Migrations -- add <MigrationName>");
    return 2;
}

var options = new DbContextOptionsBuilder<CxPlusDbContext>().UseNpgsql("Host=unused").Options;
using var context = new CxPlusDbContext(options);

var services = new ServiceCollection();
services.AddEntityFrameworkDesignTimeServices();
services.AddDbContextDesignTimeServices(context);
#pragma warning disable EF1001 // the provider's design-time services are how dotnet-ef wires it too
new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
using var provider = services.BuildServiceProvider();

var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(name, rootNamespace: "CxPlus.Data", subNamespace: "Migrations");
var projectDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/CxPlus.Data"));
var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations"));
Console.WriteLine($"Wrote {files.MigrationFile}, {files.MetadataFile}, {files.SnapshotFile}");
return 0;
