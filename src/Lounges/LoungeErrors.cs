using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.Lounges;

/// <summary>The lounge platform's stable error codes (RFC 9457 <c>code</c> over HTTP): aliases of <see cref="ErrorCodes"/>, which
/// gives the status each answers.</summary>
public static class LoungeErrors
{
    // Sign-in sessions.
    /// <inheritdoc cref="ErrorCodes.InvalidRefreshToken"/>
    public const string InvalidRefreshToken = ErrorCodes.InvalidRefreshToken;
    /// <inheritdoc cref="ErrorCodes.RefreshTokenReused"/>
    public const string RefreshTokenReused = ErrorCodes.RefreshTokenReused;
    /// <inheritdoc cref="ErrorCodes.SessionRevoked"/>
    public const string SessionRevoked = ErrorCodes.SessionRevoked;
    /// <inheritdoc cref="ErrorCodes.SessionNotFound"/>
    public const string SessionNotFound = ErrorCodes.SessionNotFound;

    // Lounges.
    /// <inheritdoc cref="ErrorCodes.LoungeNotFound"/>
    public const string LoungeNotFound = ErrorCodes.LoungeNotFound;
    /// <inheritdoc cref="ErrorCodes.NotLoungeModerator"/>
    public const string NotLoungeModerator = ErrorCodes.NotLoungeModerator;
    /// <inheritdoc cref="ErrorCodes.NotLoungeOwner"/>
    public const string NotLoungeOwner = ErrorCodes.NotLoungeOwner;
    /// <inheritdoc cref="ErrorCodes.NotLoungeMember"/>
    public const string NotLoungeMember = ErrorCodes.NotLoungeMember;
    /// <inheritdoc cref="ErrorCodes.MemberNotFound"/>
    public const string MemberNotFound = ErrorCodes.MemberNotFound;
    /// <inheritdoc cref="ErrorCodes.OwnerProtected"/>
    public const string OwnerProtected = ErrorCodes.OwnerProtected;
    /// <inheritdoc cref="ErrorCodes.InviteRequired"/>
    public const string InviteRequired = ErrorCodes.InviteRequired;
    /// <inheritdoc cref="ErrorCodes.InviteInvalid"/>
    public const string InviteInvalid = ErrorCodes.InviteInvalid;
    /// <inheritdoc cref="ErrorCodes.JoinRequestNotFound"/>
    public const string JoinRequestNotFound = ErrorCodes.JoinRequestNotFound;

    // Lounge roles, privacy and invites (helper B).
    /// <inheritdoc cref="ErrorCodes.AlreadyMember"/>
    public const string AlreadyMember = ErrorCodes.AlreadyMember;
    /// <inheritdoc cref="ErrorCodes.RemovedFromLounge"/>
    public const string RemovedFromLounge = ErrorCodes.RemovedFromLounge;
    /// <inheritdoc cref="ErrorCodes.JoinRequestRejected"/>
    public const string JoinRequestRejected = ErrorCodes.JoinRequestRejected;
    /// <inheritdoc cref="ErrorCodes.InviteNotFound"/>
    public const string InviteNotFound = ErrorCodes.InviteNotFound;

    // Marketplace.
    /// <inheritdoc cref="ErrorCodes.ListingNotFound"/>
    public const string ListingNotFound = ErrorCodes.ListingNotFound;
    /// <inheritdoc cref="ErrorCodes.NotSeller"/>
    public const string NotSeller = ErrorCodes.NotSeller;
    /// <inheritdoc cref="ErrorCodes.ListingUnavailable"/>
    public const string ListingUnavailable = ErrorCodes.ListingUnavailable;
    /// <inheritdoc cref="ErrorCodes.OwnListing"/>
    public const string OwnListing = ErrorCodes.OwnListing;
    /// <inheritdoc cref="ErrorCodes.IdempotencyKeyReused"/>
    public const string IdempotencyKeyReused = ErrorCodes.IdempotencyKeyReused;
    /// <inheritdoc cref="ErrorCodes.UnknownCurrency"/>
    public const string UnknownCurrency = ErrorCodes.UnknownCurrency;
    /// <inheritdoc cref="ErrorCodes.TransactionNotFound"/>
    public const string TransactionNotFound = ErrorCodes.TransactionNotFound;
    /// <inheritdoc cref="ErrorCodes.TransactionClosed"/>
    public const string TransactionClosed = ErrorCodes.TransactionClosed;
    /// <inheritdoc cref="ErrorCodes.NotTransactionSeller"/>
    public const string NotTransactionSeller = ErrorCodes.NotTransactionSeller;
    /// <inheritdoc cref="ErrorCodes.ImageNotFound"/>
    public const string ImageNotFound = ErrorCodes.ImageNotFound;
    /// <inheritdoc cref="ErrorCodes.TotalOverflow"/>
    public const string TotalOverflow = ErrorCodes.TotalOverflow;
}
