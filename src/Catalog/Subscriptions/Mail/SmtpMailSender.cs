using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace OrleansRides.Catalog.Subscriptions.Mail;

/// <summary>Sends over SMTP with <see cref="SmtpClient"/> (MailKit, the usual choice, does not restore here; decision 81).
/// A client per message: <see cref="SmtpClient"/> allows one send at a time, and digests are a few per minute.</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    private readonly SmtpOptions _options = options.Value;
    private readonly MailAddress _from = new(options.Value.From);

    /// <inheritdoc />
    public string Destination => $"SMTP {_options.Host}:{_options.Port}{(_options.EnableSsl ? " (STARTTLS)" : "")}";

    /// <inheritdoc />
    public async Task SendAsync(MailContent mail, CancellationToken cancellationToken)
    {
        using var message = mail.ToMailMessage(_from);
        using var client = new SmtpClient(_options.Host, _options.Port) { EnableSsl = _options.EnableSsl };
        if (!string.IsNullOrEmpty(_options.UserName))
        {
            client.Credentials = new NetworkCredential(_options.UserName, _options.Password);
        }
        // SmtpClient.Timeout covers only the synchronous Send; the async send is bounded by cancellation.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        await client.SendMailAsync(message, timeout.Token);
    }
}
