using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Tests.Shared;

namespace OrleansRides.FrontendHost.Tests;

[Collection(FrontendCollection.Name)]
public sealed class HealthAndDocsTests(TestDatabase database)
{
    [Fact]
    public async Task Readiness_shows_anonymous_callers_the_status_only_and_staff_each_dependency()
    {
        _ = database;
        await using var factory = Accounts.Frontend();
        var client = factory.CreateClient();
        var admin = await Accounts.AdminTokenAsync(client);

        foreach (var path in new[] { "/api/v1/health/ready", "/api/v1/health" })
        {
            var anonymous = await client.GetAsync(path);
            var staff = await Accounts.SendAsync(client, HttpMethod.Get, path, admin);

            Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
            var publicData = (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
            Assert.Equal("healthy", publicData.GetProperty("status").GetString());
            Assert.True(publicData.GetProperty("checks").ValueKind == JsonValueKind.Null, path);
            var staffData = (await staff.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
            Assert.Equal("up", staffData.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task The_cluster_endpoint_shows_host_names_and_process_ids_to_staff_only()
    {
        await using var factory = Accounts.Frontend();
        var client = factory.CreateClient();
        var admin = await Accounts.AdminTokenAsync(client);

        var anonymous = (await client.GetFromJsonAsync<JsonElement>("/api/v1/cluster")).GetProperty("data").GetProperty("silos")[0];
        var staff = (await (await Accounts.SendAsync(client, HttpMethod.Get, "/api/v1/cluster", admin)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("data").GetProperty("silos")[0];

        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("host").ValueKind);
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("processId").ValueKind);
        Assert.Equal(Environment.ProcessId, staff.GetProperty("processId").GetInt32());
    }

    [Fact]
    public async Task With_postgres_unreachable_health_is_503_and_the_catalog_answers_503_without_crashing()
    {
        // Port 9 (discard) on loopback: nothing listens there, so connections are refused at once.
        await using var factory = new FrontendFactory().With("DATABASE_URL", "Host=127.0.0.1;Port=9;Database=none;Username=postgres");
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/api/v1/health/ready");
        var live = await client.GetAsync("/api/v1/health/live");
        var route = await client.GetAsync("/api/v1/routes/by-code/ABCDEF");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var readiness = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal("unhealthy", readiness.GetProperty("status").GetString());
        Assert.DoesNotContain("127.0.0.1", readiness.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, route.StatusCode);
        var problem = await route.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SERVICE_UNAVAILABLE", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("Npgsql", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_OpenAPI_document_describes_the_routes_api()
    {
        await using var factory = new FrontendFactory();

        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/api/v1/routes", paths);
        Assert.Contains("/api/v1/routes/{id}", paths);
        Assert.Contains("/api/v1/routes/by-code/{code}", paths);
        Assert.Contains("/api/v1/health/live", paths);
        Assert.Contains("/api/v1/health/ready", paths);
    }

    [Theory]
    [InlineData("An unexpected error occurred invoking 'JoinRide' on the server. HubException: RIDE_NOT_FOUND: No route.", "RIDE_NOT_FOUND: No route.")]
    [InlineData("Failed to invoke 'UpdateLocation' due to an error on the server. InvalidDataException: Invalid arguments provided.", "INVALID_REQUEST: the arguments of UpdateLocation do not match its signature.")]
    [InlineData("Failed to invoke 'Nope' due to an error on the server. HubException: Method does not exist.", "INVALID_REQUEST: there is no hub method Nope.")]
    [InlineData("Something else", "Something else")]
    public void Hub_errors_are_rewritten_to_start_with_their_code(string signalRMessage, string expected) =>
        Assert.Equal(expected, CodedErrorHubProtocol.RewriteError(signalRMessage));
}
