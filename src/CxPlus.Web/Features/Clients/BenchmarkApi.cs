using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using System.Security.Claims;
using CxPlus.Data;
using CxPlus.Data.Clients;
using CxPlus.Reports;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Web.Features.Accounts;
using CxPlus.Web.Features.Api;
using CxPlus.Web.Features.Operations;

namespace CxPlus.Web.Features.Clients;

/// <summary>A client's scope as the API tells it: its organisation, its brands, and its sectors with their waves.</summary>
public sealed record BenchmarkDocument(string Organisation, IReadOnlyList<HeldBrand> Brands, IReadOnlyList<BenchmarkSector> Sectors);

/// <summary>A sector the client holds a brand in, with the waves in which its brands have data.</summary>
public sealed record BenchmarkSector(string Name, IReadOnlyList<string> Waves);

/// <summary>A success factor across the sector's ranked brands: the average and the best customers' score, no brand named.</summary>
public sealed record SectorFactorDocument(string Factor, double? Average, double? Best);

/// <summary>
/// A sector's league table as a client may see it: every brand's published headline (factor
/// scores, gaps, NPS, CSAT and CES are null for every row), the sector's factor averages and bests,
/// and the client's own brands in full.
/// </summary>
public sealed record BenchmarkLeagueDocument(
    LeagueDocument League,
    [property: Description("Per success factor, the average and best customers' score of the sector's ranked brands, no brand named.")] IReadOnlyList<SectorFactorDocument> SectorFactors,
    [property: Description("The client's own brands in this sector and wave, every number included.")] IReadOnlyList<LeagueRowDocument> OwnBrands);

/// <summary>
/// The read API of a member's person (role Client), with a token or the sign-in cookie: its own
/// group under <c>/api/v1/benchmark</c>, so every other endpoint stays closed to clients; every read
/// goes through <see cref="ClientReads"/> with the caller's scope (row-level security underneath).
/// </summary>
public static class BenchmarkApi
{
    public static IEndpointRouteBuilder MapBenchmarkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/benchmark").WithTags(ApiDocument.ClientTag)
            .RequireAuthorization(Policies.ApiBenchmark)
            .RequireRateLimiting(RateLimits.Api)
            .AddEndpointFilter(ReadApi.AnswerClientProblems)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("", async (ClaimsPrincipal user, ClientReads reads, CancellationToken ct) =>
            {
                var scope = await ScopeAsync(user, reads, ct);
                var sectors = new List<BenchmarkSector>();
                foreach (var sector in scope.Sectors) sectors.Add(new BenchmarkSector(sector, await reads.WavesAsync(scope, sector, ct)));
                return TypedResults.Ok(new BenchmarkDocument(scope.Organisation, [.. scope.Brands.Select(b => new HeldBrand(b.Sector, b.Brand))], sectors));
            })
            .WithName("GetBenchmark")
            .WithSummary("The caller's organisation, the brands it holds, and their sectors with the waves in which its brands have data.");

