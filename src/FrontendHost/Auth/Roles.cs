namespace OrleansRides.FrontendHost.Auth;

/// <summary>Account roles (the station's: <c>admin</c>, <c>editor</c>, <c>penyiar</c> = on-air DJ, <c>member</c>), the
/// role of anonymous live-chat sessions, and the authorization policies built from them.</summary>
public static class Roles
{
    /// <summary>Manages users, rooms and banned terms.</summary>
    public const string Admin = "admin";
    /// <summary>Edits the site and moderates the chat.</summary>
    public const string Editor = "editor";
    /// <summary>An on-air DJ: sees and decides song requests.</summary>
    public const string Penyiar = "penyiar";
    /// <summary>A signed-up member: lounges and the live chat.</summary>
    public const string Member = "member";
    /// <summary>An anonymous live-chat session: radio rooms only. Never stored on an account.</summary>
    public const string Listener = "listener";

    /// <summary>The roles an account can have.</summary>
    public static readonly string[] AccountRoles = [Admin, Editor, Penyiar, Member];

    /// <summary>Policy: any signed-in account (not an anonymous session).</summary>
    public const string MembersPolicy = "members";
    /// <summary>Policy: admins and editors.</summary>
    public const string ModeratorsPolicy = "moderators";
    /// <summary>Policy: admins and editors in their site and catalog role (review routes, manage regions and tags, cancel any
    /// ride): the same people as <see cref="ModeratorsPolicy"/>, named for what they do here.</summary>
    public const string EditorsPolicy = "editors";
    /// <summary>Policy: DJs (<c>penyiar</c>) and admins.</summary>
    public const string DjsPolicy = "djs";
    /// <summary>Policy: station staff — admins, editors and DJs (<c>penyiar</c>): the listener services' queues (prayer and
    /// song requests), which DJs read on air as much as editors do.</summary>
    public const string StationStaffPolicy = "station-staff";
    /// <summary>Policy: admins.</summary>
    public const string AdminsPolicy = "admins";
    /// <summary>Policy: any valid token, accounts and anonymous sessions alike.</summary>
    public const string ChattersPolicy = "chatters";

    /// <summary>Whether the role is station staff (admin, editor, penyiar), who may use staff-looking display names.</summary>
    public static bool IsStaff(string? role) => role is Admin or Editor or Penyiar;

    /// <summary>Whether the role may moderate.</summary>
    public static bool IsModerator(string? role) => role is Admin or Editor;
}
