namespace OrleansRides.Catalog;

/// <summary>The account roles that run the catalog (approve routes, manage regions and tags, manage any route): admin and
/// editor. The same people as FrontendHost's <c>Roles.EditorsPolicy</c> / <c>Roles.IsEditorOrAdmin</c>; repeated here
/// because the catalog's rules are tested without the web host.</summary>
public static class StaffRoles
{
    /// <summary>Whether <paramref name="role"/> (the token's <c>role</c> claim) is admin or editor.</summary>
    public static bool IsEditorOrAdmin(string? role) => role is "admin" or "editor";
}
