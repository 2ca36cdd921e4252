using System.Collections.Concurrent;
using System.Net.Sockets;
using MimeKit;

namespace OrleansRides.Tests.Shared.Mail;

/// <summary>The real SMTP server <c>./test</c> starts (Debian's aiosmtpd, <c>SMTP_SINK_PORT</c>) and the Maildir it stores
/// every message in (<c>SMTP_SINK_MAILDIR</c>). aiosmtpd answers 250 only once the message is in <c>new/</c>, so after a
/// send has completed, reading the Maildir finds it: no waiting. Without the sink a test fails (there is no silent skip).
/// Messages are told apart by recipient: each test mails addresses of its own.</summary>
public static class MailSink
{
    private static readonly ConcurrentDictionary<string, MimeMessage> Parsed = new();

    /// <summary>The sink's port.</summary>
    public static int Port { get; } = int.TryParse(Environment.GetEnvironmentVariable("SMTP_SINK_PORT"), out var port) ? port : 0;

    /// <summary>The sink's Maildir.</summary>
    public static string Maildir { get; } = Environment.GetEnvironmentVariable("SMTP_SINK_MAILDIR") ?? "";

    /// <summary>Fails with instructions when the sink is not configured or not listening.</summary>
    public static void EnsureRunning()
    {
        if (Port == 0 || Maildir.Length == 0)
        {
            throw new InvalidOperationException("SMTP_SINK_PORT and SMTP_SINK_MAILDIR are not set: run the tests through ./test, which starts the SMTP sink.");
        }
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"No SMTP sink listens on 127.0.0.1:{Port}: run the tests through ./test.", ex);
        }
    }

    /// <summary>Every message the sink has stored for <paramref name="recipient"/>, oldest first.</summary>
    public static IReadOnlyList<MimeMessage> To(string recipient)
    {
        EnsureRunning();
        var directory = Path.Combine(Maildir, "new");
        if (!Directory.Exists(directory))
        {
            return [];
        }
        // Oldest first by the time the file was written (the Date header has whole seconds only).
        return new DirectoryInfo(directory).GetFiles()
            .OrderBy(file => file.LastWriteTimeUtc).ThenBy(file => file.Name, StringComparer.Ordinal)
            .Select(file => Parsed.GetOrAdd(file.FullName, path => MimeMessage.Load(path)))
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, recipient, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>The one message stored for <paramref name="recipient"/>; fails when there are none or several.</summary>
    public static MimeMessage Single(string recipient) => Assert.Single(To(recipient));
}
