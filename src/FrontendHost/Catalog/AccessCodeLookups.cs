using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>Limits failed access-code look-ups per client address, counted together over REST
/// (<c>GET /api/v1/routes/by-code/{code}</c> answering 404) and the ride hub (<c>JoinRide</c> or <c>RequestLocation</c>
/// answering <c>RIDE_NOT_FOUND</c>): once an address has had <c>RateLimits:FailedCodeLookupsPerMinute</c> (default 10)
/// failures in a one-minute window, every look-up from it is refused (REST 429 with <c>Retry-After</c>, hub
/// <c>RATE_LIMITED</c>) until the window ends, whether the code is right or not, so a guesser learns nothing more.
/// Successful look-ups are not counted; look-ups in progress hold a share of the budget left until they end, so parallel
/// guesses cannot outrun the limit. IPv6 addresses are counted per /64, the block one subscriber usually holds.
/// Per frontend process, like <see cref="Infrastructure.PerIpRateLimits"/>; the code space is sized for that
/// (decision 46).</summary>
public sealed class AccessCodeLookups : IDisposable
{
    /// <summary>The window failures are counted in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _failures;
    private readonly Dictionary<string, InFlight> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Takes the limit from <see cref="RateLimitOptions.FailedCodeLookupsPerMinute"/>.</summary>
    public AccessCodeLookups(IOptions<RateLimitOptions> limits)
    {
        FailuresPerWindow = limits.Value.FailedCodeLookupsPerMinute;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = FailuresPerWindow, Window = Window, QueueLimit = 0 }));
    }

    /// <summary>Failed look-ups one address may have per <see cref="Window"/>.</summary>
    public int FailuresPerWindow { get; }

    /// <summary>Starts one look-up from <paramref name="address"/>. It is refused (<see cref="AccessCodeLookup.RetryAfter"/>)
    /// when the address has no failure left in this window. Look-ups in progress hold a share of what is left: when they
    /// hold all of it, the next one waits (at most <see cref="MaxQueueWait"/>) for one of them to end, so that parallel
    /// guesses cannot all pass before the first failure is counted, while a group joining from one address (one NAT, say)
    /// only waits milliseconds. Dispose it when the look-up is done; call <see cref="AccessCodeLookup.Failed"/> first if
    /// no route had the code.</summary>
    public async Task<AccessCodeLookup> BeginAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        var key = ClientAddresses.Key(address);
        var waitUntil = Environment.TickCount64 + (long)MaxQueueWait.TotalMilliseconds;
        while (true)
        {
            Task oneEnded;
            lock (_lock)
            {
                var available = _failures.GetStatistics(key)?.CurrentAvailablePermits ?? FailuresPerWindow;
                if (available <= 0)
                {
                    // Asking for zero permits tells how long until the window ends without taking one.
                    using var probe = _failures.AttemptAcquire(key, 0);
                    var wait = !probe.IsAcquired && probe.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
                    return new AccessCodeLookup(this, key, wait);
                }
                if (!_inFlight.TryGetValue(key, out var inFlight))
                {
                    _inFlight[key] = inFlight = new InFlight();
                }
                if (inFlight.Count < available)
                {
                    inFlight.Count++;
                    return new AccessCodeLookup(this, key, null);
                }
                oneEnded = inFlight.OneEnded.Task;
            }
            var left = waitUntil - Environment.TickCount64;
            if (left <= 0 || await Task.WhenAny(oneEnded, Task.Delay(TimeSpan.FromMilliseconds(left), cancellationToken)) != oneEnded)
            {
                return new AccessCodeLookup(this, key, TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>How long a look-up waits for a share of the address's budget before it is refused (5 s).</summary>
    public static readonly TimeSpan MaxQueueWait = TimeSpan.FromSeconds(5);

    internal void End(string key, bool failed)
    {
        if (failed)
        {
            using var lease = _failures.AttemptAcquire(key);
        }
        TaskCompletionSource ended;
        lock (_lock)
        {
            var inFlight = _inFlight[key];
            ended = inFlight.OneEnded;
            inFlight.OneEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (--inFlight.Count == 0)
            {
                _inFlight.Remove(key);
            }
        }
        ended.TrySetResult();
    }

    private sealed class InFlight
    {
        public int Count;
        public TaskCompletionSource OneEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <inheritdoc />
    public void Dispose() => _failures.Dispose();
}

/// <summary>One access-code look-up in progress (see <see cref="AccessCodeLookups.BeginAsync"/>).</summary>
public sealed class AccessCodeLookup : IDisposable
{
    private readonly AccessCodeLookups _owner;
    private readonly string _key;
    private bool _failed;
    private bool _ended;

    internal AccessCodeLookup(AccessCodeLookups owner, string key, TimeSpan? retryAfter) =>
        (_owner, _key, RetryAfter) = (owner, key, retryAfter);

    /// <summary>How long the address must wait; null when the look-up may go ahead.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>No route had the code: counts against the address when the look-up ends.</summary>
    public void Failed() => _failed = true;

    /// <inheritdoc />
    public void Dispose()
    {
        if (RetryAfter is null && !_ended)
        {
            _ended = true;
            _owner.End(_key, _failed);
        }
    }
}
