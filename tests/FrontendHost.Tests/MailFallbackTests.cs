using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OrleansRides.Catalog.Subscriptions.Mail;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 9: "with no SMTP configured, ./run writes each message as an .eml file under .data/mail/ and prints
/// where".</summary>
[Collection(FrontendCollection.Name)]
public sealed class MailFallbackTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"orleansrides-mail-{Guid.NewGuid():N}");
    private FrontendFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new FrontendFactory().With("Smtp:PickupDirectory", _directory).With("Subscriptions:PublicBaseUrl", "https://rides.example.test");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Without_an_SMTP_host_the_confirmation_mail_becomes_an_eml_file_in_the_pickup_directory()
    {
        var email = $"eml-{Guid.NewGuid():N}@example.test";

        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/subscribe", new { email, frequency = "weekly" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sender = _factory.Services.GetRequiredService<IMailSender>();
        Assert.Equal($".eml files in {Path.GetFullPath(_directory)}", sender.Destination);
        var file = Assert.Single(Directory.GetFiles(_directory, "*.eml"));
        var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal(email, mail.To.Mailboxes.Single().Address);
        Assert.Equal("Confirm your Bike Train ride digest", mail.Subject);
        Assert.Contains("https://rides.example.test/subscription.html?confirm=", mail.TextBody);
        Assert.NotNull(mail.HtmlBody);
    }
}
