namespace OrleansRides.Site.Testimonials;

/// <summary>The stable error codes (RFC 9457 <c>code</c>) of testimonials.</summary>
public static class TestimonialErrors
{
    /// <summary>404: no testimonial has that id.</summary>
    public const string NotFound = "TESTIMONIAL_NOT_FOUND";

    /// <summary>409: the testimonial was approved or rejected before (decision 103: a decision is final, so two staff
    /// deciding differently at once cannot both believe they won).</summary>
    public const string Decided = "TESTIMONIAL_DECIDED";
}
