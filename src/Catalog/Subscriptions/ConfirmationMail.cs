using System.Globalization;
using System.Net;
using OrleansRides.Catalog.Subscriptions.Mail;

namespace OrleansRides.Catalog.Subscriptions;

/// <summary>Renders the mail that asks the address's owner to confirm (double opt-in): the confirm link, the manage link,
/// and what happens when they do nothing (nothing; the request is erased after <see cref="SubscriptionOptions.ConfirmationLifetime"/>).</summary>
public sealed class ConfirmationMail(SubscriptionLinks links)
{
    /// <summary>The mail for <paramref name="email"/>.</summary>
    public MailContent Render(string email, DigestFrequency frequency, string confirmToken, string manageToken, TimeSpan lifetime)
    {
        var confirm = links.ConfirmPage(confirmToken);
        var manage = links.ManagePage(manageToken);
        var period = frequency.Name();
        var days = ((int)Math.Ceiling(lifetime.TotalDays)).ToString(CultureInfo.InvariantCulture);
        var text =
            $"""
            Someone, probably you, asked for a {period} digest of upcoming Bike Train rides at this address.

            Confirm it here: {confirm}

            If you did not ask for it, ignore this mail: nothing is sent unless the link is followed, and the request is
            forgotten after {days} days. To change or cancel the request: {manage}

            """;
        var html =
            $"""
            <!DOCTYPE html><html><body>
            <p>Someone, probably you, asked for a {period} digest of upcoming Bike Train rides at this address.</p>
            <p><a href="{WebUtility.HtmlEncode(confirm)}">Confirm the digest</a></p>
            <p>If you did not ask for it, ignore this mail: nothing is sent unless the link is followed, and the request is
            forgotten after {days} days. <a href="{WebUtility.HtmlEncode(manage)}">Change or cancel the request</a>.</p>
            </body></html>
            """;
        return new MailContent(email, "Confirm your Bike Train ride digest", text, html, new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" });
    }
}
