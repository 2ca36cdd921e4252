using System.Globalization;
using FluentValidation;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>Field rules for <see cref="CreateRouteRequest"/>; error keys are camelCase paths such as <c>waypoints[0].lat</c>.</summary>
public sealed class CreateRouteValidator : AbstractValidator<CreateRouteRequest>
{
    /// <summary>Most waypoints a route may have.</summary>
    public const int MaxWaypoints = 500;

    /// <summary>Builds the rules.</summary>
    public CreateRouteValidator()
    {
        RuleFor(r => r.Name).NotEmpty().SingleLineText(100);
        RuleFor(r => r.Description).MultiLineText(2000);
        RuleFor(r => r.Waypoints).NotEmpty().Must(w => w is null || w.Count <= MaxWaypoints)
            .WithMessage($"At most {MaxWaypoints} waypoints.");
        RuleForEach(r => r.Waypoints).NotNull().ChildRules(waypoint =>
        {
            waypoint.RuleFor(w => w.Lat).NotNull().InclusiveBetween(-90, 90);
            waypoint.RuleFor(w => w.Lng).NotNull().InclusiveBetween(-180, 180);
            waypoint.RuleFor(w => w.Name).SingleLineText(100);
        });
        RuleFor(r => r.DepartureTime).NotEmpty().Must(BeTimeOfDay).WithMessage("Use HH:mm, 00:00 to 23:59.");
        RuleFor(r => r.EstimatedDuration).Must(BeTimeOfDay).When(r => r.EstimatedDuration is not null)
            .WithMessage("Use HH:mm, 00:00 to 23:59.");
    }

    /// <summary>Parses <c>HH:mm</c>.</summary>
    public static bool BeTimeOfDay(string? value) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
