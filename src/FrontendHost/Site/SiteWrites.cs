using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Site;

/// <summary>What the pages, programmes and announcements endpoints share.</summary>
internal static class SiteWrites
{
    /// <summary>The problem of a failed catalog-style write: 404 <paramref name="notFoundCode"/> or 409 <c>SLUG_TAKEN</c>.</summary>
    public static ProblemHttpResult Problem(WriteFailure failure, string notFoundCode) => failure switch
    {
        WriteFailure.NotFound => NotFound(notFoundCode),
        WriteFailure.SlugTaken => ApiProblems.Problem(409, CatalogErrors.SlugTaken, "Another item already has this slug."),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Not a failure of this kind."),
    };

    /// <summary>A 404 with <paramref name="code"/>.</summary>
    public static ProblemHttpResult NotFound(string code) => ApiProblems.Problem(404, code, "No such item.");

    /// <summary>Null when <paramref name="caller"/> is staff (<see cref="Roles.EditorsPolicy"/>), else the 401 (no valid token) or
    /// 403 <c>FORBIDDEN</c> (another role) the policies would answer.</summary>
    public static async Task<ProblemHttpResult?> StaffOnlyAsync(System.Security.Claims.ClaimsPrincipal caller, IAuthorizationService authorization)
    {
        if (caller.Identity?.IsAuthenticated != true)
        {
            return ApiProblems.Problem(401, "UNAUTHORIZED", "Sign in as staff to see this.");
        }
        return (await authorization.AuthorizeAsync(caller, Roles.EditorsPolicy)).Succeeded
            ? null
            : ApiProblems.Problem(403, "FORBIDDEN", "Only editors and admins may see this.");
    }

    /// <summary>A 400 <c>VALIDATION_FAILED</c> naming one field.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        ApiProblems.Validation(new Dictionary<string, string[]> { [field] = [message] });
}
