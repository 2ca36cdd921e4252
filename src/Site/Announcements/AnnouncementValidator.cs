using FluentValidation;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Announcements;

/// <summary>Field rules for <see cref="AnnouncementRequest"/>: text required on create; a link must be an absolute http or
/// https URL (no <c>javascript:</c>, <c>data:</c> or relative link reaches a visitor's click); the window's end after its
/// start. On update the end is compared with the start the announcement will have, which the repository checks again
/// against the stored start.</summary>
public sealed class AnnouncementValidator : AbstractValidator<AnnouncementRequest>
{
    /// <summary>Builds the rules for a create (<paramref name="isCreate"/>) or a partial update.</summary>
    public AnnouncementValidator(bool isCreate)
    {
        if (isCreate)
        {
            RuleFor(r => r.Text).NotEmpty();
        }
        RuleFor(r => r.Text).Must(v => v is null || v.Trim().Length > 0).WithMessage("'Text' must not be blank.").SingleLineText(500);
        RuleFor(r => r.Link).SingleLineText(2000).Must(IsHttpUrl).WithMessage("'Link' must be an absolute http or https URL.")
            .When(r => r.Link is not null);
        RuleFor(r => r.VisibleUntil).GreaterThan(r => r.VisibleFrom!.Value).WithMessage("'Visible Until' must be after 'Visible From'.")
            .When(r => r.VisibleFrom is not null && r.VisibleUntil is not null);
    }

    /// <summary>Whether <paramref name="link"/> is an absolute http(s) URL with a host.</summary>
    public static bool IsHttpUrl(string? link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
}
