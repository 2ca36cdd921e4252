namespace OrleansRides.Site.Testimonials;

/// <summary><c>POST /api/v1/testimonials</c> body: a listener's word about the station, shown once staff approve it.</summary>
/// <param name="Name">Who writes, 1–100 characters, one line.</param>
/// <param name="Text">The testimonial, 1–2,000 characters, multi-line.</param>
/// <param name="Location">Optional town or church, at most 100 characters, one line.</param>
public sealed record TestimonialRequest(string? Name, string? Text, string? Location);

/// <summary>Whether staff have decided a testimonial. Only <see cref="Approved"/> ones are public.</summary>
public enum TestimonialStatus
{
    /// <summary>Waiting in the staff queue.</summary>
    Pending,
    /// <summary>Shown on the site.</summary>
    Approved,
    /// <summary>Never shown.</summary>
    Rejected,
}

/// <summary>The answer to a submission: <c>{ id, status: "pending" }</c>.</summary>
/// <param name="Id">Testimonial id.</param>
/// <param name="Status">Always <see cref="TestimonialStatus.Pending"/> for a new one.</param>
public sealed record TestimonialReceipt(Guid Id, TestimonialStatus Status);

/// <summary>An approved testimonial as the public sees it: <c>{ id, name, text, location, createdAt }</c>.</summary>
/// <param name="Id">Testimonial id.</param>
/// <param name="Name">Who wrote it.</param>
/// <param name="Text">What they wrote (plain text: clients render it as text, never as HTML).</param>
/// <param name="Location">Where they are from, or null.</param>
/// <param name="CreatedAt">When it was submitted, UTC.</param>
public sealed record Testimonial(Guid Id, string Name, string Text, string? Location, DateTimeOffset CreatedAt);

/// <summary>A testimonial as staff see it: the public fields plus its status and when it was decided.</summary>
/// <param name="Id">Testimonial id.</param>
/// <param name="Name">Who wrote it.</param>
/// <param name="Text">What they wrote.</param>
/// <param name="Location">Where they are from, or null.</param>
/// <param name="CreatedAt">When it was submitted, UTC.</param>
/// <param name="Status">Pending, approved or rejected.</param>
/// <param name="DecidedAt">When staff approved or rejected it, UTC; null while pending.</param>
public sealed record StaffTestimonial(
    Guid Id, string Name, string Text, string? Location, DateTimeOffset CreatedAt, TestimonialStatus Status, DateTimeOffset? DecidedAt);

/// <summary>The outcome of <see cref="TestimonialRepository.DecideAsync"/>.</summary>
/// <param name="Testimonial">The testimonial as decided now; or, when <see cref="AlreadyDecided"/>, as it was decided before.</param>
/// <param name="AlreadyDecided">Whether it had been decided before this call (nothing changed).</param>
public sealed record TestimonialDecision(StaffTestimonial? Testimonial, bool AlreadyDecided);
