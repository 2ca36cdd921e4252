namespace OrleansRides.GrainInterfaces.Errors;

public static partial class ErrorCodes
{
    // The lounge platform (src/Lounges): lounges, members, invites.

    /// <summary>404: no lounge has that id, or the caller may not see it (a private lounge they are not a member of).</summary>
    [ErrorStatus(404)] public const string LoungeNotFound = "LOUNGE_NOT_FOUND";

    /// <summary>403: the action needs a lounge moderator or owner (or site staff, where stated).</summary>
    [ErrorStatus(403)] public const string NotLoungeModerator = "NOT_LOUNGE_MODERATOR";

    /// <summary>403: the action needs the lounge's owner.</summary>
    [ErrorStatus(403)] public const string NotLoungeOwner = "NOT_LOUNGE_OWNER";

    /// <summary>403: the caller is not (or no longer) a member of the lounge (REST, and its chat room).</summary>
    [ErrorStatus(403)] public const string NotLoungeMember = "NOT_LOUNGE_MEMBER";

    /// <summary>404: the user is not a member of the lounge.</summary>
    [ErrorStatus(404)] public const string MemberNotFound = "MEMBER_NOT_FOUND";

    /// <summary>409: the owner cannot be muted, removed, demoted or leave.</summary>
    [ErrorStatus(409)] public const string OwnerProtected = "OWNER_PROTECTED";

    /// <summary>403: a private lounge needs an invite link or the owner's approval to join.</summary>
    [ErrorStatus(403)] public const string InviteRequired = "INVITE_REQUIRED";

    /// <summary>404: the invite link is unknown, expired, revoked or used up.</summary>
    [ErrorStatus(404)] public const string InviteInvalid = "INVITE_INVALID";

    /// <summary>404: the lounge has no invite link with that id.</summary>
    [ErrorStatus(404)] public const string InviteNotFound = "INVITE_NOT_FOUND";

    /// <summary>404: no pending join request of that user.</summary>
    [ErrorStatus(404)] public const string JoinRequestNotFound = "JOIN_REQUEST_NOT_FOUND";

    /// <summary>409: the owner rejected the caller's earlier join request (it can be made again after 30 days).</summary>
    [ErrorStatus(409)] public const string JoinRequestRejected = "JOIN_REQUEST_REJECTED";

    /// <summary>409: the caller is a member of the lounge already.</summary>
    [ErrorStatus(409)] public const string AlreadyMember = "ALREADY_MEMBER";

    /// <summary>403: the lounge's moderators removed the caller; only an invite link or the owner's approval lets them back.</summary>
    [ErrorStatus(403)] public const string RemovedFromLounge = "REMOVED_FROM_LOUNGE";

    // The marketplace.

    /// <summary>404: no listing has that id (or it is in a lounge the caller cannot see).</summary>
    [ErrorStatus(404)] public const string ListingNotFound = "LISTING_NOT_FOUND";

    /// <summary>403: only the listing's seller may change or withdraw it.</summary>
    [ErrorStatus(403)] public const string NotSeller = "NOT_SELLER";

    /// <summary>409: the listing is reserved, sold or withdrawn.</summary>
    [ErrorStatus(409)] public const string ListingUnavailable = "LISTING_UNAVAILABLE";

    /// <summary>409: sellers cannot buy their own listing.</summary>
    [ErrorStatus(409)] public const string OwnListing = "OWN_LISTING";

    /// <summary>409: the idempotency key was used by this buyer for another listing.</summary>
    [ErrorStatus(409)] public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";

    /// <summary>400: the currency is not an active ISO 4217 code this platform lists.</summary>
    [ErrorStatus(400)] public const string UnknownCurrency = "UNKNOWN_CURRENCY";

    /// <summary>404: no transaction has that id, or the caller is neither its buyer nor its seller.</summary>
    [ErrorStatus(404)] public const string TransactionNotFound = "TRANSACTION_NOT_FOUND";

    /// <summary>409: the transaction is completed or cancelled already.</summary>
    [ErrorStatus(409)] public const string TransactionClosed = "TRANSACTION_CLOSED";

    /// <summary>403: only the seller confirms receipt (completes a transaction).</summary>
    [ErrorStatus(403)] public const string NotTransactionSeller = "NOT_TRANSACTION_SELLER";

    /// <summary>400: a gallery image id (in a listing's body) that does not exist: a wrong field, not a missing resource.</summary>
    [ErrorStatus(400)] public const string ImageNotFound = "IMAGE_NOT_FOUND";

    /// <summary>422: a currency's total of the transactions listed does not fit in 64-bit minor units (narrow the list).</summary>
    [ErrorStatus(422)] public const string TotalOverflow = "TOTAL_OVERFLOW";
}
