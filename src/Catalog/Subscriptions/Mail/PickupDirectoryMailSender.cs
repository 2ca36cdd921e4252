using System.Net.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OrleansRides.Catalog.Subscriptions.Mail;

/// <summary>Without an SMTP server (<c>./run</c> on a fresh clone), each message becomes an .eml file in
/// <see cref="SmtpOptions.PickupDirectory"/>, named by time and a random id, and its path is logged. MimeKit writes the
/// file from the same <see cref="MailMessage"/> SMTP would send, so the file is what a server would have received.</summary>
public sealed partial class PickupDirectoryMailSender(IOptions<SmtpOptions> options, TimeProvider time, ILogger<PickupDirectoryMailSender> logger)
    : IMailSender
{
    private readonly MailAddress _from = new(options.Value.From);

    /// <summary>The absolute directory the files go to.</summary>
    public string Directory { get; } = Path.GetFullPath(options.Value.PickupDirectory);

    /// <inheritdoc />
    public string Destination => $".eml files in {Directory}";

    /// <inheritdoc />
    public async Task SendAsync(MailContent mail, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}.eml");
        using (var message = mail.ToMailMessage(_from))
        using (var mime = MimeMessage.CreateFromMailMessage(message))
        {
            await mime.WriteToAsync(path, cancellationToken);
        }
        LogWritten(path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail written to {Path}")]
    private partial void LogWritten(string path);
}
