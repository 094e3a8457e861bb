using Microsoft.AspNetCore.Hosting;
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
            // One private folder for this test process, not one per test database in the user's data folder.
            b.UseSetting("Uploads:Folder", UploadsFolder);
            if (!defaultLimits)
            {
                b.UseSetting("RateLimits:SignInPerAddressPerMinute", "100000");
                b.UseSetting("RateLimits:SignInPerAccountPerMinute", "100000");
                b.UseSetting("RateLimits:ApiUnauthenticatedPerAddressPerMinute", "100000");
            }
            configure?.Invoke(b);
        });
}
