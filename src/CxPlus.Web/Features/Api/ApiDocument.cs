using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CxPlus.Web.Features.Api;

/// <summary>
/// The read API's OpenAPI document as other software reads it (issue #31): what it is and under which terms,
/// its two groups of operations, where it is served, and the bearer scheme of API tokens, required by every
/// operation, which may answer 401 (no valid token; <c>WWW-Authenticate: Bearer</c>) or 403 (a role that may not).
/// Redocly's linter finds nothing in it (ApiContractTests).
/// </summary>
public static class ApiDocument
{
    public const string Scheme = "bearer";
    public const string AgencyTag = "CX+ read API";
    public const string ClientTag = "CX+ read API for clients";

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CxPlus read API",
                Version = "v1",
                Description = "The CX+ index of every brand in a sector, wave after wave: league tables, lenses, drivers, themes, "
                    + "comments and alerts as JSON, and the tables and reports as files. Numbers are as defined in the CxPlus methodology (v3).",
                // An SPDX reference to terms of our own: the benchmark is licensed to subscribers, not open.
                License = new OpenApiLicense { Name = "Proprietary: for CxPlus subscribers and their clients", Identifier = "LicenseRef-CxPlus-Subscription" },
            };
            // Relative to where the document is served, so it holds behind any host name or proxy
            // (the framework's default names the host of the request that asked for it).
            document.Servers = [new OpenApiServer { Url = "/", Description = "This CxPlus installation" }];
            document.Tags = new HashSet<OpenApiTag>
            {
                new() { Name = AgencyTag, Description = "The whole benchmark, for the agency's analysts and consultants: every sector, wave and brand, drafts included." },
                new() { Name = ClientTag, Description = "What a client sees: its own brands in full and the published benchmark around them, in released waves only." },
            };
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
