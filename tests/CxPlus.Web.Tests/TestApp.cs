using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CxPlus.Web.Tests;

/// <summary>The real app on a test database. Tests sign in dozens of times a minute from one address, so
/// the sign-in and API limits are raised here; <see cref="RateLimitTests"/> runs with the defaults.</summary>
public static class TestApp
{
    public static readonly string UploadsFolder = Path.Combine(Path.GetTempPath(), $"cxplus-test-uploads-{Environment.ProcessId}");

    public static WebApplicationFactory<Program> Create(string connectionString, bool defaultLimits = false, Action<IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:CxPlus", connectionString);
            // Tests about something else read English; the installation default (nl) and the choice of language have their own tests.
            b.UseSetting("Localization:DefaultLanguage", "en");
            // One private folder for this test process, not one per test database in the user's data folder.
            b.UseSetting("Uploads:Folder", UploadsFolder);
            if (!defaultLimits)
            {
                b.UseSetting("RateLimits:SignInPerAddressPerMinute", "100000");
                b.UseSetting("RateLimits:SignInPerAccountPerMinute", "100000");
                b.UseSetting("RateLimits:ApiUnauthenticatedPerAddressPerMinute", "100000");
            }
            b.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromTestHeader>());
            configure?.Invoke(b);
        });

    /// <summary>The header by which a test plays a client at another address (the test server has none).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>Test-only: sets the connection's remote address from <see cref="ClientAddressHeader"/>, so sign-in from
    /// two places can be tried. The app itself never reads a header for the address.</summary>
    private sealed class ClientAddressFromTestHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers[ClientAddressHeader] is [{ } address]) http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
