using CxPlus.Data;
using CxPlus.Web.Features.Accounts;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CxPlus.Web.Features.Operations;

/// <summary>
/// OpenTelemetry, wired once (issue 31; as eShop's service defaults): traces and metrics of ASP.NET
/// Core, HttpClient and Npgsql, the runtime's, and the product's own (<see cref="CxPlusMetrics"/>).
/// Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (traces, metrics and logs), and
/// always on a Prometheus scrape endpoint, <c>/metrics</c>, for administrators (signed in, or an
/// administrator's API token in the scraper). Log lines carry the trace and span ids.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "cxplus";
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddCxPlusTelemetry(this WebApplicationBuilder builder)
    {
        // A log line says which request (trace) it belongs to, in the console's scopes and over OTLP.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // Log records go to OpenTelemetry only where a collector takes them; else the console has them.
        if (otlp)
            builder.Logging.AddOpenTelemetry(o =>
            {
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
            });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(CxPlusMetrics.MeterName)
                .AddPrometheusExporter())
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql());
        if (otlp) telemetry.UseOtlpExporter();
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, for administrators only.</summary>
    public static void MapCxPlusMetrics(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Policies.Metrics);
}
