namespace OrleansRides.Catalog.Subscriptions;

/// <summary><c>POST /api/v1/subscribe</c>: a digest of upcoming rides for <paramref name="Email"/>.</summary>
/// <param name="Email">A plain address (<c>local@domain.tld</c>, no display name), at most 254 characters; stored trimmed and
/// lower-cased, as account addresses are.</param>
/// <param name="Frequency">daily, weekly or monthly (required).</param>
/// <param name="RegionIds">Regions to follow, at most 20 existing ids; empty or absent means every region.</param>
/// <param name="TagIds">Tags to follow (a ride matches with any one of them), at most 20 existing ids; empty or absent means
/// any ride.</param>
public sealed record SubscribeRequest(string? Email, DigestFrequency? Frequency, IReadOnlyList<Guid>? RegionIds, IReadOnlyList<Guid>? TagIds);

/// <summary><c>PUT /api/v1/subscribe/{token}</c>: changes what an absent field leaves as it is (a partial update).</summary>
/// <param name="Frequency">daily, weekly or monthly.</param>
/// <param name="RegionIds">The new region filter (replaces the old one), at most 20 existing ids; empty means every region.</param>
/// <param name="TagIds">The new tag filter, at most 20 existing ids; empty means any ride.</param>
public sealed record UpdateSubscriptionRequest(DigestFrequency? Frequency, IReadOnlyList<Guid>? RegionIds, IReadOnlyList<Guid>? TagIds);

/// <summary>Where a subscription stands: <c>pending</c> until its confirmation link is followed, then <c>active</c> until it
/// is <c>unsubscribed</c>.</summary>
public enum SubscriptionStatus
{
    /// <summary>Asked for, not confirmed: gets no digest.</summary>
    Pending,

    /// <summary>Confirmed: gets digests.</summary>
    Active,

    /// <summary>Unsubscribed (one-click or the manage page): gets nothing until confirmed again.</summary>
    Unsubscribed,
}

/// <summary>The answer to <c>POST /api/v1/subscribe</c>.</summary>
/// <param name="Token">The manage token for <c>GET/PUT/DELETE /api/v1/subscribe/{token}</c> (22 characters, shown once).
/// It cannot confirm: the confirmation token is only in the mail, so nobody subscribes someone else's mailbox.</param>
/// <param name="Status">Always <c>pending</c>.</param>
public sealed record SubscriptionCreated(string Token, SubscriptionStatus Status);

/// <summary>A subscription as its token holder sees it.</summary>
/// <param name="Email">The address, in its stored normal form.</param>
/// <param name="Frequency">daily, weekly or monthly.</param>
/// <param name="RegionIds">Regions followed (empty: all).</param>
/// <param name="TagIds">Tags followed (empty: any).</param>
/// <param name="Status">pending, active or unsubscribed.</param>
/// <param name="ConfirmedAt">When its confirmation link was first followed (UTC), or null.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="UpdatedAt">UTC.</param>
public sealed record SubscriptionView(
    string Email, DigestFrequency Frequency, IReadOnlyList<Guid> RegionIds, IReadOnlyList<Guid> TagIds, SubscriptionStatus Status,
    DateTimeOffset? ConfirmedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
