using System.Globalization;
using FluentValidation;

namespace OrleansRides.Catalog.Routes;

/// <summary>Field rules for a whole <see cref="RouteRequest"/> (a creation, or an update merged onto the stored route by
/// <see cref="RouteUpdates.Merge"/>); error keys are camelCase paths such as <c>waypoints[0].lat</c>. Whether the region
/// and tags exist is checked against the database by <see cref="RouteRepository.ReferenceProblemsAsync"/>.</summary>
public sealed class CreateRouteValidator : AbstractValidator<RouteRequest>
{
    /// <summary>Most waypoints a route may have.</summary>
    public const int MaxWaypoints = 500;

    /// <summary>Most tags a route may have.</summary>
    public const int MaxTags = 10;

    /// <summary>Builds the rules.</summary>
    public CreateRouteValidator()
    {
        RuleFor(r => r.Name).NotEmpty().SingleLineText(100);
        RuleFor(r => r.Description).MultiLineText(2000);
        RuleFor(r => r.Neighborhood).SingleLineText(100);
        RuleFor(r => r.Waypoints).NotEmpty().Must(w => w is null || w.Count <= MaxWaypoints)
            .WithMessage($"At most {MaxWaypoints} waypoints.");
        RuleForEach(r => r.Waypoints).NotNull().ChildRules(waypoint =>
        {
            waypoint.RuleFor(w => w.Lat).NotNull().InclusiveBetween(-90, 90);
            waypoint.RuleFor(w => w.Lng).NotNull().InclusiveBetween(-180, 180);
            waypoint.RuleFor(w => w.Name).SingleLineText(100);
        });
        RuleFor(r => r.DepartureTime).NotEmpty().Must(BeTimeOfDay).WithMessage("Use HH:mm, 00:00 to 23:59.");
        RuleFor(r => r.EstimatedDuration).Must(RouteDurations.IsValid)
            .WithMessage($"Use whole minutes 1 to {RouteDurations.MaxMinutes} or an ISO 8601 duration such as \"PT1H30M\".");
        RuleFor(r => r.RegionId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.TagIds).Must(t => t is null || t.Count <= MaxTags).WithMessage($"At most {MaxTags} tags.")
            .Must(t => t is null || t.Distinct().Count() == t.Count).WithMessage("Each tag once.");
        RuleFor(r => r.RecurrenceRule).SingleLineText(RecurrenceRules.MaxLength);
        RuleFor(r => r.RecurrenceRule).Must((_, rule, context) =>
            {
                if (RecurrenceRules.Problem(rule) is not { } problem)
                {
                    return true;
                }
                context.MessageFormatter.AppendArgument("Problem", problem);
                return false;
            })
            .WithMessage("{Problem}").When(r => IsRecurring(r));
        RuleFor(r => r.RecurrenceRule).Null().WithMessage("Only a recurring route has a rule (isRecurring is false).")
            .When(r => r.IsRecurring == false);
        RuleFor(r => r.RecurrenceEndDate).Null().WithMessage("Only a recurring route has an end date.").When(r => !IsRecurring(r));
    }

    /// <summary>Whether the request makes a recurring route: <c>isRecurring</c>, else whether a rule is given.</summary>
    public static bool IsRecurring(RouteRequest request) => request.IsRecurring ?? request.RecurrenceRule is not null;

    /// <summary>Parses <c>HH:mm</c>.</summary>
    public static bool BeTimeOfDay(string? value) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
