using System.Diagnostics;

namespace OrleansRides.Runtime;

/// <summary>At most N actions per second with a one-second burst, refilled on demand from elapsed time, so an idle limiter
/// runs no timer (thousands of rides and connections each hold one).</summary>
/// <remarks>The rule is that of a <c>System.Threading.RateLimiting.TokenBucketRateLimiter</c> with N tokens, N per
/// one-second period and no automatic replenishment, asked to replenish before each take: once a full second has passed
/// since the last refill the bucket is full again. Written out as three fields because that limiter, with its options, queue
/// and lock, held about 250 bytes per instance (decision 163).</remarks>
/// <param name="perSecond">Actions allowed per second, and the burst size; at least 1.</param>
public sealed class PerSecondLimit(int perSecond)
{
    private readonly Lock _lock = new();
    private readonly int _perSecond = perSecond > 0 ? perSecond : throw new ArgumentOutOfRangeException(nameof(perSecond), perSecond, "At least one action per second.");
    private int _tokens = perSecond;
    private long _lastRefill = Stopwatch.GetTimestamp();

    /// <summary>Actions allowed per second.</summary>
    public int PerSecond => _perSecond;

    /// <summary>Takes one token if one is left; false when the limit is reached.</summary>
    public bool TryTake()
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(_lastRefill, now) >= TimeSpan.FromSeconds(1))
            {
                _lastRefill = now;
                _tokens = _perSecond;
            }
            if (_tokens == 0)
            {
                return false;
            }
            _tokens--;
            return true;
        }
    }
}
