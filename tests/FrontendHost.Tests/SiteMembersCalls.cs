using System.Net.Http.Json;
using System.Text.Json;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Membership and testimonial requests for the HTTP tests of issue 10 (raw JSON bodies, as <see cref="CatalogCalls"/>).</summary>
internal static class SiteMembersCalls
{
    /// <summary>A frontend whose per-address submission limits do not get in the way of tables that send many bodies.</summary>
    public static FrontendFactory Unlimited() => Accounts.Frontend()
        .With("RateLimits:TestimonialsPerHour", "100000").With("RateLimits:MembershipRegistrationsPerHour", "100000");

    /// <summary>Creates a tier of its own as <paramref name="staffToken"/>; returns its id.</summary>
    public static async Task<Guid> CreateTierAsync(HttpClient client, string staffToken) =>
        await DataIdAsync(await CallAsync(client, HttpMethod.Post, "/api/v1/membership/tiers", staffToken,
            $$"""{"name":"Tier {{Guid.NewGuid():N}}","benefits":["A benefit"]}"""));

    /// <summary>Submits a testimonial anonymously; returns its id.</summary>
    public static async Task<Guid> SubmitTestimonialAsync(HttpClient client, string name = "Ibu Sari") =>
        await DataIdAsync(await CallAsync(client, HttpMethod.Post, "/api/v1/testimonials", null,
            $$"""{"name":"{{name}}","text":"Siarannya menguatkan saya.","location":"Bandung"}"""));

    /// <summary>The <c>data.id</c> of a 201 answer.</summary>
    public static async Task<Guid> DataIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetGuid();
    }
}
