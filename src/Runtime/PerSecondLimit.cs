using System.Threading.RateLimiting;

namespace OrleansRides.Runtime;

/// <summary>At most N actions per second with a one-second burst: a <see cref="TokenBucketRateLimiter"/> replenished on
/// demand from elapsed time, so an idle limiter runs no timer (thousands of rides and connections each hold one).</summary>
/// <param name="perSecond">Actions allowed per second, and the burst size.</param>
public sealed class PerSecondLimit(int perSecond) : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = perSecond,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = false,
    });

    /// <summary>Actions allowed per second.</summary>
    public int PerSecond => perSecond;

    /// <summary>Takes one token if one is left; false when the limit is reached.</summary>
    public bool TryTake()
    {
        // Without automatic replenishment the bucket only refills when asked to.
        _bucket.TryReplenish();
        using var lease = _bucket.AttemptAcquire();
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose() => _bucket.Dispose();
}
