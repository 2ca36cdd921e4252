using System.Globalization;
using FluentValidation;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary><c>POST /api/v1/routes/{id}/instances</c> body.</summary>
/// <param name="Dates">1–<see cref="CreateInstancesValidator.MaxDates"/> local dates, <c>yyyy-MM-dd</c>, years 2000–2100
/// (duplicates count once).</param>
public sealed record CreateInstancesRequest(IReadOnlyList<string?>? Dates);

/// <summary><c>POST /api/v1/rides/{id}/cancel</c> body.</summary>
/// <param name="Reason">Why, 1–500 characters (line feeds allowed); shown to riders.</param>
public sealed record CancelRideRequest(string? Reason);

/// <summary>Rules for <see cref="CreateInstancesRequest"/>: errors name <c>dates</c> or <c>dates[i]</c>.</summary>
public sealed class CreateInstancesValidator : AbstractValidator<CreateInstancesRequest>
{
    /// <summary>Most dates one call may schedule: a year of daily rides, leap day included.</summary>
    public const int MaxDates = 366;

    /// <summary>Builds the rules.</summary>
    public CreateInstancesValidator()
    {
        RuleFor(r => r.Dates).NotEmpty().Must(d => d is null || d.Count <= MaxDates).WithMessage($"At most {MaxDates} dates.");
        RuleForEach(r => r.Dates).Must(d => LocalDates.Parse(d) is not null)
            .WithMessage("Use a real date yyyy-MM-dd between 2000-01-01 and 2100-12-31.");
    }
}

/// <summary>Rules for <see cref="CancelRideRequest"/>.</summary>
public sealed class CancelRideValidator : AbstractValidator<CancelRideRequest>
{
    /// <summary>Builds the rules.</summary>
    public CancelRideValidator() => RuleFor(r => r.Reason).NotEmpty().MultiLineText(500);
}

/// <summary>The local dates the schedule accepts.</summary>
public static class LocalDates
{
    private static readonly DateOnly First = new(2000, 1, 1);
    private static readonly DateOnly Last = new(2100, 12, 31);

    /// <summary>The date <c>yyyy-MM-dd</c> (a real one: 2026-02-30 is not) within 2000–2100, or null. The range keeps every
    /// start and end, up to 48 hours later, far inside what PostgreSQL and .NET represent.</summary>
    public static DateOnly? Parse(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date >= First && date <= Last
            ? date
            : null;
}
