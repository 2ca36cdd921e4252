using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRides.Catalog.Jobs;
using OrleansRides.Catalog.Subscriptions.Mail;

namespace OrleansRides.Catalog.Subscriptions;

/// <summary>Sends the digests that are due, for all three frequencies (registered as <c>subscription-digests</c>, every
/// 15 minutes by default). For each active subscription without a settled digest for its current UTC period: claim the
/// period (<see cref="DigestRepository.ClaimAsync"/>), find the matching rides of the next period, then send and record
/// <c>sent</c> — or record <c>empty</c> with no mail when none match, or <c>failed</c> when sending throws. Claiming
/// before sending means a second run (or a second frontend) never sends the period again; a crash after the send and
/// before the record leaves a claim that is retried once it is stale, so at most
/// <see cref="SubscriptionOptions.DigestMaxAttempts"/> sends (decision 83). Also erases expired pending subscriptions.</summary>
public sealed partial class DigestJob(
    DigestRepository digests, SubscriptionRepository subscriptions, DigestMail digestMail, IMailSender mail, TimeProvider time,
    IOptions<SubscriptionOptions> options, ILogger<DigestJob> logger) : IPeriodicJob
{
    private const int BatchSize = 200;

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        await subscriptions.PruneAsync(now - settings.ConfirmationLifetime, now, cancellationToken);
        var after = Guid.Empty;
        while (true)
        {
            var due = await digests.DueAsync(now, after, BatchSize, settings.DigestMaxAttempts, settings.DigestClaimTimeout, cancellationToken);
            foreach (var subscription in due)
            {
                await DeliverAsync(subscription, now, settings, cancellationToken);
            }
            if (due.Count < BatchSize)
            {
                return;
            }
            after = due[^1].Id;
        }
    }

    private async Task DeliverAsync(DueSubscription subscription, DateTimeOffset now, SubscriptionOptions settings, CancellationToken cancellationToken)
    {
        var period = DigestPeriods.PeriodStart(subscription.Frequency, now);
        if (await digests.ClaimAsync(subscription.Id, period, now, now - settings.DigestClaimTimeout, settings.DigestMaxAttempts, cancellationToken) is null)
        {
            return;
        }
        var (rides, total) = await digests.RidesAsync(
            subscription, now, DigestPeriods.HorizonEnd(subscription.Frequency, now), settings.DigestMaxRides, cancellationToken);
        if (total == 0)
        {
            await digests.RecordAsync(subscription.Id, period, DeliveryOutcome.Empty, 0, now, cancellationToken);
            return;
        }
        try
        {
            var token = await subscriptions.IssueManageTokenAsync(subscription.Id, now, cancellationToken);
            await mail.SendAsync(digestMail.Render(subscription, rides, total, token), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(ex, subscription.Id, mail.Destination);
            await digests.RecordAsync(subscription.Id, period, DeliveryOutcome.Failed, total, now, CancellationToken.None);
            return;
        }
        await digests.RecordAsync(subscription.Id, period, DeliveryOutcome.Sent, total, now, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest for subscription {SubscriptionId} could not be sent to {Destination}")]
    private partial void LogSendFailed(Exception exception, Guid subscriptionId, string destination);
}
