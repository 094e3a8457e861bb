using CxPlus.Data;
using CxPlus.Web.Features.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace CxPlus.Web.Features.Imports;

/// <summary>
/// POST /data/imports/upload: the browser's form sends a response file; it is streamed to disk
/// (ASP.NET buffers large form files to disk, then we copy them to the pending folder) and the
/// data manager is sent to its check page. Nothing touches the store until they commit there.
/// </summary>
public static class UploadEndpoint
{
    public const string Path = "/data/imports/upload";

    public static IEndpointRouteBuilder MapUploadEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (HttpContext http, IAntiforgery antiforgery, PendingUploads uploads, AuditLog audit, CancellationToken ct) =>
            {
                var user = http.User.Identity?.Name ?? "";
                IFormCollection form;
                try
                {
                    form = await http.Request.ReadFormAsync(ct);
                }
                catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException)
                {
                    await audit.RecordAsync(user, "upload", "a file", $"refused: larger than {PendingUploads.MaxBytesText}", ct: CancellationToken.None);
                    return Back("too-large");
                }
                catch (Exception e) when (e is BadHttpRequestException or InvalidOperationException or IOException)
                {
                    await audit.RecordAsync(user, "upload", "a file", $"refused: not a complete form ({e.GetType().Name})", ct: CancellationToken.None);
                    return Back("not-a-file");
                }
                try
                {
                    await antiforgery.ValidateRequestAsync(http);
                }
                catch (AntiforgeryValidationException)
                {
                    return Back("expired");
                }
                var file = form.Files.GetFile("file");
                if (file is null || file.Length == 0) return Back("empty");
                var upload = await uploads.SaveAsync(file, user, form["replace"] == "true", ct);
                await audit.RecordAsync(user, "upload", upload.FileName, $"{upload.Bytes} bytes, waiting for its check", ct: CancellationToken.None);
                return Results.Redirect($"/data/imports/pending/{upload.Id:N}");
            })
            .RequireAuthorization(Policies.Import)
            .WithMetadata(new RequestSizeLimitAttribute(PendingUploads.MaxBytes + 64 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: PendingUploads.MaxBytes + 64 * 1024)
            .ExcludeFromDescription();
        return app;
    }

    // A code, not a sentence: the page says it in its own words, so nobody can put text on our page through a link.
    private static IResult Back(string problem) => Results.Redirect($"/data/imports?upload={problem}");
}
