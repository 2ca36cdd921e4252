using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRides.Catalog.Subscriptions.Mail;

namespace OrleansRides.Catalog.Subscriptions;

/// <summary>Subscribing: checks the filter ids, stores the pending subscription (within the per-address mail limit) and
/// sends its confirmation mail.</summary>
public sealed partial class SubscriptionService(
    SubscriptionRepository repository, ConfirmationMail confirmationMail, IMailSender mail, TimeProvider time,
    IOptions<SubscriptionOptions> options, ILogger<SubscriptionService> logger)
{
    /// <summary>Field name to message for each filter id that names no region or tag (<c>regionIds</c>, <c>tagIds</c>);
    /// empty when all exist.</summary>
    public async Task<Dictionary<string, string[]>> UnknownFilterIdsAsync(
        IReadOnlyCollection<Guid>? regionIds, IReadOnlyCollection<Guid>? tagIds, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (await repository.UnknownIdsAsync(CatalogTable.Regions, regionIds ?? [], cancellationToken) is [_, ..] regions)
        {
            errors["regionIds"] = [$"Unknown region id(s): {string.Join(", ", regions)}."];
        }
        if (await repository.UnknownIdsAsync(CatalogTable.Tags, tagIds ?? [], cancellationToken) is [_, ..] tags)
        {
            errors["tagIds"] = [$"Unknown tag id(s): {string.Join(", ", tags)}."];
        }
        return errors;
    }

    /// <summary>Stores a pending subscription for <paramref name="email"/> (in normal form) and mails its confirmation
    /// link. The outcome says which of: created (with the manage token), rate limited (with the wait), or the mail could
    /// not be sent (the subscription is erased again; the attempt still counts against the address).</summary>
    public async Task<SubscribeOutcome> SubscribeAsync(
        string email, DigestFrequency frequency, IReadOnlyCollection<Guid>? regionIds, IReadOnlyCollection<Guid>? tagIds,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var created = await repository.CreateAsync(
            email, frequency, [.. (regionIds ?? []).Distinct()], [.. (tagIds ?? []).Distinct()], time.GetUtcNow(),
            settings.ConfirmationMailsPerAddressPerDay, cancellationToken);
        if (created is not { Id: { } id, ManageToken: { } manageToken, ConfirmToken: { } confirmToken })
        {
            return new SubscribeOutcome(null, created.RetryAfter, MailFailed: false);
        }
        try
        {
            await mail.SendAsync(confirmationMail.Render(email, frequency, confirmToken, manageToken, settings.ConfirmationLifetime), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogMailFailed(ex, mail.Destination);
            await repository.DeleteByIdAsync(id, CancellationToken.None);
            return new SubscribeOutcome(null, null, MailFailed: true);
        }
        return new SubscribeOutcome(manageToken, null, MailFailed: false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A confirmation mail could not be sent to {Destination}")]
    private partial void LogMailFailed(Exception exception, string destination);
}

/// <summary>The outcome of <see cref="SubscriptionService.SubscribeAsync"/>: exactly one of the three is set.</summary>
/// <param name="Token">The new subscription's manage token.</param>
/// <param name="RetryAfter">The address has had its confirmation mails for the day; try after this.</param>
/// <param name="MailFailed">The confirmation mail could not be sent; nothing was kept.</param>
public sealed record SubscribeOutcome(string? Token, TimeSpan? RetryAfter, bool MailFailed);
