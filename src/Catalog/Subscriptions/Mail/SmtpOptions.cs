using System.Net.Mail;

namespace OrleansRides.Catalog.Subscriptions.Mail;

/// <summary>Outgoing mail (section <c>Smtp</c>, environment <c>Smtp__Host</c>, <c>Smtp__Port</c>, …). Without a
/// <see cref="Host"/>, messages are written as .eml files to <see cref="PickupDirectory"/> instead.</summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Smtp";

    /// <summary>The SMTP server's host name or address; empty means "write .eml files".</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP port (default 25; 587 for submission with STARTTLS).</summary>
    public int Port { get; set; } = 25;

    /// <summary>The sender, an address or <c>Name &lt;address&gt;</c>.</summary>
    public string From { get; set; } = "Bike Train <no-reply@localhost>";

    /// <summary>The SMTP user name, if the server wants one.</summary>
    public string? UserName { get; set; }

    /// <summary>The SMTP password.</summary>
    public string? Password { get; set; }

    /// <summary>STARTTLS (what <see cref="SmtpClient.EnableSsl"/> does; implicit TLS on 465 is not supported by it).</summary>
    public bool EnableSsl { get; set; }

    /// <summary>How long one send may take before it fails (default 30 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where .eml files go without a host, relative to the working directory (default <c>.data/mail</c>).</summary>
    public string PickupDirectory { get; set; } = Path.Combine(".data", "mail");

    /// <summary>Whether the settings are usable; the message says what is wrong.</summary>
    public string? Problem() =>
        !MailAddress.TryCreate(From, out _) ? "Smtp:From must be an email address."
        : Port is < 1 or > 65535 ? "Smtp:Port must be 1 to 65535."
        : Timeout <= TimeSpan.Zero ? "Smtp:Timeout must be positive."
        : string.IsNullOrWhiteSpace(Host) && string.IsNullOrWhiteSpace(PickupDirectory) ? "Smtp:PickupDirectory is needed without Smtp:Host."
        : null;
}
