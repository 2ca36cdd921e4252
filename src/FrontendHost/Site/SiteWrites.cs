using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.FrontendHost.Site;

/// <summary>What the pages, programmes and announcements endpoints share (their write failures are
/// <see cref="OrleansRides.FrontendHost.Catalog.CatalogProblems"/>, as the catalog's are).</summary>
internal static class SiteWrites
{
    /// <summary>Null when <paramref name="caller"/> is staff (<see cref="Roles.EditorsPolicy"/>), else the 401 (no valid token) or
    /// 403 <c>FORBIDDEN</c> (another role) the policies would answer.</summary>
    public static async Task<ProblemHttpResult?> StaffOnlyAsync(System.Security.Claims.ClaimsPrincipal caller, IAuthorizationService authorization)
    {
        if (caller.Identity?.IsAuthenticated != true)
        {
            return ApiProblems.Problem(401, ErrorCodes.Unauthorized, "Sign in as staff to see this.");
        }
        return (await authorization.AuthorizeAsync(caller, Roles.EditorsPolicy)).Succeeded
            ? null
            : ApiProblems.Problem(403, ErrorCodes.Forbidden, "Only editors and admins may see this.");
    }

    /// <summary>A 400 <c>VALIDATION_FAILED</c> naming one field.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        ApiProblems.Validation(new Dictionary<string, string[]> { [field] = [message] });
}
