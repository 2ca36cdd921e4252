namespace OrleansRides.Catalog.Subscriptions;

/// <summary>Settings of subscriptions and digests (section <c>Subscriptions</c>, environment <c>Subscriptions__*</c>).</summary>
public sealed class SubscriptionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Subscriptions";

    /// <summary>The site's public address, the base of every link in a mail (confirm, manage, unsubscribe, ride pages).
    /// Configuration only: a link in a mail is never built from a request's Host header, which the sender controls
    /// (decision 80). Default <c>http://localhost:5080</c>, what <c>./run</c> serves.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Most confirmation mails one address gets per rolling 24 hours, however many people ask (default 3).</summary>
    public int ConfirmationMailsPerAddressPerDay { get; set; } = 3;

    /// <summary>How long a confirmation link works; pending subscriptions older than this are erased by the digest job
    /// (default 7 days).</summary>
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most rides listed in one digest; more are summed up with a link to the rides page (default 50).</summary>
    public int DigestMaxRides { get; set; } = 50;

    /// <summary>Most sends of one period's digest to one subscriber: a claim whose send failed or whose outcome is unknown
    /// (a crash between send and record) is retried until this many (default 2, so at most one duplicate; decision 83).</summary>
    public int DigestMaxAttempts { get; set; } = 2;

    /// <summary>After how long a claim still marked <c>sending</c> counts as abandoned by a crashed run (default 10 min).</summary>
    public TimeSpan DigestClaimTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether the settings are usable; the message says what is wrong.</summary>
    public string? Problem() =>
        !Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0
            ? "Subscriptions:PublicBaseUrl must be an absolute http(s) URL without a query."
            : ConfirmationMailsPerAddressPerDay < 1 || DigestMaxRides < 1 || DigestMaxAttempts < 1
                ? "Subscriptions: limits must be positive."
                : ConfirmationLifetime <= TimeSpan.Zero || DigestClaimTimeout <= TimeSpan.Zero
                    ? "Subscriptions: durations must be positive."
                    : null;
}
