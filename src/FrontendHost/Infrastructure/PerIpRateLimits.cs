using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Per-client-IP limits on creating things (routes, chat sessions, requests): a fixed one-minute window per IP,
/// answered with 429 <c>RATE_LIMITED</c> and <c>Retry-After: 60</c>. Per frontend process: across frontends the limit
/// multiplies by their number, which is acceptable for abuse damping (logins, which guard secrets, are counted in
/// PostgreSQL instead).</summary>
public static class PerIpRateLimits
{
    /// <summary>Adds a policy named <paramref name="policy"/> allowing <c>RateLimits:{configKey}</c> (default
    /// <paramref name="defaultPerMinute"/>) requests per IP per minute.</summary>
    public static IHostApplicationBuilder AddPerIpRateLimit(this IHostApplicationBuilder builder, string policy, string configKey, int defaultPerMinute)
    {
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IConfiguration>().GetValue($"RateLimits:{configKey}", defaultPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                }));
            options.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await ApiProblems.Problem(429, "RATE_LIMITED", "Too many requests from this address; try again in a minute.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }
}
