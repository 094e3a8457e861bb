using CxPlus.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CxPlus.Web.Features.Accounts;

/// <summary>
/// Every request a signed-in caller is refused (403) is an audit event: who, which page or
/// endpoint, which roles it needed. A client trying another member's detail, or a viewer an
/// export, is then visible to the administrators, not only in a log. Navigation inside a circuit
/// is audited by the route view's refusal (<see cref="AccessDeniedNotice"/>).
/// </summary>
public sealed class DeniedAccessAudit(AuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _answer = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
            await RecordAsync(audit, context.User.Identity?.Name, $"{context.Request.Method} {context.Request.Path}",
                [.. (authorizeResult.AuthorizationFailure?.FailedRequirements ?? []).OfType<RolesAuthorizationRequirement>().Select(r => r.AllowedRoles.ToList())]);
        await _answer.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>
    /// Records a client's request for a brand its organisation does not hold (answered 404, as if
    /// the brand were not there: the answer says nothing of it, the audit says who asked).
    /// </summary>
    public static Task RecordOutOfScopeAsync(AuditLog audit, string? user, string what) =>
        audit.RecordAsync(user ?? "", "access-denied", what, "refused: not one of the organisation's brands", ct: CancellationToken.None);

    /// <summary>
    /// Records a refusal; <paramref name="needed"/> holds each failed requirement's roles (one of
    /// each set is needed), e.g. "refused: needs Admin", "refused: needs one of DataManager, Admin".
    /// </summary>
    public static Task RecordAsync(AuditLog audit, string? user, string what, IReadOnlyList<IReadOnlyList<string>> needed) =>
        audit.RecordAsync(user ?? "", "access-denied", what,
            needed.Count == 0 ? "refused"
                : "refused: needs " + string.Join(" and ", needed.Select(roles => roles.Count == 1 ? roles[0] : $"one of {string.Join(", ", roles)}")),
            ct: CancellationToken.None);
}
