using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Tests.Shared;
using OrleansRides.Tests.Shared.Mail;
using static OrleansRides.FrontendHost.Tests.Subscribers;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 9's hostile-input table for <c>/api/v1/subscribe</c>: each body is a 400 with a stable code naming the
/// field, never a 5xx, and no mail goes out for any of them.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SubscriptionHostileInputTests(TestDatabase database)
    : FrontendTest(database, Mailing(new FrontendFactory()).With("RateLimits:SubscriptionsPerHour", "10000"), sharedByClass: true)
{
    private static readonly string UnknownId = Guid.CreateVersion7().ToString();
    private static readonly string TwentyOneIds = string.Join(",", Enumerable.Range(0, 21).Select(_ => $"\"{Guid.NewGuid()}\""));

    /// <summary>A POST /subscribe body (with <c>{email}</c> standing for a fresh address) and the field it must name.</summary>
    public static TheoryData<string, string> SubscribeBodies => new()
    {
        { """{"email":"{email}\r\nBcc: x@y.z","frequency":"daily"}""", "email" },
        { """{"email":"{email}\nBcc: x@y.z","frequency":"daily"}""", "email" },
        { """{"email":"\"Evil\" <{email}>","frequency":"daily"}""", "email" },
        { """{"email":"{email}, victim@example.test","frequency":"daily"}""", "email" },
        { """{"email":"not-an-address","frequency":"daily"}""", "email" },
        { """{"email":"nobody@localhost","frequency":"daily"}""", "email" },
        { """{"email":"","frequency":"daily"}""", "email" },
        { """{"frequency":"daily"}""", "email" },
        { $$"""{"email":"{{new string('a', 250)}}@x.org","frequency":"daily"}""", "email" },
        { """{"email":"x\u202e@evil.org","frequency":"daily"}""", "email" },
        { """{"email":42,"frequency":"daily"}""", "email" },
        { """{"email":["{email}"],"frequency":"daily"}""", "email" },
        { """{"email":"{email}"}""", "frequency" },
        { """{"email":"{email}","frequency":"hourly"}""", "frequency" },
        { """{"email":"{email}","frequency":0}""", "frequency" },
        { """{"email":"{email}","frequency":"daily","regionIds":["berlin"]}""", "regionIds" },
        { """{"email":"{email}","frequency":"daily","regionIds":"0192f0a0-0000-7000-8000-000000000001"}""", "regionIds" },
        { $$"""{"email":"{email}","frequency":"daily","regionIds":["{{UnknownId}}"]}""", "regionIds" },
        { $$"""{"email":"{email}","frequency":"daily","tagIds":["{{UnknownId}}"]}""", "tagIds" },
        { $$"""{"email":"{email}","frequency":"daily","regionIds":[{{TwentyOneIds}}]}""", "regionIds" },
        { $$"""{"email":"{email}","frequency":"daily","tagIds":[{{TwentyOneIds}}]}""", "tagIds" },
        { """{"email":"{email}","frequency":"daily","tagIds":[null]}""", "tagIds" },
    };

    /// <summary>A PUT /subscribe/{token} body and the field it must name.</summary>
    public static TheoryData<string, string> UpdateBodies => new()
    {
        { """{"frequency":"yearly"}""", "frequency" },
        { """{"frequency":true}""", "frequency" },
        { """{"regionIds":[1,2]}""", "regionIds" },
        { $$"""{"regionIds":["{{UnknownId}}"]}""", "regionIds" },
        { $$"""{"tagIds":["{{UnknownId}}"]}""", "tagIds" },
        { $$"""{"tagIds":[{{TwentyOneIds}}]}""", "tagIds" },
    };

    [Theory]
    [MemberData(nameof(SubscribeBodies))]
    public async Task A_hostile_subscribe_body_is_a_typed_400_naming_the_field_and_sends_no_mail(string template, string field)
    {
        var email = NewEmail();

        var response = await PostRawAsync("/api/v1/subscribe", template.Replace("{email}", email, StringComparison.Ordinal));

        await AssertBadRequestNamingAsync(response, field);
        Assert.Empty(MailSink.To(email));
    }

    [Theory]
    [MemberData(nameof(UpdateBodies))]
    public async Task A_hostile_update_body_is_a_typed_400_naming_the_field(string body, string field)
    {
        var created = await Client.PostAsJsonAsync("/api/v1/subscribe", new { email = NewEmail(), frequency = "daily" });
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/subscribe/{token}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        await AssertBadRequestNamingAsync(await Client.SendAsync(request), field);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"email\":")]
    [InlineData("\"a@b.co\"")]
    public async Task A_body_that_is_not_an_object_is_a_typed_400(string body)
    {
        var response = await PostRawAsync("/api/v1/subscribe", body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Contains(JsonDocument.Parse(text).RootElement.GetProperty("code").GetString(), new[] { ApiProblems.ValidationFailed, ApiProblems.MalformedJson, "BAD_REQUEST" });
    }

    private async Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        await Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task AssertBadRequestNamingAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Contains(problem.GetProperty("code").GetString(), new[] { ApiProblems.ValidationFailed, ApiProblems.MalformedJson });
        var names = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(names.Any(n => n.StartsWith(field, StringComparison.Ordinal)), $"no error for {field}: {body}");
    }
}
