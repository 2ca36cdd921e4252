using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansRides.Tests.Shared;
using OrleansRides.Tests.Shared.Mail;
using static OrleansRides.FrontendHost.Tests.Subscribers;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 9: <c>/api/v1/subscribe</c> end to end on the test server, with the confirmation mail read from the real
/// SMTP sink of <c>./test</c>.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SubscriptionsApiTests(TestDatabase database) : FrontendTest(database, Mailing(new FrontendFactory()))
{
    [Fact]
    public async Task Subscribing_mails_a_confirmation_whose_token_activates_the_subscription_which_can_be_read_changed_and_erased()
    {
        var email = NewEmail();
        using var subscribe = new HttpRequestMessage(HttpMethod.Post, "/api/v1/subscribe")
        {
            Content = JsonContent.Create(new { email = $"  {email.ToUpperInvariant()} ", frequency = "daily", regionIds = new[] { Berlin } }),
        };
        subscribe.Headers.Host = "evil.example"; // links in mail never come from the Host header

        var created = await Client.SendAsync(subscribe);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var data = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var token = data.GetProperty("token").GetString()!;
        Assert.Equal("pending", data.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/subscribe/{token}", created.Headers.Location!.OriginalString);
        var mail = MailSink.Single(email);
        Assert.Equal("Confirm your Bike Train ride digest", mail.Subject);
        Assert.DoesNotContain("evil.example", mail.TextBody + mail.HtmlBody);
        var confirmToken = ConfirmToken(mail);
        Assert.NotEqual(token, confirmToken);
        Assert.Contains($"{BaseUrl}/subscription.html?token={token}", mail.TextBody);

        var byManageToken = await Client.PostAsync($"/api/v1/subscribe/{token}/confirm", null);
        var confirmed = await Client.PostAsync($"/api/v1/subscribe/{confirmToken}/confirm", null);
        var read = await DataAsync(await Client.GetAsync($"/api/v1/subscribe/{token}"));
        var changed = await DataAsync(await Client.PutAsJsonAsync($"/api/v1/subscribe/{token}", new { frequency = "weekly", tagIds = new[] { Commute } }));
        var deleted = await Client.DeleteAsync($"/api/v1/subscribe/{token}");

        await AssertProblemAsync(byManageToken, HttpStatusCode.NotFound, "SUBSCRIPTION_NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("active", read.GetProperty("status").GetString());
        Assert.Equal(email, read.GetProperty("email").GetString());
        Assert.Equal("daily", read.GetProperty("frequency").GetString());
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("confirmedAt").ValueKind);
        Assert.Equal("weekly", changed.GetProperty("frequency").GetString());
        Assert.Equal(Berlin, changed.GetProperty("regionIds")[0].GetString());
        Assert.Equal(Commute, changed.GetProperty("tagIds")[0].GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertProblemAsync(await Client.GetAsync($"/api/v1/subscribe/{token}"), HttpStatusCode.NotFound, "SUBSCRIPTION_NOT_FOUND");
    }

    [Fact]
    public async Task One_click_unsubscribe_takes_the_RFC_8058_form_post_and_ends_the_subscription()
    {
        var (token, _) = await ActiveSubscriptionAsync();

        var response = await Client.PostAsync($"/api/v1/subscribe/{token}/unsubscribe",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var again = await Client.PostAsync($"/api/v1/subscribe/{token}/unsubscribe", null);

        Assert.Equal("unsubscribed", (await DataAsync(response)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("unsubscribed", (await DataAsync(await Client.GetAsync($"/api/v1/subscribe/{token}"))).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("x")]
    [InlineData("%0d%0aBcc:x@y.z")]
    public async Task Unknown_tokens_are_404_on_every_endpoint(string token)
    {
        var longToken = new string('a', 300);
        foreach (var t in new[] { token, longToken })
        {
            await AssertProblemAsync(await Client.GetAsync($"/api/v1/subscribe/{t}"), HttpStatusCode.NotFound, "SUBSCRIPTION_NOT_FOUND");
            await AssertProblemAsync(await Client.PutAsJsonAsync($"/api/v1/subscribe/{t}", new { frequency = "weekly" }), HttpStatusCode.NotFound, "SUBSCRIPTION_NOT_FOUND");
            await AssertProblemAsync(await Client.DeleteAsync($"/api/v1/subscribe/{t}"), HttpStatusCode.NotFound, "SUBSCRIPTION_NOT_FOUND");
            await AssertProblemAsync(await Client.PostAsync($"/api/v1/subscribe/{t}/confirm", null), HttpStatusCode.NotFound, "SUBSCRIPTION_NOT_FOUND");
            await AssertProblemAsync(await Client.PostAsync($"/api/v1/subscribe/{t}/unsubscribe", null), HttpStatusCode.NotFound, "SUBSCRIPTION_NOT_FOUND");
        }
    }

    [Fact]
    public async Task An_address_gets_at_most_three_confirmation_mails_a_day_whoever_asks()
    {
        var email = NewEmail();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 1; i <= 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/subscribe") { Content = JsonContent.Create(new { email, frequency = "weekly" }) };
            request.Headers.Add(FrontendFactory.ClientAddressHeader, $"198.51.100.{i}");
            last = await Client.SendAsync(request);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        await AssertProblemAsync(last, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.InRange(int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 86_000, 86_400);
        Assert.Equal(3, MailSink.To(email).Count);
    }

    [Fact]
    public async Task One_client_address_may_subscribe_only_so_often()
    {
        await using var factory = Mailing(new FrontendFactory()).With("RateLimits:SubscriptionsPerHour", "2");
        var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/subscribe", new { email = NewEmail(), frequency = "monthly" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("/api/v1/subscribe", "post", "201,400,429,503")]
    [InlineData("/api/v1/subscribe/{token}/confirm", "post", "200,404")]
    [InlineData("/api/v1/subscribe/{token}", "get", "200,404")]
    [InlineData("/api/v1/subscribe/{token}", "put", "200,400,404")]
    [InlineData("/api/v1/subscribe/{token}", "delete", "204,404")]
    [InlineData("/api/v1/subscribe/{token}/unsubscribe", "post", "200,404")]
    public async Task The_OpenAPI_document_lists_every_subscription_endpoint_with_all_its_statuses(string path, string method, string statuses)
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses")
            .EnumerateObject().Select(r => r.Name).ToHashSet();
        Assert.All(statuses.Split(','), status => Assert.Contains(status, responses));
    }

    /// <summary>Subscribes a fresh address and confirms it with the token of its mail; returns the manage token and address.</summary>
    private async Task<(string Token, string Email)> ActiveSubscriptionAsync()
    {
        var email = NewEmail();
        var created = await DataAsync(await Client.PostAsJsonAsync("/api/v1/subscribe", new { email, frequency = "daily" }));
        var confirmed = await Client.PostAsync($"/api/v1/subscribe/{ConfirmToken(MailSink.Single(email))}/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return (created.GetProperty("token").GetString()!, email);
    }

    private static async Task<JsonElement> DataAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("data");
    }
}
