namespace OrleansRides.Lounges.LoungeAccess;

/// <summary>Who may find and join a lounge.</summary>
public enum LoungeVisibility
{
    /// <summary>Listed to every member; any member may join.</summary>
    Public,
    /// <summary>Listed, readable and joinable only by its members; others join by an invite link or the owner's approval.</summary>
    Private,
}

/// <summary>A lounge as the caller sees it.</summary>
/// <param name="Id">Short id (8 characters); the room is <c>lounge/{id}</c>.</param>
/// <param name="Room">The room key for <c>JoinRoom</c>.</param>
/// <param name="Name">1 to 80 characters.</param>
/// <param name="Description">At most 500 characters.</param>
/// <param name="Visibility">Public or private.</param>
/// <param name="MyRole">The caller's role, or <c>null</c> when they are not a member.</param>
/// <param name="MemberCount">Rows of <c>lounge_members</c>.</param>
/// <param name="PresenceCount">Connections in the room now (from its grain; <c>null</c> when not asked).</param>
/// <param name="CreatedAt">UTC.</param>
public sealed record LoungeSummary(
    string Id, string Room, string Name, string? Description, LoungeVisibility Visibility, LoungeRole? MyRole, int MemberCount,
    int? PresenceCount, DateTimeOffset CreatedAt);

/// <summary>A member of a lounge.</summary>
/// <param name="UserId">The account.</param>
/// <param name="Name">The account's display name.</param>
/// <param name="Role">Owner, moderator or member.</param>
/// <param name="JoinedAt">UTC.</param>
/// <param name="MutedUntil">UTC end of a mute still running, else <c>null</c>.</param>
public sealed record LoungeMember(Guid UserId, string Name, LoungeRole Role, DateTimeOffset JoinedAt, DateTimeOffset? MutedUntil);

/// <summary>An invite link as listed to the lounge's moderators (never its token: only its hash is stored).</summary>
/// <param name="Id">The invite's id (for revoking).</param>
/// <param name="CreatedBy">The owner or moderator who made it.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="ExpiresAt">UTC.</param>
/// <param name="MaxUses">How many accepts it allows, or <c>null</c> for no limit.</param>
/// <param name="Uses">Accepts so far.</param>
/// <param name="RevokedAt">UTC, when revoked.</param>
public sealed record LoungeInvite(Guid Id, Guid CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, int? MaxUses, int Uses, DateTimeOffset? RevokedAt);

/// <summary>A new invite link: the only time its token is seen.</summary>
/// <param name="Id">The invite's id.</param>
/// <param name="Token">43 URL-safe characters (32 random bytes).</param>
/// <param name="Url">The web page that opens it: <c>/lounges.html#invite=TOKEN</c> (a fragment, so it never reaches a server log).</param>
/// <param name="ExpiresAt">UTC.</param>
public sealed record CreatedInvite(Guid Id, string Token, string Url, DateTimeOffset ExpiresAt);

/// <summary>What an invite link shows before it is accepted, and nothing else of the lounge.</summary>
/// <param name="Name">The lounge's name.</param>
/// <param name="Description">Its description.</param>
/// <param name="MemberCount">Its members.</param>
public sealed record InvitePreview(string Name, string? Description, int MemberCount);

/// <summary>A pending request to join a private lounge.</summary>
/// <param name="UserId">Who asks.</param>
/// <param name="Name">Their display name.</param>
/// <param name="Message">Their note to the owner, if any.</param>
/// <param name="RequestedAt">UTC.</param>
public sealed record JoinRequest(Guid UserId, string Name, string? Message, DateTimeOffset RequestedAt);

/// <summary>A row of a lounge's moderation log.</summary>
/// <param name="Action"><c>hide</c>, <c>delete</c> (a message), <c>mute</c>, <c>unmute</c>, <c>remove</c>, <c>role</c>,
/// <c>rename</c>, <c>visibility</c>, <c>delete_lounge</c>.</param>
/// <param name="ModeratorId">The actor's user id.</param>
/// <param name="MessageId">The moderated message, for message actions.</param>
/// <param name="TargetUserId">The member acted on, for member actions.</param>
/// <param name="Until">UTC end of a mute.</param>
/// <param name="Reason">The actor's reason, or what changed (a new role, name or visibility).</param>
/// <param name="ModeratedAt">UTC.</param>
public sealed record LoungeLogEntry(
    string Action, string ModeratorId, Guid? MessageId, string? TargetUserId, DateTimeOffset? Until, string? Reason, DateTimeOffset ModeratedAt);

/// <summary>The outcome of a member-row change the room grain must hear of.</summary>
public enum MemberChange
{
    /// <summary>The row changed.</summary>
    Done,
    /// <summary>No lounge, or the caller may not see it.</summary>
    LoungeNotFound,
    /// <summary>The target is not a member.</summary>
    MemberNotFound,
    /// <summary>The target is the owner.</summary>
    OwnerProtected,
    /// <summary>The target is a moderator: only the owner acts on moderators.</summary>
    NeedsOwner,
}
