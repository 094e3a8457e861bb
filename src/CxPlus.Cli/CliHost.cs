using CxPlus.Data;
using CxPlus.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CxPlus.Cli;

/// <summary>
/// The CLI's services in a Generic Host with the web app's registrations (<see cref="CxPlusStore.AddCxPlusStore(IServiceCollection, IConfiguration)"/>,
/// accounts, branding), so a command gets the importer, the queries and the audit log exactly as the dashboard
/// does (issue #31). Built when a command first asks for a service, inside its error handling, so a missing or
/// mistyped setting becomes one sentence and an exit code; <c>--help</c> and the file-only commands need none.
/// </summary>
internal sealed class CliHost(IConfiguration configuration) : IAsyncDisposable
{
    private IHost? _host;

    public IConfiguration Configuration => configuration;

    public T Get<T>() where T : notnull => (_host ??= Build()).Services.GetRequiredService<T>();

    private IHost Build()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddLogging(); // Identity logs; the CLI prints its own sentences and no log lines
        builder.Services.AddCxPlusStore(builder.Configuration);
        builder.Services.AddCxPlusAccounts();
        builder.Services.AddSingleton(Branding.From(builder.Configuration));
        var host = builder.Build();
        host.Start(); // runs the options' start-up checks, as the web app's start does
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is null) return;
        await _host.StopAsync();
        _host.Dispose();
    }
}
