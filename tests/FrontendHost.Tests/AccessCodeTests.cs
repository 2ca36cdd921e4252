using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Tests.Shared;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Access codes cannot be enumerated: failed look-ups are limited per address over REST and the ride hub together,
/// new codes are longer, and the codes already issued keep working (issue 8, item 4).</summary>
[Collection(FrontendCollection.Name)]
public sealed class AccessCodeTests(TestDatabase database) : FrontendTest(database, new FrontendFactory().With("RateLimits:FailedCodeLookupsPerMinute", Limit.ToString()))
{
    private const int Limit = 4;

    [Fact]
    public async Task Failed_lookups_over_REST_and_the_ride_hub_are_counted_together_per_address()
    {
        var code = await CreateRouteAsync();
        var guesser = NewAddress();
        await using var hub = await HubSocket.ConnectAsync(Factory, "ride", null, guesser);

        for (var i = 0; i < Limit / 2; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetByCode(UnknownCode(), guesser)).StatusCode);
            Assert.Equal("RIDE_NOT_FOUND", (await Assert.ThrowsAsync<HubError>(() =>
                hub.InvokeAsync("JoinRide", new { accessCode = UnknownCode(), role = "follower" }))).Code);
        }
        var blockedRest = await GetByCode(code, guesser);
        var blockedHub = await Assert.ThrowsAsync<HubError>(() => hub.InvokeAsync("JoinRide", new { accessCode = code, role = "follower" }));
        var blockedLocation = await Assert.ThrowsAsync<HubError>(() => hub.InvokeAsync("RequestLocation", code));
        var elsewhere = await GetByCode(code, NewAddress());

        Assert.Equal(HttpStatusCode.TooManyRequests, blockedRest.StatusCode);
        Assert.Equal("RATE_LIMITED", (await blockedRest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.InRange(int.Parse(blockedRest.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal("RATE_LIMITED", blockedHub.Code);
        Assert.Equal("RATE_LIMITED", blockedLocation.Code);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Successful_lookups_are_not_counted_and_malformed_codes_are()
    {
        var code = await CreateRouteAsync();
        var follower = NewAddress();

        for (var i = 0; i < Limit * 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetByCode(code, follower)).StatusCode);
        }
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetByCode("not-a-code", follower)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetByCode(code, follower)).StatusCode);
    }

    [Fact]
    public async Task Fifty_parallel_unknown_codes_from_one_address_get_no_more_answers_than_the_limit()
    {
        var guesser = NewAddress();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => GetByCode(UnknownCode(), guesser)));

        Assert.Equal(Limit, answers.Count(a => a.StatusCode == HttpStatusCode.NotFound));
        Assert.Equal(50 - Limit, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Fifty_parallel_lookups_of_a_real_code_from_one_address_all_succeed()
    {
        var code = await CreateRouteAsync();
        var group = NewAddress();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => GetByCode(code, group)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    [Fact]
    public async Task IPv6_addresses_of_one_64_bit_prefix_share_a_limit()
    {
        var prefix = $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetByCode(UnknownCode(), $"{prefix}::{i + 1:x}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetByCode(UnknownCode(), $"{prefix}::beef")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetByCode(UnknownCode(), $"2001:db8:1::{Random.Shared.Next(1, 0xffff):x}")).StatusCode);
    }

    [Fact]
    public async Task New_codes_have_10_characters_and_a_6_character_code_issued_before_still_resolves_and_joins()
    {
        var created = await CreateRouteAsync();
        var legacy = await InsertLegacyRouteAsync();
        await using var hub = await HubSocket.ConnectAsync(Factory, "ride", null, NewAddress());

        var byCode = await GetByCode(legacy.ToLowerInvariant(), NewAddress());
        var snapshot = await hub.InvokeAsync("JoinRide", new { accessCode = legacy, role = "follower" });

        Assert.Equal(10, created.Length);
        Assert.Equal(HttpStatusCode.OK, byCode.StatusCode);
        Assert.Equal(legacy, (await byCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessCode").GetString());
        Assert.Equal(legacy, snapshot.GetProperty("accessCode").GetString());
        Assert.Equal("waiting", snapshot.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Leader_calls_on_a_code_the_connection_has_not_joined_say_NOT_LEADER_whether_the_code_exists_or_not()
    {
        var code = await CreateRouteAsync();
        await using var hub = await HubSocket.ConnectAsync(Factory, "ride", null, NewAddress());

        var known = await Assert.ThrowsAsync<HubError>(() => hub.InvokeAsync("UpdateLocation", code, new { lat = 1, lng = 1 }));
        var unknown = await Assert.ThrowsAsync<HubError>(() => hub.InvokeAsync("UpdateLocation", UnknownCode(), new { lat = 1, lng = 1 }));
        var endKnown = await Assert.ThrowsAsync<HubError>(() => hub.InvokeAsync("EndRide", code));
        var endUnknown = await Assert.ThrowsAsync<HubError>(() => hub.InvokeAsync("EndRide", UnknownCode()));

        Assert.All(new[] { known, unknown, endKnown, endUnknown }, error => Assert.Equal("NOT_LEADER", error.Code));
    }

    private static string NewAddress() => $"198.51.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    // Codes of the new length nobody will ever have been given (the test database keeps routes between runs).
    private static string UnknownCode() => AccessCodes.Generate();

    private async Task<HttpResponseMessage> GetByCode(string code, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/routes/by-code/{code}");
        request.Headers.Add(FrontendFactory.ClientAddressHeader, address);
        return await Client.SendAsync(request);
    }

    private async Task<string> CreateRouteAsync()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/routes", new { name = "codes", waypoints = new[] { new { lat = 48.8, lng = 9.2 } }, departureTime = "08:00", regionId = SeededCatalog.Berlin });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessCode").GetString()!;
    }

    private async Task<string> InsertLegacyRouteAsync()
    {
        var code = System.Security.Cryptography.RandomNumberGenerator.GetString(AccessCodes.Alphabet, 6);
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO routes (id, name, access_code, leader_key_hash, waypoints, departure_time)
            VALUES (@id, 'legacy', @code, @hash, '[{"lat":48.8,"lng":9.2,"name":null}]', '08:00')
            """, new { id = Guid.NewGuid(), code, hash = LeaderKeys.Hash(LeaderKeys.Generate()) });
        return code;
    }
}
