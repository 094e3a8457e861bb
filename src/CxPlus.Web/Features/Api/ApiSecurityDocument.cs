using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CxPlus.Web.Features.Api;

/// <summary>
/// The read API's OpenAPI document says how to call it (issue #31): the bearer scheme of API tokens,
/// required by every operation, which may answer 401 (no valid token; <c>WWW-Authenticate: Bearer</c>)
/// or 403 (a role that may not).
/// </summary>
public static class ApiSecurityDocument
{
    public const string Scheme = "bearer";

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.AddComponent<IOpenApiSecurityScheme>(Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token (cxp_…) from the \"API tokens\" page behind your name, or `cxplus users token`; it carries its user's roles.",
            });
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid API token: none, unknown, revoked, or its user disabled. The answer names the scheme: WWW-Authenticate: Bearer." });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token's user has no role that may do this (e.g. a Viewer asking for a file)." });
            return Task.CompletedTask;
        });
    }
}