        api.MapGet("/sectors/{sector}/waves/{wave}/league", async (string sector, string wave,
                [Description(ReadApi.SegmentDescription)] string? segment, [Description(ReadApi.CategoryDescription)] string? category,
                ClaimsPrincipal user, ClientReads reads, IOptions<JsonOptions> json, CancellationToken ct) =>
            {
                var scope = await ScopeAsync(user, reads, ct);
                var view = await reads.LeagueAsync(scope, sector, wave, k => Texts.Format("Benchmark.AnonymousBrand", k),
                    CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, ct, ReadApi.SegmentOf(segment, category));
                var own = await reads.OwnBrandsAsync(scope, view.Table, ct);
                // Written once per view: the view is the scope's own (cached by scope, sector, wave and store generation).
                return TypedResults.Bytes(LeagueJson.GetValue(view, v => JsonSerializer.SerializeToUtf8Bytes(Document(v, own), json.Value.SerializerOptions)),
                    "application/json; charset=utf-8");
            })
            .Produces<BenchmarkLeagueDocument>()
            .WithName("GetBenchmarkLeague")
            .WithSummary("A sector's league table as the caller's organisation may see it: every brand's published headline, the sector's factor averages and bests, and its own brands in full.");
        api.MapGet("/sectors/{sector}/waves/{wave}/brands/{brand}/comments", async (string sector, string wave, string brand,
                [Description("promoter, passive or detractor (the author's NPS group, step 30)")] string? tone,
                [Description(ReadApi.SegmentDescription)] string? segment, [Description(ReadApi.CategoryDescription)] string? category,
                [Description("Search words: PostgreSQL full-text search, each comment read in its own language (Dutch or English stems)")] string? q,
                [Description("The page, from 1 (20 comments to a page)")] int? page,
                [Description("A theme of the coding frame, by its key (e.g. waiting): the comments that mention it (step 29)")] string? theme,
                HttpContext http, ClientReads reads, AuditLog audit, CancellationToken ct) =>
            {
                var scope = await ScopeAsync(http.User, reads, ct);
                if (!scope.Holds(sector, brand))
                    await DeniedAccessAudit.RecordOutOfScopeAsync(audit, http.User.Identity?.Name, $"{http.Request.Method} {http.Request.Path}");
                var filter = ReadApi.CommentFilterOf(null, tone, segment, category, q, page) with { Theme = string.IsNullOrWhiteSpace(theme) ? null : theme };
                return TypedResults.Ok(CommentsDocument.From(await reads.CommentsAsync(scope, sector, wave, brand, filter, ct)));
            })
            .WithName("GetBenchmarkBrandComments")
            .WithSummary("What customers and prospects wrote about one of the caller's own brands, personal data removed at import: filtered by tone, theme, segment and search words, newest import first, 20 to a page. Another brand is not there (404).");

        api.MapGet("/sectors/{sector}/waves/{wave}/alerts", async (string sector, string wave, ClaimsPrincipal user, ClientReads reads, ScoringSettings settings, CancellationToken ct) =>
                TypedResults.Ok(AlertsDocument.From(await reads.AlertsAsync(await ScopeAsync(user, reads, ct), sector, wave, ct), settings)))
            .WithName("GetBenchmarkAlerts")
            .WithSummary("Issue 30: the alerts of the caller's own brands in a released wave, against the sector's previous released wave.");

        // Files of what the member may see, each one audited as the agency's exports are.
        var files = api.MapGroup("/sectors/{sector}/waves/{wave}").AddEndpointFilter(ReadApi.LogExport);

        files.MapGet("/league.csv", async (string sector, string wave,
                [Description(ReadApi.SegmentDescription)] string? segment, [Description(ReadApi.CategoryDescription)] string? category,
                ClaimsPrincipal user, ClientReads reads, CancellationToken ct) =>
            {
                var table = await reads.TableAsync(await ScopeAsync(user, reads, ct), sector, wave, Anonymous, Language, ct, ReadApi.SegmentOf(segment, category));
                return TypedResults.File(LeagueCsv.ToBytes(table), "text/csv; charset=utf-8", FileNames.League(table, "csv"));
            })
            .ProducesFile("text/csv")
            .WithName("GetBenchmarkLeagueCsv")
            .WithSummary("The caller's view of the league table as CSV for people (every brand's published headline), in ?language= (else the reader's).");

        files.MapGet("/league.xlsx", async (string sector, string wave,
                [Description(ReadApi.SegmentDescription)] string? segment, [Description(ReadApi.CategoryDescription)] string? category,
                ClaimsPrincipal user, ClientReads reads, CancellationToken ct) =>
            {
                var scope = await ScopeAsync(user, reads, ct);
                var table = await reads.TableAsync(scope, sector, wave, Anonymous, Language, ct, ReadApi.SegmentOf(segment, category));
                var history = new List<LeagueTable>();
                // A segment view's workbook has its own wave only, as the agency's.
                foreach (var w in table.Segment is null ? await reads.WavesAsync(scope, table.Sector, ct) : [table.Wave])
                    history.Add(Scoring.Names.Same(w, table.Wave) ? table : await reads.TableAsync(scope, table.Sector, w, Anonymous, Language, ct));
                using var stream = new MemoryStream();
                LeagueWorkbook.Write(table, history, stream);
                return TypedResults.File(stream.ToArray(), ReadApi.Xlsx, FileNames.League(table, "xlsx"));
            })
            .ProducesFile(ReadApi.Xlsx)
            .WithName("GetBenchmarkLeagueWorkbook")
            .WithSummary("The caller's view of the league table as an Excel workbook: every brand's published headline, its own brands' factors beside the sector average, the trend and the settings.");

