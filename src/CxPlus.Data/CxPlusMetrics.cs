using System.Diagnostics.Metrics;

namespace CxPlus.Data;

/// <summary>
/// The product's own measurements (issue 31), on one .NET meter that OpenTelemetry reads (the web
/// app exports it over OTLP and on <c>/metrics</c>): imports and their rows, the result cache's hits
/// and misses per kind of result, how long reports take to write, and release messages' outcomes.
/// Nothing here names a brand, a respondent or a person: tags are kinds and outcomes only.
/// </summary>
public static class CxPlusMetrics
{
    public const string MeterName = "CxPlus";
    private static readonly Meter Meter = new(MeterName);

    /// <summary>Imports tried, tagged <c>outcome</c>: imported, refused, failed (a check is not counted).</summary>
    public static readonly Counter<long> Imports = Meter.CreateCounter<long>("cxplus.imports", "{import}", "Imports tried, by outcome");
    /// <summary>Rows imported, tagged <c>role</c>.</summary>
    public static readonly Counter<long> ImportedRows = Meter.CreateCounter<long>("cxplus.imported_rows", "{row}", "Response rows imported");
    /// <summary>Result cache lookups, tagged <c>kind</c> (league, themes, …) and <c>result</c> (hit, miss).</summary>
    public static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>("cxplus.cache.lookups", "{lookup}", "Result cache lookups by kind and result");
    /// <summary>Seconds to write a report or file, tagged <c>format</c> (pdf, pptx, xlsx).</summary>
    public static readonly Histogram<double> ReportSeconds = Meter.CreateHistogram<double>("cxplus.report.duration", "s", "Time to write a report or workbook");
    /// <summary>Release messages tried, tagged <c>outcome</c>: sent, retry, failed.</summary>
    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("cxplus.deliveries", "{message}", "Release messages tried, by outcome");

    /// <summary>Times <paramref name="write"/> as a report of <paramref name="format"/>.</summary>
    public static void TimeReport(string format, Action write)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            write();
        }
        finally
        {
            ReportSeconds.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("format", format));
        }
    }
}
