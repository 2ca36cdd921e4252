using System.Net;
using System.Text;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: registrations and testimonials are limited per client address per hour
/// (<c>RateLimits:MembershipRegistrationsPerHour</c>, <c>RateLimits:TestimonialsPerHour</c>): past the limit 429
/// <c>RATE_LIMITED</c> with a <c>Retry-After</c> within the hour; another address is not affected.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteMembersRateLimitTests(TestDatabase database) : FrontendTest(database,
    Accounts.Frontend().With("RateLimits:MembershipRegistrationsPerHour", "2").With("RateLimits:TestimonialsPerHour", "2"))
{
    private async Task<HttpResponseMessage> PostAsync(string path, string json, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(FrontendFactory.ClientAddressHeader, address);
        return await Client.SendAsync(request);
    }

    [Theory]
    [InlineData("/api/v1/membership/register", """{"name":"Budi","email":"budi@example.org","partnershipType":"sahabat"}""")]
    [InlineData("/api/v1/testimonials", """{"name":"Budi","text":"Terima kasih."}""")]
    public async Task Submissions_past_the_hourly_limit_answer_429_with_retry_after(string path, string json)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await OutcomeAsync(await PostAsync(path, json, "203.0.113.10")));
        }
        var limited = await PostAsync(path, json, "203.0.113.10");
        var other = await PostAsync(path, json, "203.0.113.11");

        Assert.Equal(["201", "201", "429 RATE_LIMITED"], outcomes);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }
}
