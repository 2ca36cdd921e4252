using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

[Collection(FrontendCollection.Name)]
public sealed class OpenApiAccessTests
{
    private static async Task<JsonElement> DocumentAsync()
    {
        await using var factory = new FrontendFactory();
        return await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    private static string[]? RolesOf(JsonElement document, string path, string method)
    {
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        return operation.TryGetProperty("security", out var security)
            ? [.. security[0].GetProperty("Bearer").EnumerateArray().Select(r => r.GetString()!).Order()]
            : null;
    }

    [Fact]
    public async Task Each_operation_states_the_roles_its_policy_admits_as_a_bearer_requirement()
    {
        var document = await DocumentAsync();

        Assert.Equal(["admin"], RolesOf(document, "/api/v1/admin/users/{id}/role", "put") ?? ["no requirement"]);
        Assert.Equal(["admin", "editor", "member", "penyiar"], RolesOf(document, "/api/v1/auth/me", "get") ?? ["no requirement"]);
        Assert.Equal([], RolesOf(document, "/api/v1/auth/logout", "post") ?? ["no requirement"]);
        Assert.Null(RolesOf(document, "/api/v1/routes", "post"));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }
}
