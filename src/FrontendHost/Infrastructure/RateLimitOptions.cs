using Microsoft.Extensions.Options;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Every per-client limit of the REST API, from the <c>RateLimits</c> section (environment
/// <c>RateLimits__RouteCreationsPerMinute=...</c>). Each counts requests per client address (<see cref="ClientAddresses.Key"/>)
/// in a fixed window, per frontend process (decision 31), unless it says otherwise. Rules: <see cref="RateLimitOptionsValidator"/>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RateLimits";

    /// <summary>All <c>/api/*</c> requests per address per hour (health probes not counted; <see cref="GlobalRateLimit"/>).
    /// Default 1,000, the station design's figure (decision 108).</summary>
    public int RequestsPerHour { get; set; } = 1000;

    /// <summary>Unknown access codes per address per minute, REST and hubs together (<see cref="Catalog.AccessCodeLookups"/>).
    /// Default 10 (decision 46).</summary>
    public int FailedCodeLookupsPerMinute { get; set; } = 10;

    /// <summary>Route creations per address per minute. Default 30 (decision 12).</summary>
    public int RouteCreationsPerMinute { get; set; } = 30;

    /// <summary>Anonymous live-chat sessions per address per minute. Default 10 (no decision records the figure).</summary>
    public int ChatSessionsPerMinute { get; set; } = 10;

    /// <summary>Song and prayer requests per address per minute. Default 5 (no decision records the figure).</summary>
    public int ServiceRequestsPerMinute { get; set; } = 5;

    /// <summary>Sign-ups per address per hour, checked before hashing. Default 20 (decision 41).</summary>
    public int SignupsPerHour { get; set; } = 20;

    /// <summary>Token refreshes (<c>POST /api/v1/auth/refresh</c>) per address per hour. Default 300 (decision 118).</summary>
    public int RefreshesPerHour { get; set; } = 300;

    /// <summary>Subscribe requests per address per hour. Default 20 (decision 84).</summary>
    public int SubscriptionsPerHour { get; set; } = 20;

    /// <summary>Anonymous listener sessions per address per minute. Default 30 (no decision records the figure).</summary>
    public int SessionsPerMinute { get; set; } = 30;

    /// <summary>Interest toggles per address per minute. Default 120 (no decision records the figure).</summary>
    public int InterestChangesPerMinute { get; set; } = 120;

    /// <summary>Demand requests per address per minute. Default 10 (no decision records the figure).</summary>
    public int DemandRequestsPerMinute { get; set; } = 10;

    /// <summary>Testimonials submitted per address per hour. Default 5 (decision 104).</summary>
    public int TestimonialsPerHour { get; set; } = 5;

    /// <summary>Membership registrations per address per hour. Default 10 (decision 104).</summary>
    public int MembershipRegistrationsPerHour { get; set; } = 10;

    /// <summary>Gallery uploads per account (per address when signed out) per hour. Default 10 (decision 97).</summary>
    public int UploadsPerHour { get; set; } = 10;
}

/// <summary>The rule of <see cref="RateLimitOptions"/>: every <c>RateLimits:*</c> limit is at least 1 (0 would refuse every
/// request; to lift a limit, set it high, as the benchmark does, decision 37).</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = typeof(RateLimitOptions).GetProperties()
            .Where(property => property.PropertyType == typeof(int) && (int)property.GetValue(options)! < 1)
            .Select(property => $"RateLimits:{property.Name} must be at least 1, not {property.GetValue(options)}.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
