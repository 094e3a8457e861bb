using System.Globalization;
using CxPlus.Data;
using CxPlus.Web.Components;
using CxPlus.Web.Components.Charts;
using CxPlus.Web.Features.Accounts;
using CxPlus.Web.Features.Clients;
using CxPlus.Web.Features.Api;
using CxPlus.Web.Features.Imports;
using CxPlus.Web.Features.Language;
using CxPlus.Web.Features.Operations;
using CxPlus.Web.Features.Overview;
using CxPlus.Web.Features.Releases;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
var builder = WebApplication.CreateBuilder(args);

builder.AddCxPlusTelemetry(); // traces, metrics and logs: OTLP when configured, /metrics for administrators
SettingsConfiguration.ConnectionString(builder.Configuration); // checked at start-up: the dashboard is nothing without its store
builder.Services.AddCxPlusStore(builder.Configuration); // as the CLI does
builder.Services.AddSingleton(CxPlus.Reports.Branding.From(builder.Configuration));
builder.Services.AddRazorComponents().AddInteractiveServerComponents(options =>
{
    // Set deliberately: an analyst's dashboard keeps few circuits, and a dropped phone connection
    // should be able to come back for a few minutes.
    options.DisconnectedCircuitMaxRetained = 100;
    options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
    options.DetailedErrors = builder.Environment.IsDevelopment();
});
builder.Services.AddSignalR(options => options.MaximumReceiveMessageSize = 64 * 1024);
builder.Services.AddCxPlusSignIn();
builder.Services.AddCxPlusLanguages(builder.Configuration); // checked at start-up
builder.Services.AddCxPlusRateLimits(builder.Configuration);
builder.Services.AddMudServices();
builder.Services.AddSingleton<ThemeStylesheet>();
builder.Services.AddSingleton<PendingUploads>();
builder.Services.AddHostedService<PendingUploads.Sweeper>();
builder.Services.AddSingleton(new RetentionPolicy(SettingsConfiguration.RetentionMonths(builder.Configuration))); // checked at start-up
builder.Services.AddHostedService<RetentionSchedule>();
builder.Services.AddHostedService<StoreChangesListener>(); // league results and tokens are cached by store generation
builder.Services.AddHostedService<CommentSearchFiller>(); // each import's comments searchable just after its commit (issue 29)
builder.Services.AddSmtpSettings(builder.Configuration); // checked at start-up
builder.Services.AddHostedService<MailSender>(); // release messages (issue 30); idle without Smtp:Host
builder.Services.AddWeeklyDigest(builder.Configuration); // Quartz, clustered over the store; checked at start-up
builder.Services.AddProblemDetails();
// A request the framework itself refuses (a form without its antiforgery token, a body too large) keeps
// its 4xx outside Development too, instead of the exception handler's 500.
builder.Services.Configure<ExceptionHandlerOptions>(options =>
    options.StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
// Numbers are numbers: the web defaults also read them from strings, which makes the OpenAPI document type
// every number as "number | string" and generated clients with it (issue #31). The API reads no JSON body.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
builder.Services.AddOpenApi(CxPlus.Web.Features.Api.ApiDocument.Describe);
// SecurityHeaders sends X-Frame-Options: DENY (and CSP frame-ancestors 'none'); antiforgery's SAMEORIGIN would contradict it.
builder.Services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
builder.Services.AddHealthChecks().AddCheck<StoreReadyCheck>("store", tags: ["ready"]);
builder.Services.AddCxPlusDataProtection(builder.Configuration);

var app = builder.Build();
app.Services.GetRequiredService<PendingUploads>().ReceiveFormsHere();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler(); // problem details, never a stack trace
    app.UseHsts();
    // Only where HTTPS is served: behind a TLS-terminating proxy the app speaks plain HTTP, and the
    // redirection middleware would warn at every start that it has no HTTPS port.
    if (ServesHttps(app.Configuration)) app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
app.UseRequestLocalization(); // the reader's language for everything below, the error pages included
// People get an HTML page for "not found" (a path with no page); the API keeps its problem+json.
app.UseWhen(context => !AccountsSetup.IsApi(context.Request),
    people => people.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseWhen(context => AccountsSetup.IsApi(context.Request), api => api.UseStatusCodePages());
app.UseRouting(); // after the status code pages: a re-executed request is routed again, to /not-found
app.UseAuthentication();
// A member's person who opens the root address (a bookmark, the address typed) starts at its
// benchmark, as after signing in: the agency's league table there would only refuse it.
app.Use((context, next) =>
{
    if (context.Request.Path == "/" && HttpMethods.IsGet(context.Request.Method) && Links.IsMember(context.User))
    {
        context.Response.Redirect("/benchmark");
        return Task.CompletedTask;
    }
    return next(context);
});
app.UseRateLimiter(); // after authentication: the API's budget is per user
app.UseAuthorization();
app.UseAntiforgery();
// Everything needs a signed-in user with a role (the fallback policy) except the sign-in page,
// the scripts and styles it needs, and the health probes, which reveal nothing but a status word.
app.MapStaticAssets().AllowAnonymous();
app.MapOpenApi("/api/v1/openapi.json").RequireAuthorization(Policies.ApiBrowse); // tools read it with their token
app.MapCxPlusMetrics();
app.MapReadApi();
app.MapBenchmarkApi();
app.MapChartFonts();
await app.MapThemeStylesheetAsync();
app.MapBrandSuggestions();
app.MapAccountEndpoints();
app.MapLanguageSwitch();
app.MapUploadEndpoint();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
// Our CSP already forbids framing ('none'); Blazor's default adds a second, weaker frame-ancestors header.
// The circuit's own endpoints (/_blazor…) carry no page: they admit every role, a client's too (its
// token page runs in a circuit), while each page keeps its policy, checked again by the route view
// for every navigation inside the circuit. Every other endpoint nobody named keeps the agency's fallback.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null)
    .Add(endpoint =>
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern } && pattern.TrimStart('/').StartsWith("_blazor", StringComparison.Ordinal))
            endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(Policies.Account));
    });
await app.RunAsync();

static bool ServesHttps(IConfiguration configuration) =>
    (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
    || !string.IsNullOrEmpty(configuration["ASPNETCORE_HTTPS_PORT"] ?? configuration["https_port"]);

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
