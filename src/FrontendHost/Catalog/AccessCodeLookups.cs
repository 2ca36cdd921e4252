using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>Limits failed access-code look-ups per client address, counted together over REST
/// (<c>GET /api/v1/routes/by-code/{code}</c> answering 404) and the ride hub (<c>JoinRide</c> or <c>RequestLocation</c>
/// answering <c>RIDE_NOT_FOUND</c>): once an address has had <c>RateLimits:FailedCodeLookupsPerMinute</c> (default 10)
/// failures in a one-minute window, every look-up from it is refused (REST 429 with <c>Retry-After</c>, hub
/// <c>RATE_LIMITED</c>) until the window ends, whether the code is right or not, so a guesser learns nothing more.
/// Successful look-ups are not counted. IPv6 addresses are counted per /64, the block one subscriber usually holds.
/// Per frontend process, like <see cref="Infrastructure.PerIpRateLimits"/>; the code space is sized for that
/// (decision 46).</summary>
public sealed class AccessCodeLookups : IDisposable
{
    /// <summary>The window failures are counted in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _failures;

    /// <summary>Reads the limit from configuration.</summary>
    public AccessCodeLookups(IConfiguration configuration)
    {
        FailuresPerWindow = configuration.GetValue("RateLimits:FailedCodeLookupsPerMinute", 10);
        if (FailuresPerWindow < 1)
        {
            throw new InvalidOperationException("RateLimits:FailedCodeLookupsPerMinute must be at least 1.");
        }
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = FailuresPerWindow, Window = Window, QueueLimit = 0 }));
    }

    /// <summary>Failed look-ups one address may have per <see cref="Window"/>.</summary>
    public int FailuresPerWindow { get; }

    /// <summary>How long <paramref name="address"/> must wait before it may look codes up again, or <c>null</c> when it may
    /// now. Counts nothing.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        // Asking for zero permits tells whether any are left without taking one.
        using var lease = _failures.AttemptAcquire(Key(address), 0);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
    }

    /// <summary>Counts a look-up of a code no route has.</summary>
    public void RecordFailure(IPAddress? address)
    {
        using var lease = _failures.AttemptAcquire(Key(address));
    }

    /// <inheritdoc />
    public void Dispose() => _failures.Dispose();

    private static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
