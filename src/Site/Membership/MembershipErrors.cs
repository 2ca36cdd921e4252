namespace OrleansRides.Site.Membership;

/// <summary>The stable error codes (RFC 9457 <c>code</c>) of membership tiers and registrations.</summary>
public static class MembershipErrors
{
    /// <summary>404: no tier has that id.</summary>
    public const string TierNotFound = "TIER_NOT_FOUND";

    /// <summary>409: another tier has that slug.</summary>
    public const string SlugTaken = "SLUG_TAKEN";

    /// <summary>The validation message (400 <c>VALIDATION_FAILED</c> naming <c>partnershipType</c>) when no tier has the
    /// slug given: the field is wrong, like any other invalid field, rather than a missing resource.</summary>
    public const string UnknownPartnershipType = "No membership tier has this slug; see GET /api/v1/membership/info.";
}
