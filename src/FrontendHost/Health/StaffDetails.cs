using System.Security.Claims;
using OrleansRides.FrontendHost.Auth;

namespace OrleansRides.FrontendHost.Health;

/// <summary>Who may see operational details (database errors, host names, process ids): admins and editors. Everyone else
/// gets status only, so that an anonymous caller cannot map the deployment (issue 8, item 8).</summary>
public static class StaffDetails
{
    /// <summary>Whether <paramref name="user"/> (from a valid bearer token, or anonymous) is staff.</summary>
    public static bool AreShownTo(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Editor);
}
