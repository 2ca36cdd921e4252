using System.Net;
using System.Text.Json;
using MimeKit;
using OrleansRides.Tests.Shared.Mail;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Helpers of the subscription tests: a frontend that mails the SMTP sink, fresh addresses, tokens from mails.</summary>
public static class Subscribers
{
    public const string BaseUrl = "https://rides.example.test";
    public const string Berlin = "0192f0a0-0000-7000-8000-000000000001";
    public const string Commute = "0192f0a0-0000-7000-8000-000000000102";

    /// <summary><paramref name="factory"/> sending to the SMTP sink, with mail links under <see cref="BaseUrl"/>.</summary>
    public static FrontendFactory Mailing(FrontendFactory factory)
    {
        MailSink.EnsureRunning();
        return factory.With("Smtp:Host", "127.0.0.1").With("Smtp:Port", MailSink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Subscriptions:PublicBaseUrl", BaseUrl);
    }

    public static string NewEmail() => $"subscriber-{Guid.NewGuid():N}@example.test";

    public static string ConfirmToken(MimeMessage mail)
    {
        const string marker = "/subscription.html?confirm=";
        var text = mail.TextBody ?? "";
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, text);
        return text.Substring(start + marker.Length, 22);
    }

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
