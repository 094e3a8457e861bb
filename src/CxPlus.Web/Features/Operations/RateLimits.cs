using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace CxPlus.Web.Features.Operations;

/// <summary>
/// How many requests the app takes before it answers 429 Too Many Requests with Retry-After
/// (ASP.NET Core's rate limiter). Configured in the <c>RateLimits</c> section (env
/// <c>RateLimits__SignInPerAddressPerMinute=…</c>); the README lists the defaults.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>Sign-in attempts (form posts) per client address and minute.</summary>
    public int SignInPerAddressPerMinute { get; set; } = 20;
    /// <summary>Sign-in attempts per account (e-mail) and minute, whatever the address; lockout after 5 wrong passwords comes on top.</summary>
    public int SignInPerAccountPerMinute { get; set; } = 10;
    /// <summary>Read API requests per user and minute, whether they come with any of the user's tokens or the sign-in cookie.</summary>
    public int ApiPerUserPerMinute { get; set; } = 6000;
    /// <summary>Read API requests per client address and minute without valid credentials (e.g. wrong tokens).</summary>
    public int ApiUnauthenticatedPerAddressPerMinute { get; set; } = 30;
}

public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Api = "api";

    public static IServiceCollection AddCxPlusRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound once and checked when the app starts: a limit of 0 or less (or not a number) stops the start with its name.
        services.AddOptions<RateLimitSettings>().Bind(configuration.GetSection("RateLimits"))
            .Validate(l => l.SignInPerAddressPerMinute > 0, "RateLimits:SignInPerAddressPerMinute must be a whole number above 0.")
            .Validate(l => l.SignInPerAccountPerMinute > 0, "RateLimits:SignInPerAccountPerMinute must be a whole number above 0.")
            .Validate(l => l.ApiPerUserPerMinute > 0, "RateLimits:ApiPerUserPerMinute must be a whole number above 0.")
            .Validate(l => l.ApiUnauthenticatedPerAddressPerMinute > 0, "RateLimits:ApiUnauthenticatedPerAddressPerMinute must be a whole number above 0.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitSettings>>().Value);
        services.AddSingleton<SignInThrottle>();
        static RateLimitSettings Limits(HttpContext http) => http.RequestServices.GetRequiredService<RateLimitSettings>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds(context.Lease);
                return ValueTask.CompletedTask;
            };
            // Per address, on posts only: the sign-in page itself may be shown as often as wanted.
            options.AddPolicy(SignIn, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("sign-in " + Address(http), _ => PerMinute(Limits(http).SignInPerAddressPerMinute))
                : RateLimitPartition.GetNoLimiter("sign-in page"));
            // Runs after authentication: a user has one budget, shared by all their tokens and their
            // browser (more tokens do not buy more requests); a request without valid credentials
            // (a wrong token, say) shares a small one with its address.
            options.AddPolicy(Api, http => http.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetFixedWindowLimiter("api " + (http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.User.Identity.Name),
                    _ => PerMinute(Limits(http).ApiPerUserPerMinute))
                : RateLimitPartition.GetFixedWindowLimiter("api anonymous " + Address(http), _ => PerMinute(Limits(http).ApiUnauthenticatedPerAddressPerMinute)));
        });
        return services;
    }

    public static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    public static string RetryAfterSeconds(RateLimitLease lease) =>
        (lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60).ToString(CultureInfo.InvariantCulture);

    /// <summary>The client's address as the server sees it (never a forwarded header, which any client can write).</summary>
    public static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>
/// Sign-in attempts per account, counted by the sign-in page (the middleware cannot read the
/// form): a password-guessing run from many addresses against one account slows down too.
/// </summary>
public sealed class SignInThrottle(RateLimitSettings limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _accounts = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => RateLimits.PerMinute(limits.SignInPerAccountPerMinute)));

    /// <summary>Null when the attempt may go ahead, else the seconds to wait.</summary>
    public string? Attempt(string email)
    {
        using var lease = _accounts.AttemptAcquire(email.Trim().ToUpperInvariant());
        return lease.IsAcquired ? null : RateLimits.RetryAfterSeconds(lease);
    }

    public void Dispose() => _accounts.Dispose();
}
