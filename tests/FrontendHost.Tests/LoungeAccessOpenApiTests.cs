using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 11: every lounge access operation is in the OpenAPI document with each status it answers.</summary>
[Collection(FrontendCollection.Name)]
public sealed class LoungeAccessOpenApiTests
{
    [Fact]
    public async Task Every_lounge_access_operation_lists_its_statuses()
    {
        await using var factory = new FrontendFactory();
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        string Describe(string method, string path)
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());
            return $"{method} {path} " + string.Join(',', operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
        }

        const string L = "/api/v1/lounges/{id}";
        string[] expected =
        [
            "GET /api/v1/lounges 200,400,401,403,429",
            "POST /api/v1/lounges 201,400,401,403,429",
            $"GET {L} 200,401,403,404,429",
            $"PATCH {L} 200,400,401,403,404,429",
            $"DELETE {L} 204,400,401,403,404,429",
            $"GET {L}/messages 200,400,401,403,404,429",
            $"POST {L}/members 200,401,403,404,429",
            $"DELETE {L}/members/me 204,400,401,403,404,409,429",
            $"GET {L}/members 200,400,401,403,404,429",
            $"DELETE {L}/members/{{userId}} 204,400,401,403,404,409,429",
            $"PUT {L}/members/{{userId}}/mute 200,400,401,403,404,409,429",
            $"DELETE {L}/members/{{userId}}/mute 204,400,401,403,404,409,429",
            $"PUT {L}/members/{{userId}}/role 204,400,401,403,404,409,429",
            $"POST {L}/messages/{{messageId}}/moderate 204,400,401,403,404,429",
            $"GET {L}/moderation-log 200,400,401,403,404,429",
            $"POST {L}/join-requests 202,400,401,403,404,409,429",
            $"GET {L}/join-requests 200,400,401,403,404,429",
            $"POST {L}/join-requests/{{userId}}/approve 204,401,403,404,429",
            $"POST {L}/join-requests/{{userId}}/reject 204,401,403,404,429",
            $"POST {L}/invites 201,400,401,403,404,429",
            $"GET {L}/invites 200,400,401,403,404,429",
            $"DELETE {L}/invites/{{inviteId}} 204,401,403,404,429",
            "POST /api/v1/lounge-invites/preview 200,400,401,403,404,429",
            "POST /api/v1/lounge-invites/accept 200,400,401,403,404,429",
        ];
        Assert.Equal(expected, expected.Select(e => e.Split(' ')).Select(p => Describe(p[0], p[1])));
    }
}
