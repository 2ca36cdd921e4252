using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace OrleansRides.Catalog.Subscriptions.Mail;

/// <summary>A message to send: one recipient, a plain-text and an HTML body (multipart/alternative), and extra headers such
/// as <c>List-Unsubscribe</c>. Every value is ours or validated (addresses without control characters), so no header can
/// be injected through it.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">One line.</param>
/// <param name="Text">The plain-text body.</param>
/// <param name="Html">The HTML body; whatever came from the database in it is HTML-encoded.</param>
/// <param name="Headers">Extra header fields, name to value.</param>
public sealed record MailContent(string To, string Subject, string Text, string Html, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The <see cref="MailMessage"/> that <see cref="SmtpClient"/> sends, from <paramref name="from"/>: the text
    /// body first and the HTML body last, the order in which RFC 2046 says the preferred alternative comes.</summary>
    public MailMessage ToMailMessage(MailAddress from)
    {
        var message = new MailMessage(from, new MailAddress(To))
        {
            Subject = Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        // System.Net.Mail adds no Message-ID, and receivers score mail without one as spam.
        message.Headers.Add("Message-ID", $"<{Guid.NewGuid():N}@{from.Host}>");
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(Text, Encoding.UTF8, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(Html, Encoding.UTF8, MediaTypeNames.Text.Html));
        foreach (var (name, value) in Headers)
        {
            message.Headers.Add(name, value);
        }
        return message;
    }
}
