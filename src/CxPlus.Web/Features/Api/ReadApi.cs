using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using CxPlus.Data;
using CxPlus.Data.League;
using CxPlus.Reports;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;
using CxPlus.Web.Components;
using CxPlus.Web.Features.Accounts;
using CxPlus.Web.Features.Operations;

namespace CxPlus.Web.Features.Api;

/// <summary>
/// The versioned, read-only API: what the dashboard shows, for other tools. The league JSON is
/// the CLI's (<see cref="LeagueDocument"/>). One filter on the group answers for every endpoint:
/// a bad route parameter gets 400 with a problem-details body naming it, an unknown sector, wave
/// or brand 404 with the sentence the CLI prints.
/// </summary>
public static class ReadApi
{
    /// <summary>
    /// Documents a download's 200 answer (issue #31): its media type, its body binary, so that client
    /// generators type it as a file rather than as nothing.
    /// </summary>
    internal static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder endpoint, string contentType) =>
        endpoint.Produces(StatusCodes.Status200OK, typeof(Stream), contentType);

    internal const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    internal const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    private static readonly (string Name, int MaxLength)[] RouteParameters =
        [("sector", Limits.NameLength), ("wave", Limits.WaveCodeLength), ("brand", Limits.NameLength)];

    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags(ApiDocument.AgencyTag)
            .RequireAuthorization(Policies.ApiBrowse)
            .RequireRateLimiting(RateLimits.Api)
            .AddEndpointFilter(AnswerProblems)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/sectors", async (LeagueQueries queries, CancellationToken ct) =>
            TypedResults.Ok((await queries.SectorsAsync(ct)).Select(s => new SectorDocument(s.Name, s.Brands, s.Waves))))
            .WithName("GetSectors")
            .WithSummary("Sectors with their number of brands and the waves in which they have data.");

        api.MapGet("/waves", async (LeagueQueries queries, CancellationToken ct) =>
            TypedResults.Ok((await queries.WavesAsync(ct)).Select(w => new WaveDocument(w.Code, w.Responses))))
            .WithName("GetWaves")
            .WithSummary("Waves in wave order.");

        // One schema per path in the OpenAPI document: /league is the CX+ table's; its ?lens= variant
        // answers with the LensDocument that /lenses/{lens} documents.
        api.MapGet("/sectors/{sector}/waves/{wave}/league", async (
                string sector, string wave, [Description("cx (default); cee or kei answer with that lens's table, as /lenses/{lens}")] string? lens,
                [Description(SegmentDescription)] string? segment, [Description(CategoryDescription)] string? category,
                LeagueQueries queries, IOptions<JsonOptions> json, CancellationToken ct) =>
                ParseLens(lens) is var which && which == Lens.Cx
                    ? Json(await TableAsync(queries, sector, wave, segment, category, ct), json.Value.SerializerOptions)
                    : Results.Ok(LensDocument.From(await AnsweredLensAsync(queries, sector, wave, which, ct, segment, category))))
            .Produces<LeagueDocument>()
            .WithName("GetLeague")
            .WithSummary("A sector's league table for a wave (the same JSON as `cxplus league --format json`); with lens=cee or kei, that lens's table (a LensDocument, as `cxplus league --lens`).");

        api.MapGet("/sectors/{sector}/waves/{wave}/lenses/{lens}", async (string sector, string wave, string lens, LeagueQueries queries, CancellationToken ct) =>
                TypedResults.Ok(LensDocument.From(await AnsweredLensAsync(queries, sector, wave,
                    ParseLens(lens) is var which && which != Lens.Cx ? which : throw new InvalidRequestException("lens", "The CX+ table is at /league; a lens here is cee or kei."), ct))))
            .WithName("GetLens")
            .WithSummary("A sector's Six Pillars (cee) or KEI (kei) table for a wave, when its customers answered those questions (the same JSON as `cxplus league --lens cee --format json`).");

        api.MapGet("/sectors/{sector}/waves/{wave}/lenses", async (string sector, string wave, LeagueQueries queries, CancellationToken ct) =>
                TypedResults.Ok(new[] { Lens.Cx.Key() }.Concat((await queries.AnsweredLensesAsync(sector, wave, ct)).Select(l => l.Lens.Key()))))
            .WithName("GetLenses")
            .WithSummary("The lenses a sector's wave can be seen in: always cx, and cee or kei when its customers answered those questions.");

        api.MapGet("/sectors/{sector}/waves/{wave}/comments", async (string sector, string wave,
                [Description("A brand of the sector; omit for all its brands")] string? brand,
                [Description("promoter, passive or detractor (the author's NPS group, step 30)")] string? tone,
                [Description(SegmentDescription)] string? segment, [Description(CategoryDescription)] string? category,
                [Description("Search words: PostgreSQL full-text search, each comment read in its own language (Dutch or English stems)")] string? q,
                [Description("The page, from 1 (20 comments to a page)")] int? page,
                [Description("A theme of the coding frame, by its key (e.g. waiting): the comments that mention it (step 29)")] string? theme,
                LeagueQueries queries, CancellationToken ct) =>
            {
                var filter = CommentFilterOf(brand, tone, segment, category, q, page) with { Theme = string.IsNullOrWhiteSpace(theme) ? null : theme };
                return TypedResults.Ok(CommentsDocument.From(await queries.CommentsAsync(sector, wave, filter, ct)));
            })
            .WithName("GetComments")
            .WithSummary("What customers and prospects wrote in a sector's wave, personal data removed at import: filtered by brand, tone, theme, segment and search words, newest import first, 20 to a page.");

        api.MapGet("/sectors/{sector}/waves/{wave}/alerts", async (string sector, string wave,
                [Description("score-change, verdict-change, joined-leaders, left-leaders, rank-moved or gap-negative; omit for every kind")] string? kind,
                LeagueQueries queries, ScoringSettings settings, CancellationToken ct) =>
            {
                AlertKind? only = string.IsNullOrWhiteSpace(kind) ? null : AlertReading.KindOf(kind)
                    ?? throw new InvalidRequestException("kind", "The kind must be score-change, verdict-change, joined-leaders, left-leaders, rank-moved or gap-negative.");
                return TypedResults.Ok(AlertsDocument.From(await queries.AlertsAsync(sector, wave, ct), settings, a => only is null || a.Kind == only));
            })
            .WithName("GetAlerts")
            .WithSummary("Issue 30: each brand's alerts in a sector's wave against the sector's previous released wave, each with its sentence in the reader's language and its numbers; for a draft wave, those its release would bring.");

        api.MapGet("/sectors/{sector}/waves/{wave}/themes", async (string sector, string wave,
                [Description("A brand of the sector; omit for all its brands")] string? brand, LeagueQueries queries, CancellationToken ct) =>
                TypedResults.Ok(ThemesDocument.From(await queries.ThemesAsync(sector, wave, brand, ct), brand)))
            .WithName("GetThemes")
            .WithSummary("What customers say, by theme (the same JSON as `cxplus themes shares --format json`): each brand's theme shares among its commenters, against the rest of the sector, and each theme's impact on NPS.");

        api.MapGet("/sectors/{sector}/waves/{wave}/drivers", async (
                string sector, string wave, [Description("A brand of the sector; omit for the sector's brands pooled")] string? brand,
                [Description("cx (the five success factors, default) or cee (the six pillars)")] string? lens,
                [Description(SegmentDescription)] string? segment, [Description(CategoryDescription)] string? category, LeagueQueries queries, CancellationToken ct) =>
            {
                var which = ParseLens(lens);
                if (which == Lens.Kei) throw new InvalidRequestException("lens", "The KEI has no drivers: ask for lens=cx or lens=cee.");
                if (which == Lens.Cee) await AnsweredLensAsync(queries, sector, wave, Lens.Cee, ct, segment, category);
                var table = await TableAsync(queries, sector, wave, segment, category, ct);
                var name = brand is null ? null : table.Find(brand)?.Brand ?? brand;
                return TypedResults.Ok(DriversDocument.From(table.Sector, table.Wave, name, which,
                    await DriversAsync(queries, sector, wave, brand, which, table.Segment, ct), table.Segment));
            })
            .WithName("GetDrivers")
            .WithSummary("Key drivers of recommendation (the same JSON as `cxplus drivers --format json`): relative weights with bootstrap intervals, of a brand or pooled over the sector.");

        // Files (CSV, Excel, PDF, responses) are exports: consultants only, and each one logged.
        var exports = api.MapGroup("/sectors/{sector}/waves/{wave}")
            .RequireAuthorization(Policies.ApiExport)
            .AddEndpointFilter(LogExport);

        exports.MapGet("/league.csv", async (string sector, string wave, [Description("cx (default), cee or kei")] string? lens,
                [Description(SegmentDescription)] string? segment, [Description(CategoryDescription)] string? category, LeagueQueries queries, CancellationToken ct) =>
            {
                if (ParseLens(lens) is not Lens.Cx and var other)
                {
                    var lensTable = await AnsweredLensAsync(queries, sector, wave, other, ct, segment, category);
                    return TypedResults.File(PeopleCsv.Bytes(LensExport.ToCsv(lensTable)), "text/csv; charset=utf-8",
                        FileNames.Lens(lensTable, "csv"));
                }
                var table = await TableAsync(queries, sector, wave, segment, category, ct);
                return TypedResults.File(LeagueCsv.ToBytes(table), "text/csv; charset=utf-8", FileNames.League(table, "csv"));
            })
            .ProducesFile("text/csv")
            .WithName("GetLeagueCsv")
            .WithSummary("The league table (or with lens=cee or kei, that lens's table) as CSV for people in ?language= (else the reader's): UTF-8 with a byte order mark, one header row in words; in Dutch ';' between fields and decimal commas, as Dutch Excel opens it. Machines read the JSON.");

        exports.MapGet("/league.xlsx", async (string sector, string wave, [Description("cx (default), cee or kei")] string? lens,
                [Description(SegmentDescription)] string? segment, [Description(CategoryDescription)] string? category, LeagueQueries queries, CancellationToken ct) =>
            {
                if (ParseLens(lens) is not Lens.Cx and var other)
                {
                    var lensTable = await AnsweredLensAsync(queries, sector, wave, other, ct, segment, category);
                    var drivers = other == Lens.Cee ? await DriversAsync(queries, sector, wave, null, Lens.Cee, lensTable.Segment, ct) : null;
                    using var lensStream = new MemoryStream();
                    LeagueWorkbook.WriteLens(lensTable, drivers, lensStream);
                    return TypedResults.File(lensStream.ToArray(), Xlsx, FileNames.Lens(lensTable, "xlsx"));
                }
                var table = await TableAsync(queries, sector, wave, segment, category, ct);
                // A segment's workbook has its own wave only: the sector's trend is the whole brands'.
                IReadOnlyList<LeagueTable> history = table.Segment is null ? await queries.HistoryAsync(table.Sector, ct) : [table];
                using var stream = new MemoryStream();
                LeagueWorkbook.Write(table, history, stream);
                return TypedResults.File(stream.ToArray(), Xlsx, FileNames.League(table, "xlsx"));
            })
            .ProducesFile(Xlsx)
            .WithName("GetLeagueWorkbook")
            .WithSummary("The league table as an Excel workbook: League, Factors, Trend and Settings sheets; with lens=cee or kei, that lens's table and settings.");

        exports.MapGet("/brands/{brand}/report.pdf", async (
                string sector, string wave, string brand, LeagueQueries queries, TimeProvider clock, Branding branding, CancellationToken ct) =>
            {
                var data = await BrandReportData.LoadAsync(queries, sector, wave, brand, ct);
                using var pdf = new MemoryStream();
                BrandReport.Write(data, pdf, clock.GetUtcNow(), branding);
                return TypedResults.File(pdf.ToArray(), "application/pdf", FileNames.Report(data));
            })
            .ProducesFile("application/pdf")
            .WithName("GetBrandReportPdf")
            .WithSummary("A brand's A4 PDF report.");

        exports.MapGet("/brands/{brand}/report.pptx", async (
                string sector, string wave, string brand, LeagueQueries queries, TimeProvider clock, Branding branding, CancellationToken ct) =>
            {
                var data = await BrandReportData.LoadAsync(queries, sector, wave, brand, ct);
                using var deck = new MemoryStream();
                BrandDeck.Write(data, deck, clock.GetUtcNow(), branding);
                return TypedResults.File(deck.ToArray(), Pptx, FileNames.Report(data, "pptx"));
            })
            .ProducesFile(Pptx)
            .WithName("GetBrandReportDeck")
            .WithSummary("A brand's report as an editable PowerPoint deck.");

        exports.MapGet("/reports.zip", async (string sector, string wave, HttpContext http, LeagueQueries queries, TimeProvider clock, Branding branding, CancellationToken ct) =>
            {
                var table = await queries.LeagueAsync(sector, wave, ct);
                var history = await queries.HistoryAsync(table.Sector, ct);
                // Streamed as it is made: each brand's report (its what-to-fix-first and segments asked for
                // brand by brand) goes out when it is ready; ended, like any long download, when access is taken away.
                return TypedResults.Stream(async body =>
                    {
                        await using var watch = AccessWatch.Start(http, Policies.Exporters);
                        await ReportBundle.WriteAsync(history, table.Wave, body, clock.GetUtcNow(), branding,
                            async (data, c) => await (data with { Priorities = (await queries.PrioritiesAsync(table, data.Row.Brand, c)).GetValueOrDefault(data.Row.Brand) })
                                .WithSegmentsAndThemesAsync(queries, c), watch.Token);
                    },
                    "application/zip", FileNames.Bundle(table));
            })
            .ProducesFile("application/zip")
            .WithName("GetReportBundle")
            .WithSummary("Every brand's PDF report of the sector and wave, and the league workbook, in one zip.");

        // Respondent-level rows are personal data: for the people who import them (not those who present
        // results), each download audited, and ended when the caller's access is taken away mid-stream.
        var respondents = api.MapGroup("/sectors/{sector}/waves/{wave}")
            .RequireAuthorization(Policies.ApiRespondents)
            .AddEndpointFilter(LogExport);
        respondents.MapGet("/responses.csv", async (
                string sector, string wave, HttpContext http, Npgsql.NpgsqlDataSource dataSource, CancellationToken ct) =>
            {
                // Found first, so an unknown name still gets its 404; then rows go out as they are read
                // (a million-row wave never sits in memory, whatever the number of downloads).
                var found = await ResponseExport.FindAsync(dataSource, sector, wave, ct);
                return TypedResults.Stream(async body =>
                    {
                        await using var watch = AccessWatch.Start(http, Policies.RespondentReaders);
                        await using var writer = new StreamWriter(body, new System.Text.UTF8Encoding(false), 1 << 16);
                        await ResponseExport.WriteAsync(dataSource, found, writer, watch.Token);
                    },
                    "text/csv; charset=utf-8", FileNames.Responses(sector, wave));
            })
            .ProducesFile("text/csv")
            .WithName("GetResponses")
            .WithSummary("A sector's responses in a wave, in the import format (re-imports to the same numbers). Respondent-level data: DataManager and Admin only.");

        return app;
    }

    /// <summary>
    /// A league table's JSON, written once per table: the queries keep a table for its store
    /// generation, and this keeps its bytes for as long as the table lives (measured: serialising
    /// the document on every call cost half of the league API's throughput, docs/performance.md).
    /// </summary>
    private static IResult Json(LeagueTable table, JsonSerializerOptions options) =>
        TypedResults.Bytes(LeagueJson.GetValue(table, t => JsonSerializer.SerializeToUtf8Bytes(LeagueDocument.From(t), options)),
            "application/json; charset=utf-8");

    private static readonly ConditionalWeakTable<LeagueTable, byte[]> LeagueJson = new();

    /// <summary>The lens a query names; a key that is none of cx, cee, kei is a bad request that says so.</summary>
    private static Lens ParseLens(string? lens) =>
        Lenses.Parse(lens) ?? throw new InvalidRequestException("lens", $"The lens must be cx, cee or kei; got \"{Names.Printable(lens ?? "")}\".");

    internal const string SegmentDescription = "Step 26: a segment view, with category (e.g. segment=age&category=18-34): every number over the brands' respondents in that category, with the segment minimums.";
    internal const string CategoryDescription = "The segment's category; given with segment.";

    /// <summary>The CX+ table, or with segment and category (both, matched by the name rule) that segment view's (step 26).</summary>
    private static Task<LeagueTable> TableAsync(LeagueQueries queries, string sector, string wave, string? segment, string? category, CancellationToken ct) =>
        SegmentOf(segment, category) is { } cut ? queries.SegmentLeagueAsync(sector, wave, cut.Segment, cut.Category, ct) : queries.LeagueAsync(sector, wave, ct);

    /// <summary>The comment filter a query asks for; a tone, page or search that is none is a bad request that says so.</summary>
    internal static CommentFilter CommentFilterOf(string? brand, string? tone, string? segment, string? category, string? q, int? page) => new(
        string.IsNullOrWhiteSpace(brand) ? null : brand,
        string.IsNullOrWhiteSpace(tone) ? null
            : Enum.TryParse<Tone>(tone.Trim(), ignoreCase: true, out var t) && Enum.IsDefined(t) && !int.TryParse(tone, out _) ? t
            : throw new InvalidRequestException("tone", $"The tone must be promoter, passive or detractor; got \"{Names.Printable(tone)}\"."),
        SegmentOf(segment, category),
        q is { Length: > CommentFilter.MaxWords } ? throw new InvalidRequestException("q", $"A search may have at most {CommentFilter.MaxWords} characters.") : q,
        page is null ? 1 : page is >= 1 and <= 100_000 ? page.Value : throw new InvalidRequestException("page", "The page must be a whole number from 1."));

    /// <summary>The segment view a query asks for (both segment and category, or neither); one alone is a bad request that says so.</summary>
    internal static (string Segment, string Category)? SegmentOf(string? segment, string? category) =>
        (string.IsNullOrWhiteSpace(segment), string.IsNullOrWhiteSpace(category)) switch
        {
            (true, true) => null,
            (false, false) => (segment!, category!),
            (var noSegment, _) => throw new InvalidRequestException(noSegment ? "segment" : "category",
                "A segment view needs both segment and category, e.g. ?segment=age&category=18-34."),
        };

    /// <summary>Key drivers of a brand or the sector's pooled, within the segment view when there is one (step 26).</summary>
    private static Task<DriverResult> DriversAsync(LeagueQueries queries, string sector, string wave, string? brand, Lens lens, SegmentCut? segment, CancellationToken ct) =>
        segment is { } cut
            ? queries.SegmentDriversAsync(sector, wave, cut.Segment, cut.Category, brand, lens, intervals: true, ct)
            : queries.DriversAsync(sector, wave, brand, lens, intervals: true, ct);

    /// <summary>A lens's table (with segment and category, that segment view's) when the sector's wave asked it; otherwise "not found", in words.</summary>
    private static async Task<LensTable> AnsweredLensAsync(LeagueQueries queries, string sector, string wave, Lens lens, CancellationToken ct,
        string? segment = null, string? category = null)
    {
        if (SegmentOf(segment, category) is { } cut)
        {
            // The segment's category exists (or the sentence names those that do) before its lenses are looked at.
            var table = await queries.SegmentLeagueAsync(sector, wave, cut.Segment, cut.Category, ct);
            return (await queries.SegmentLensesAsync(sector, wave, cut.Segment, cut.Category, ct)).FirstOrDefault(l => l.Lens == lens)
                ?? throw new NotFoundException(new("NotFound.NoLensAnswers", table.Sector, lens.DisplayName(), table.Wave));
        }
        var whole = await queries.LensAsync(sector, wave, lens, ct);
        return whole.HasAnswers ? whole : throw new NotFoundException(new("NotFound.NoLensAnswers", whole.Sector, lens.DisplayName(), whole.Wave));
    }

    /// <summary>A query parameter with a value the API cannot use: answered 400 with the sentence and the parameter's name.</summary>
    private sealed class InvalidRequestException(string parameter, string message) : Exception(message)
    {
        public string Parameter { get; } = parameter;
    }

    /// <summary>Who exported what and how it went (the audit trail): the route's names and the status, never the contents.</summary>
    internal static async ValueTask<object?> LogExport(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var audit = http.RequestServices.GetRequiredService<AuditLog>();
        var what = Path.GetFileName(http.Request.Path.Value ?? "");
        var target = string.Join(" ", new[] { what, RouteNames.Decode(http, "sector"), RouteNames.Decode(http, "wave"), RouteNames.Decode(http, "brand") }.OfType<string>());
        var user = http.User.Identity?.Name ?? "";
        try
        {
            var result = await next(context);
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
            await audit.RecordAsync(user, "export", target, status.ToString(CultureInfo.InvariantCulture), ct: CancellationToken.None);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await audit.RecordAsync(user, "export", target, $"failed ({e.GetType().Name})", ct: CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Decodes the route's names exactly (<see cref="RouteNames"/>: a name may hold '/'), validates
    /// them before the endpoint runs and turns "not found" into a 404.
    /// </summary>
    private static ValueTask<object?> AnswerProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        AnswerProblemsAsync(context, next, followFormerNames: true);

    /// <summary>
    /// The same for a client's endpoints, without following former names: the agency's list of
    /// renames and merges spans every sector, and a redirect would name one the client holds no brand in.
    /// </summary>
    internal static ValueTask<object?> AnswerClientProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        AnswerProblemsAsync(context, next, followFormerNames: false);

    private static async ValueTask<object?> AnswerProblemsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool followFormerNames)
    {
        var parameters = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
        foreach (var (name, maxLength) in RouteParameters)
        {
            if (RouteNames.Decode(context.HttpContext, name) is not { } value) continue;
            for (var i = 0; i < parameters.Length && i < context.Arguments.Count; i++)
                if (parameters[i].Name == name && parameters[i].ParameterType == typeof(string)) context.Arguments[i] = value;
            var reason = string.IsNullOrWhiteSpace(value) ? "must not be empty"
                : value.Length > maxLength ? $"must be at most {maxLength} characters"
                : value.Any(char.IsControl) ? "must not contain control characters"
                : null;
            if (reason is not null)
                return TypedResults.Problem($"The {name} {reason}.", statusCode: StatusCodes.Status400BadRequest,
                    title: $"Invalid parameter: {name}", extensions: new Dictionary<string, object?> { ["parameter"] = name });
        }
        // ?language= names a language CxPlus speaks, or the answer says which it does (never silently another).
        if (context.HttpContext.Request.Query["language"] is [{ } language] && CxPlus.Reports.Localization.Languages.Find(language) is null)
            return TypedResults.Problem(
                $"The language \"{Names.Printable(language)}\" is not one CxPlus speaks; use {string.Join(" or ", CxPlus.Reports.Localization.Languages.Supported.Select(c => c.Name))}.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter: language", extensions: new Dictionary<string, object?> { ["parameter"] = "language" });
        try
        {
            return await next(context);
        }
        catch (NotFoundException e)
        {
            // A script's link from before a rename or merge: the same request under the current names.
            var http = context.HttpContext;
            var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw[0] == '/' ? raw : http.Request.GetEncodedPathAndQuery();
            if (followFormerNames && await FormerLinks.CurrentAsync(http.RequestServices.GetRequiredService<LeagueQueries>(), target, http.RequestAborted) is { } moved)
                return TypedResults.Redirect(moved, permanent: false, preserveMethod: true);
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        catch (InvalidRequestException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest,
                title: $"Invalid parameter: {e.Parameter}", extensions: new Dictionary<string, object?> { ["parameter"] = e.Parameter });
        }
    }
}

/// <summary>A sector of the benchmark (<c>GET /sectors</c>).</summary>
public sealed record SectorDocument(
    string Name,
    [property: Description("Brands with data in any wave.")] int Brands,
    [property: Description("Wave codes with data for the sector, in wave order.")] IReadOnlyList<string> Waves);

/// <summary>A wave of the benchmark (<c>GET /waves</c>).</summary>
public sealed record WaveDocument(
    [property: Description("The wave's code, e.g. 2026-Q3.")] string Code,
    [property: Description("Respondents of the wave that qualify (methodology step 2: rated at least 3 of the 5 factors), over every sector.")] long QualifyingRespondents);