        files.MapGet("/brands/{brand}/report.pdf", (string sector, string wave, string brand, HttpContext http, ClientReads reads, AuditLog audit,
                TimeProvider clock, Branding branding, CancellationToken ct) =>
                OwnReportAsync(http, reads, audit, sector, wave, brand, (data, stream) => BrandReport.Write(data, stream, clock.GetUtcNow(), branding), "application/pdf", "pdf", ct))
            .ProducesFile("application/pdf")
            .WithName("GetBenchmarkBrandReportPdf")
            .WithSummary("The A4 PDF report of one of the caller's own brands; the league table in it is the caller's view.");

        files.MapGet("/brands/{brand}/report.pptx", (string sector, string wave, string brand, HttpContext http, ClientReads reads, AuditLog audit,
                TimeProvider clock, Branding branding, CancellationToken ct) =>
                OwnReportAsync(http, reads, audit, sector, wave, brand, (data, stream) => BrandDeck.Write(data, stream, clock.GetUtcNow(), branding), ReadApi.Pptx, "pptx", ct))
            .ProducesFile(ReadApi.Pptx)
            .WithName("GetBenchmarkBrandReportDeck")
            .WithSummary("The PowerPoint deck of one of the caller's own brands; the league table in it is the caller's view.");
        return app;
    }

    private static string Anonymous(int k) => Texts.Format("Benchmark.AnonymousBrand", k);

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>One of the caller's own brands, as its reports show it; another brand is not there (404), and asking for it is audited.</summary>
    private static async Task<BrandReportData> OwnBrandAsync(HttpContext http, ClientReads reads, AuditLog audit, string sector, string wave, string brand, CancellationToken ct)
    {
        var scope = await ScopeAsync(http.User, reads, ct);
        if (!scope.Holds(sector, brand))
            await DeniedAccessAudit.RecordOutOfScopeAsync(audit, http.User.Identity?.Name, $"{http.Request.Method} {http.Request.Path}");
        var own = await reads.BrandAsync(scope, sector, wave, brand, Anonymous, Language, ct);
        return new BrandReportData(own.Table, own.Row, own.History, own.Priorities, own.Segments, own.Themes);
    }

    /// <summary>A report of one of the caller's own brands, written by <paramref name="write"/>.</summary>
    private static async Task<Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult> OwnReportAsync(HttpContext http, ClientReads reads, AuditLog audit, string sector, string wave, string brand,
        Action<BrandReportData, Stream> write, string contentType, string extension, CancellationToken ct)
    {
        var data = await OwnBrandAsync(http, reads, audit, sector, wave, brand, ct);
        using var stream = new MemoryStream();
        write(data, stream);
        return TypedResults.File(stream.ToArray(), contentType, FileNames.Report(data, extension));
    }

    private static readonly ConditionalWeakTable<Published, byte[]> LeagueJson = new();

    private static BenchmarkLeagueDocument Document(Published view, IReadOnlyList<BrandResult> own)
    {
        // An own brand's row with its full result in place of the headline (rank, range and movement as published).
        var ownRows = own.Select(result => view.Table.Find(result.Brand) is { } row ? row with { Result = result } : null).OfType<LeagueRow>();
        return new BenchmarkLeagueDocument(LeagueDocument.From(view.Table),
            [.. view.Factors.Select(f => new SectorFactorDocument(f.Factor.Key(), f.Average, f.Best))],
            [.. ownRows.Select(LeagueRowDocument.From)]);
    }

    /// <summary>The caller's scope; a client without an organisation has none and may read nothing (404, as a sector not held).</summary>
    private static async Task<ClientScope> ScopeAsync(ClaimsPrincipal user, ClientReads reads, CancellationToken ct) =>
        await reads.ScopeOfAsync(user, ct) is { Brands.Count: > 0 } scope
            ? scope
            : throw new CxPlus.Data.League.NotFoundException(new("Client.NoBrands"));
}
