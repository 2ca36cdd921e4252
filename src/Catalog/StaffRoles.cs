namespace OrleansRides.Catalog;

/// <summary>The account roles that run the catalog (approve routes, manage regions and tags, manage any route): admin and
/// editor: the same people as FrontendHost's <c>Roles.EditorsPolicy</c>. The check lives here, in the catalog, so that its
/// rules are tested without the web host and its endpoints use the same one.</summary>
public static class StaffRoles
{
    /// <summary>Whether <paramref name="role"/> (the token's <c>role</c> claim) is admin or editor.</summary>
    public static bool IsEditorOrAdmin(string? role) => role is "admin" or "editor";
}
