using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;
using NodaTime.Text;
using OrleansRides.Catalog.Subscriptions.Mail;

namespace OrleansRides.Catalog.Subscriptions;

/// <summary>Renders a digest: plain text and HTML with the same content, each ride's start in its own region's zone
/// ("Mon 10 Mar 2031, 07:30 (Europe/Berlin)"), a link to each ride's page, a manage link, and the RFC 8058 headers
/// (<c>List-Unsubscribe</c> with the one-click URL, <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>). Everything
/// that came from the database is HTML-encoded in the HTML body.</summary>
public sealed class DigestMail(SubscriptionLinks links)
{
    private static readonly LocalDateTimePattern LocalStart = LocalDateTimePattern.CreateWithInvariantCulture("ddd d MMM yyyy, HH:mm");

    /// <summary>The digest of <paramref name="rides"/> (of <paramref name="total"/> matching) for
    /// <paramref name="subscription"/>, with links carrying <paramref name="token"/>.</summary>
    public MailContent Render(DueSubscription subscription, IReadOnlyList<DigestRide> rides, int total, string token)
    {
        var period = subscription.Frequency.Name();
        var subject = string.Create(CultureInfo.InvariantCulture, $"Bike Train {period} digest: {total} upcoming ride{(total == 1 ? "" : "s")}");
        var manage = links.ManagePage(token);
        var text = new StringBuilder();
        var html = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Upcoming Bike Train rides ({period} digest)\n\n");
        html.Append("<!DOCTYPE html><html><body><h1>Upcoming Bike Train rides</h1><ul>");
        foreach (var ride in rides)
        {
            var when = $"{Local(ride)} ({ride.TimeZone}){(ride.IsLive ? ", live now" : "")}";
            var where = string.Join(" · ", new[] { ride.Neighborhood, ride.RegionName, ride.Tags }.Where(s => !string.IsNullOrEmpty(s)));
            var page = links.RidePage(ride.Id);
            text.Append(CultureInfo.InvariantCulture, $"{when} — {ride.RouteName}\n  {where}\n  {page}\n\n");
            html.Append(CultureInfo.InvariantCulture,
                $"<li><a href=\"{Encode(page)}\">{Encode(ride.RouteName)}</a><br>{Encode(when)}<br>{Encode(where)}</li>");
        }
        html.Append("</ul>");
        if (total > rides.Count)
        {
            var more = total - rides.Count;
            text.Append(CultureInfo.InvariantCulture, $"…and {more} more: {links.RidesPage()}\n\n");
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(links.RidesPage())}\">…and {more} more</a></p>");
        }
        text.Append(CultureInfo.InvariantCulture, $"Change or unsubscribe from this digest: {manage}\n");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(manage)}\">Change or unsubscribe from this digest</a></p></body></html>");
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{links.OneClickUnsubscribe(token)}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            // RFC 3834: automatic mail, so that auto-responders stay quiet.
            ["Auto-Submitted"] = "auto-generated",
        };
        return new MailContent(subscription.Email, subject, text.ToString(), html.ToString(), headers);
    }

    private static string Local(DigestRide ride)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(ride.TimeZone) ?? DateTimeZone.Utc;
        return LocalStart.Format(Instant.FromDateTimeOffset(ride.StartTime).InZone(zone).LocalDateTime);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
