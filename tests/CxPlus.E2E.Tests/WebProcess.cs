using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CxPlus.E2E.Tests;

/// <summary>
/// Another instance of the dashboard: the built app (CxPlus.Web.dll beside the tests) started with
/// <c>dotnet</c> as its own process, on a free loopback port, on a given store.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public string BaseUrl { get; }

    private WebProcess(Process process, string baseUrl) => (_process, BaseUrl) = (process, baseUrl);

    /// <summary>What the process printed (for a failure's message).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<WebProcess> StartAsync(string connectionString)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CxPlus.Web.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // As the fixture's instance: Development serves the scripts and styles from the build output
        // (a published app has them in its wwwroot instead).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__CxPlus"] = connectionString;
        start.Environment["Localization__DefaultLanguage"] = "en";
        start.Environment["Uploads__Folder"] = Path.Combine(Path.GetTempPath(), $"cxplus-e2e-second-{Environment.ProcessId}-{port}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var web = new WebProcess(process, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => web.Append(e.Data);
        process.ErrorDataReceived += (_, e) => web.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The second instance exited ({process.ExitCode}):\n{web.Output}");
            try
            {
                using var ready = await http.GetAsync(web.BaseUrl + "/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK) return web;
            }
            catch (HttpRequestException) { } // not listening yet
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                await web.DisposeAsync();
                throw new TimeoutException($"The second instance was not ready within a minute:\n{web.Output}");
            }
            await Task.Delay(200);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
