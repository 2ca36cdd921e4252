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
    public async Task Health_reports_postgres_up()
    {
        _ = database;
        await using var factory = new FrontendFactory();

        var response = await factory.CreateClient().GetAsync("/api/v1/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal("healthy", data.GetProperty("status").GetString());
        Assert.Equal("up", data.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
    }

    [Fact]
    public async Task With_postgres_unreachable_health_is_503_and_the_catalog_answers_503_without_crashing()
    {
        // Port 9 (discard) on loopback: nothing listens there, so connections are refused at once.
        await using var factory = new FrontendFactory().With("DATABASE_URL", "Host=127.0.0.1;Port=9;Database=none;Username=postgres");
        var client = factory.CreateClient();

        var health = await client.GetAsync("/api/v1/health");
        var route = await client.GetAsync("/api/v1/routes/by-code/ABCDEF");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var postgres = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("checks").GetProperty("postgres");
        Assert.Equal("down", postgres.GetProperty("status").GetString());
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
    }

    [Theory]
    [InlineData("An unexpected error occurred invoking 'JoinRide' on the server. HubException: RIDE_NOT_FOUND: No route.", "RIDE_NOT_FOUND: No route.")]
    [InlineData("Failed to invoke 'UpdateLocation' due to an error on the server. InvalidDataException: Invalid arguments provided.", "INVALID_REQUEST: the arguments of UpdateLocation do not match its signature.")]
    [InlineData("Failed to invoke 'Nope' due to an error on the server. HubException: Method does not exist.", "INVALID_REQUEST: there is no hub method Nope.")]
    [InlineData("Something else", "Something else")]
    public void Hub_errors_are_rewritten_to_start_with_their_code(string signalRMessage, string expected) =>
        Assert.Equal(expected, CodedErrorHubProtocol.RewriteError(signalRMessage));
}
