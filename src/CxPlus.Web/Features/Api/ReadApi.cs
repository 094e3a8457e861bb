using CxPlus.Data;
using CxPlus.Data.League;
using CxPlus.Reports;
using CxPlus.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CxPlus.Web.Features.Api;

/// <summary>
/// The versioned, read-only API: what the dashboard shows, for other tools. The league JSON is
/// the CLI's (<see cref="LeagueDocument"/>). Bad parameters get 400 with a problem-details body
/// naming the parameter; an unknown sector, wave or brand 404.
/// </summary>
public static class ReadApi
{
    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("CX+ read API");

        api.MapGet("/sectors", async (LeagueQueries queries, CancellationToken ct) =>
            TypedResults.Ok((await queries.SectorsAsync(ct)).Select(s => new { s.Name, s.Brands, s.Waves })))
            .WithSummary("Sectors with their number of brands and the waves in which they have data.");

        api.MapGet("/waves", async (LeagueQueries queries, CancellationToken ct) =>
            TypedResults.Ok((await queries.WavesAsync(ct)).Select(w => new { w.Code, QualifyingRespondents = w.Responses })))
            .WithSummary("Waves in wave order.");

        api.MapGet("/sectors/{sector}/waves/{wave}/league", async Task<Results<Ok<LeagueDocument>, ProblemHttpResult>> (
                string sector, string wave, LeagueQueries queries, CancellationToken ct) =>
            await WithLeague(sector, wave, queries, ct, table => TypedResults.Ok(LeagueDocument.From(table))))
            .WithSummary("A sector's league table for a wave (the same JSON as `cxplus league --format json`).");

        api.MapGet("/sectors/{sector}/waves/{wave}/league.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                string sector, string wave, LeagueQueries queries, CancellationToken ct) =>
            await WithLeague(sector, wave, queries, ct, table => TypedResults.File(
                System.Text.Encoding.UTF8.GetBytes(LeagueCsv.ToCsv(table)), "text/csv; charset=utf-8", FileNames.League(table.Sector, table.Wave, "csv"))))
            .WithSummary("The league table as CSV (UTF-8, one header row).");

        api.MapGet("/sectors/{sector}/waves/{wave}/league.xlsx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                string sector, string wave, LeagueQueries queries, CancellationToken ct) =>
            await WithLeague(sector, wave, queries, ct, table =>
            {
                using var stream = new MemoryStream();
                LeagueExport.WriteExcel(table, stream);
                return TypedResults.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileNames.League(table.Sector, table.Wave, "xlsx"));
            }))
            .WithSummary("The league table as Excel, with a Settings sheet.");

        api.MapGet("/sectors/{sector}/waves/{wave}/brands/{brand}/report.pdf", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                string sector, string wave, string brand, LeagueQueries queries, TimeProvider clock, CancellationToken ct) =>
            {
                if ((Invalid("sector", sector, Limits.NameLength) ?? Invalid("wave", wave, Limits.WaveCodeLength)
                     ?? Invalid("brand", brand, Limits.NameLength)) is { } bad) return bad;
                try
                {
                    var data = await BrandReportData.LoadAsync(queries, sector, wave, brand, ct);
                    using var pdf = new MemoryStream();
                    BrandReport.Write(data, pdf, clock.GetUtcNow());
                    return TypedResults.File(pdf.ToArray(), "application/pdf", FileNames.Report(data));
                }
                catch (NotFoundException e)
                {
                    return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
                }
            })
            .WithSummary("A brand's A4 PDF report.");

        api.MapGet("/sectors/{sector}/waves/{wave}/responses.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                string sector, string wave, Npgsql.NpgsqlDataSource dataSource, CancellationToken ct) =>
            {
                if ((Invalid("sector", sector, Limits.NameLength) ?? Invalid("wave", wave, Limits.WaveCodeLength)) is { } bad) return bad;
                try
                {
                    await using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                    await ResponseExport.WriteAsync(dataSource, sector, wave, text, ct);
                    return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8",
                        FileNames.Responses(sector, wave));
                }
                catch (NotFoundException e)
                {
                    return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
                }
            })
            .WithSummary("A sector's responses in a wave, in the import format (re-imports to the same numbers).");

        return app;
    }

    private static async Task<Results<T, ProblemHttpResult>> WithLeague<T>(string sector, string wave, LeagueQueries queries,
        CancellationToken ct, Func<LeagueTable, T> respond) where T : IResult
    {
        if ((Invalid("sector", sector, Limits.NameLength) ?? Invalid("wave", wave, Limits.WaveCodeLength)) is { } bad) return bad;
        try
        {
            return respond(await queries.LeagueAsync(sector, wave, ct));
        }
        catch (NotFoundException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
    }

    /// <summary>Null when the parameter is acceptable; else a 400 naming it.</summary>
    private static ProblemHttpResult? Invalid(string name, string value, int maxLength)
    {
        var reason = string.IsNullOrWhiteSpace(value) ? "must not be empty"
            : value.Length > maxLength ? $"must be at most {maxLength} characters"
            : value.Any(char.IsControl) ? "must not contain control characters"
            : null;
        return reason is null ? null : TypedResults.Problem($"The {name} {reason}.", statusCode: StatusCodes.Status400BadRequest,
            title: $"Invalid parameter: {name}", extensions: new Dictionary<string, object?> { ["parameter"] = name });
    }

}
