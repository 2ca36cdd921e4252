using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRides.Catalog.Jobs;
using OrleansRides.Lounges.Marketplace;

namespace OrleansRides.Lounges.Jobs;

/// <summary><c>Marketplace:*</c> settings.</summary>
public sealed class MarketplaceOptions
{
    /// <summary>How long a purchase may stay pending before <see cref="ReservationExpiryJob"/> cancels it and reopens its
    /// listing: 1 minute to 365 days, default 72 hours.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromHours(72);
}

/// <summary>Cancels (reason <c>expired</c>) the transactions pending for longer than
/// <see cref="MarketplaceOptions.ReservationTimeout"/> and reopens their listings, so that a buyer who never pays does not
/// hold a listing for ever. Idempotent (only pending rows change).</summary>
public sealed class ReservationExpiryJob(
    MarketplaceRepository marketplace, IOptions<MarketplaceOptions> options, TimeProvider time, ILogger<ReservationExpiryJob> logger) : IPeriodicJob
{
    /// <summary>The job's name in <c>Jobs:{name}:Interval</c> and its advisory lock.</summary>
    public const string Name = "marketplace-reservation-expiry";

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var expired = await marketplace.ExpireAsync(time.GetUtcNow() - options.Value.ReservationTimeout, cancellationToken);
        if (expired > 0)
        {
            logger.LogInformation("Reservation expiry cancelled {Count} pending transactions", expired);
        }
    }
}
