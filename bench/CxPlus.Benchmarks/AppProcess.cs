using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CxPlus.Benchmarks;

/// <summary>The built web app as its own process (Production, its own GC), on a free loopback port.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string baseUrl) => (_process, BaseUrl) = (process, baseUrl);

    public string BaseUrl { get; }

    /// <summary>
    /// The published app (scripts/bench.sh publishes it), else the build output beside this program,
    /// which outside Development serves pages but not the static assets a browser needs.
    /// </summary>
    public static string Folder => Environment.GetEnvironmentVariable("CXPLUS_PUBLISHED_WEB") ?? AppContext.BaseDirectory;

    public static bool Published => Environment.GetEnvironmentVariable("CXPLUS_PUBLISHED_WEB") is not null;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    public static async Task<AppProcess> StartAsync(string connectionString, params (string Name, string Value)[] settings)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("dotnet", [Path.Combine(Folder, "CxPlus.Web.dll")])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__CxPlus"] = connectionString;
        start.Environment["Localization__DefaultLanguage"] = "en"; // as the figures before languages
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings) start.Environment[name] = value;
        var process = Process.Start(start)!;
        var app = new AppProcess(process, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => { lock (app._output) app._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (app._output) app._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var waited = 0; ; waited += 200)
        {
            if (process.HasExited || waited > 60_000) throw new InvalidOperationException($"The app did not start:\n{app._output}");
            try
            {
                // Ready, and its change listener has read the generation (/health/ready reads the store too).
                if ((await http.GetAsync(app.BaseUrl + "/health/ready")).IsSuccessStatusCode) { await Task.Delay(1000); return app; }
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
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
