using Microsoft.Extensions.Options;

namespace OrleansRides.Catalog.Subscriptions;

/// <summary>The links mails carry, all under <see cref="SubscriptionOptions.PublicBaseUrl"/>. The pages are the web
/// client's: <c>/subscription.html?confirm=</c> and <c>?token=</c> (confirm, manage) and <c>/ride.html?id=</c>.</summary>
public sealed class SubscriptionLinks(IOptions<SubscriptionOptions> options)
{
    private readonly string _base = options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>The page that confirms with <paramref name="confirmToken"/> (it POSTs to the confirm endpoint: a GET must
    /// not change anything, since mail scanners follow links).</summary>
    public string ConfirmPage(string confirmToken) => $"{_base}/subscription.html?confirm={Uri.EscapeDataString(confirmToken)}";

    /// <summary>The page that shows, changes and ends the subscription of <paramref name="token"/>.</summary>
    public string ManagePage(string token) => $"{_base}/subscription.html?token={Uri.EscapeDataString(token)}";

    /// <summary>The RFC 8058 one-click endpoint for <c>List-Unsubscribe</c>: mail clients POST
    /// <c>List-Unsubscribe=One-Click</c> to it.</summary>
    public string OneClickUnsubscribe(string token) => $"{_base}/api/v1/subscribe/{Uri.EscapeDataString(token)}/unsubscribe";

    /// <summary>A scheduled ride's page.</summary>
    public string RidePage(Guid rideId) => $"{_base}/ride.html?id={rideId}";

    /// <summary>The upcoming rides page (for "and N more").</summary>
    public string RidesPage() => $"{_base}/rides.html";
}
