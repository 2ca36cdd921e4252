using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>REST faults the hostile-input suite (tests/e2e/hostile-input.test.mjs) found, reproduced on the test server.</summary>
[Collection(FrontendCollection.Name)]
public sealed class HostileRestInputTests
{
    [Fact]
    public async Task A_null_waypoint_is_a_validation_problem_not_a_server_fault()
    {
        await using var factory = new FrontendFactory();
        const string body = """{"name":"null waypoint","waypoints":[null],"departureTime":"07:30","regionId":"0192f0a0-0000-7000-8000-000000000001"}""";

        var response = await factory.CreateClient().PostAsync("/api/v1/routes", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("waypoints[0]", out _), problem.ToString());
    }
}
