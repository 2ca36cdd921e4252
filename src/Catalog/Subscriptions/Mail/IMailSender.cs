namespace OrleansRides.Catalog.Subscriptions.Mail;

/// <summary>Sends mail: over SMTP (<see cref="SmtpMailSender"/>) when <c>Smtp:Host</c> is set, else into .eml files
/// (<see cref="PickupDirectoryMailSender"/>).</summary>
public interface IMailSender
{
    /// <summary>Where mail goes, for the start-up log ("SMTP 127.0.0.1:2525", ".eml files in /path").</summary>
    string Destination { get; }

    /// <summary>Sends <paramref name="mail"/>; when the task completes the server (or the file) has it.</summary>
    /// <exception cref="System.Net.Mail.SmtpException">The server refused the message or could not be reached.</exception>
    /// <exception cref="IOException">The .eml file could not be written.</exception>
    Task SendAsync(MailContent mail, CancellationToken cancellationToken);
}
