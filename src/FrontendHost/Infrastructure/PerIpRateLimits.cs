using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Per-client-IP limits on creating things (routes, chat sessions, requests, accounts): a fixed window per IP,
/// answered with 429 <c>RATE_LIMITED</c> and a <c>Retry-After</c> of the seconds until the window ends. Per frontend
/// process: across frontends the limit multiplies by their number, which is acceptable for abuse damping (logins, which
/// guard secrets, are counted in PostgreSQL instead).</summary>
public static class PerIpRateLimits
{
    /// <summary>Adds a policy named <paramref name="policy"/> allowing <paramref name="permits"/> of
    /// <see cref="RateLimitOptions"/> requests per IP per <paramref name="window"/> (default one minute).</summary>
    public static IHostApplicationBuilder AddPerIpRateLimit(
        this IHostApplicationBuilder builder, string policy, Func<RateLimitOptions, int> permits, TimeSpan? window = null)
    {
        builder.Services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.SectionName);
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddresses.Key(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits(context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue),
                    Window = window ?? TimeSpan.FromMinutes(1),
                }));
            AnswerRejections(options);
        });
        return builder;
    }

    /// <summary>The one rejection answer of every limit (the global one and the policies): 429 <c>RATE_LIMITED</c> with a
    /// <c>Retry-After</c> of the seconds the lease says to wait (a minute when it does not say).</summary>
    public static void AnswerRejections(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, _) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            await ApiProblems.TooManyRequests(context.HttpContext, retryAfter, "Too many requests from this address; try again later.")
                .ExecuteAsync(context.HttpContext);
        };
    }
}
