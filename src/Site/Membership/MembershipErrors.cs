using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.Site.Membership;

/// <summary>The stable error codes (RFC 9457 <c>code</c>) of membership tiers and registrations.</summary>
public static class MembershipErrors
{
    /// <inheritdoc cref="ErrorCodes.TierNotFound"/>
    public const string TierNotFound = ErrorCodes.TierNotFound;

    /// <summary>The validation message (400 <c>VALIDATION_FAILED</c> naming <c>partnershipType</c>) when no tier has the
    /// slug given: the field is wrong, like any other invalid field, rather than a missing resource.</summary>
    public const string UnknownPartnershipType = "No membership tier has this slug; see GET /api/v1/membership/info.";
}
