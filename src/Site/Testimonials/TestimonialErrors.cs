using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.Site.Testimonials;

/// <summary>The stable error codes (RFC 9457 <c>code</c>) of testimonials.</summary>
public static class TestimonialErrors
{
    /// <inheritdoc cref="ErrorCodes.TestimonialNotFound"/>
    public const string NotFound = ErrorCodes.TestimonialNotFound;

    /// <inheritdoc cref="ErrorCodes.TestimonialDecided"/>
    public const string Decided = ErrorCodes.TestimonialDecided;
}
