namespace OrleansRides.Lounges;

/// <summary>The lounge platform's stable error codes (RFC 9457 <c>code</c> over HTTP), with the status each answers.</summary>
public static class LoungeErrors
{
    // Sign-in sessions.
    /// <summary>401: the refresh token is unknown, malformed or its session has expired.</summary>
    public const string InvalidRefreshToken = "INVALID_REFRESH_TOKEN";
    /// <summary>401: the refresh token was already rotated; presenting it again is taken for theft and its whole session
    /// was revoked (every device holding a token of it must sign in again).</summary>
    public const string RefreshTokenReused = "REFRESH_TOKEN_REUSED";
    /// <summary>401: the session was signed out, logged out, or ended by an admin.</summary>
    public const string SessionRevoked = "SESSION_REVOKED";
    /// <summary>404: no session of the caller has that id.</summary>
    public const string SessionNotFound = "SESSION_NOT_FOUND";

    // Lounges.
    /// <summary>404: no lounge has that id, or the caller may not see it (a private lounge they are not a member of:
    /// indistinguishable from none, so ids cannot be probed).</summary>
    public const string LoungeNotFound = "LOUNGE_NOT_FOUND";
    /// <summary>403: the action needs a lounge moderator or owner (or site staff, where stated).</summary>
    public const string NotLoungeModerator = "NOT_LOUNGE_MODERATOR";
    /// <summary>403: the action needs the lounge's owner.</summary>
    public const string NotLoungeOwner = "NOT_LOUNGE_OWNER";
    /// <summary>403: the caller is not a member of the lounge.</summary>
    public const string NotLoungeMember = "NOT_LOUNGE_MEMBER";
    /// <summary>404: the user is not a member of the lounge.</summary>
    public const string MemberNotFound = "MEMBER_NOT_FOUND";
    /// <summary>409: the owner cannot be muted, removed, demoted or leave (they delete the lounge instead).</summary>
    public const string OwnerProtected = "OWNER_PROTECTED";
    /// <summary>403: a private lounge needs an invite link or the owner's approval to join.</summary>
    public const string InviteRequired = "INVITE_REQUIRED";
    /// <summary>404: the invite link is unknown, expired, revoked or used up.</summary>
    public const string InviteInvalid = "INVITE_INVALID";
    /// <summary>404: no pending join request of that user.</summary>
    public const string JoinRequestNotFound = "JOIN_REQUEST_NOT_FOUND";

    // Lounge roles, privacy and invites (helper B).
    /// <summary>409: the caller is a member of the lounge already (a join request is not needed).</summary>
    public const string AlreadyMember = "ALREADY_MEMBER";
    /// <summary>403: the lounge's moderators removed the caller; only an invite link or the owner's approval lets them back.</summary>
    public const string RemovedFromLounge = "REMOVED_FROM_LOUNGE";
    /// <summary>409: the owner rejected the caller's earlier request; it can be made again once the cleanup job forgets the
    /// rejection (30 days).</summary>
    public const string JoinRequestRejected = "JOIN_REQUEST_REJECTED";
    /// <summary>404: the lounge has no invite link with that id.</summary>
    public const string InviteNotFound = "INVITE_NOT_FOUND";

    // Marketplace.
    /// <summary>404: no listing has that id (or it is in a lounge the caller cannot see).</summary>
    public const string ListingNotFound = "LISTING_NOT_FOUND";
    /// <summary>403: only the listing's seller may change or withdraw it.</summary>
    public const string NotSeller = "NOT_SELLER";
    /// <summary>409: the listing is reserved, sold or withdrawn, so it cannot be bought or changed.</summary>
    public const string ListingUnavailable = "LISTING_UNAVAILABLE";
    /// <summary>409: sellers cannot buy their own listing.</summary>
    public const string OwnListing = "OWN_LISTING";
    /// <summary>409: the idempotency key was used by this buyer for another listing.</summary>
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    /// <summary>400: the currency is not an active ISO 4217 code this platform lists.</summary>
    public const string UnknownCurrency = "UNKNOWN_CURRENCY";
    /// <summary>404: no transaction has that id, or the caller is neither its buyer nor its seller.</summary>
    public const string TransactionNotFound = "TRANSACTION_NOT_FOUND";
    /// <summary>409: the transaction is completed or cancelled already.</summary>
    public const string TransactionClosed = "TRANSACTION_CLOSED";
    /// <summary>403: only the seller confirms receipt (completes a transaction).</summary>
    public const string NotTransactionSeller = "NOT_TRANSACTION_SELLER";
    /// <summary>400: a gallery image id that does not exist.</summary>
    public const string ImageNotFound = "IMAGE_NOT_FOUND";
    /// <summary>422: a currency's total of the transactions listed does not fit in 64-bit minor units (narrow the list).</summary>
    public const string TotalOverflow = "TOTAL_OVERFLOW";
}
