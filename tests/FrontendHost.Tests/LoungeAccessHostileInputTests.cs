using System.Net.Http.Json;
using System.Text.Json;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.HostileTables;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 11: a hostile-input table per lounge access endpoint — malformed JSON, wrong types, control characters in
/// every text field, out-of-range numbers and paging, unknown ids and tokens. Each answer is the typed 4xx in the table;
/// never a 5xx.</summary>
[Collection(FrontendCollection.Name)]
public sealed class LoungeAccessHostileInputTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    private static readonly string Stranger = Guid.NewGuid().ToString();

    private async Task<(string Owner, string Id, Guid MemberId)> LoungeAsync()
    {
        var (owner, _) = await SignUpAsync(Client);
        var (member, memberId) = await SignUpAsync(Client);
        var response = await SendAsync(Client, HttpMethod.Post, "/api/v1/lounges", owner, new { name = "Hostile", visibility = "private" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetString()!;
        var invite = await SendAsync(Client, HttpMethod.Post, $"/api/v1/lounges/{id}/invites", owner, new { });
        var token = (await invite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("token").GetString()!;
        await SendAsync(Client, HttpMethod.Post, "/api/v1/lounge-invites/accept", member, new { token });
        return (owner, id, memberId);
    }

    private static string Text(string field, string value) => $$"""{"{{field}}":"{{value}}"}""";

    [Fact]
    public async Task Creating_and_changing_lounges()
    {
        var (owner, id, _) = await LoungeAsync();
        await AssertOutcomesAsync(Client, HttpMethod.Post, owner,
        [
            ("/api/v1/lounges", """{"name":""", "400 MALFORMED_JSON name"),
            ("/api/v1/lounges", """{"name":5}""", "400 MALFORMED_JSON name"),
            ("/api/v1/lounges", """{"name":"x","visibility":"secret"}""", "400 MALFORMED_JSON visibility"),
            ("/api/v1/lounges", """{"name":""}""", "400 VALIDATION_FAILED name"),
            ("/api/v1/lounges", $$"""{"name":"{{new string('n', 81)}}"}""", "400 VALIDATION_FAILED name"),
            .. ControlCharacterCases("/api/v1/lounges", (f, v) => f == "name" ? Text("name", v) : $$"""{"name":"ok","{{f}}":"{{v}}"}""", "name", "description"),
        ]);
        await AssertOutcomesAsync(Client, HttpMethod.Patch, owner,
        [
            ($"/api/v1/lounges/{id}", """{"visibility":1}""", "400 MALFORMED_JSON visibility"),
            ($"/api/v1/lounges/{id}", """{"name":"  "}""", "400 VALIDATION_FAILED name"),
            ("/api/v1/lounges/NO_SUCH", """{"name":"x"}""", "404 LOUNGE_NOT_FOUND"),
            .. ControlCharacterCases($"/api/v1/lounges/{id}", Text, "name", "description"),
        ]);
        await AssertOutcomesAsync(Client, HttpMethod.Get, owner,
        [
            ("/api/v1/lounges?limit=0", null, "400 VALIDATION_FAILED limit"),
            ("/api/v1/lounges?limit=101", null, "400 VALIDATION_FAILED limit"),
            ("/api/v1/lounges?offset=-1", null, "400 VALIDATION_FAILED offset"),
            ("/api/v1/lounges?q=a%00b", null, "400 VALIDATION_FAILED q"),
            ($"/api/v1/lounges/{id}/members?limit=1000", null, "400 VALIDATION_FAILED limit"),
            ($"/api/v1/lounges/{id}/moderation-log?offset=-5", null, "400 VALIDATION_FAILED offset"),
            ($"/api/v1/lounges/{id}/invites?limit=0", null, "400 VALIDATION_FAILED limit"),
            ($"/api/v1/lounges/{id}/join-requests?limit=0", null, "400 VALIDATION_FAILED limit"),
            ($"/api/v1/lounges/{id}/messages?limit=0", null, "400 VALIDATION_FAILED limit"),
            ("/api/v1/lounges/%27%3B%20DROP%20TABLE%20chat_rooms", null, "404 LOUNGE_NOT_FOUND"),
        ]);
        await AssertOutcomesAsync(Client, HttpMethod.Delete, owner,
        [
            ($"/api/v1/lounges/{id}?reason=a%00b", null, "400 VALIDATION_FAILED reason"),
            ($"/api/v1/lounges/{id}/invites/{Stranger}", null, "404 INVITE_NOT_FOUND"),
        ]);
    }

    [Fact]
    public async Task Moderating_members_and_messages()
    {
        var (owner, id, memberId) = await LoungeAsync();
        var members = $"/api/v1/lounges/{id}/members";
        await AssertOutcomesAsync(Client, HttpMethod.Put, owner,
        [
            ($"{members}/{memberId}/mute", """{"minutes":"ten"}""", "400 MALFORMED_JSON minutes"),
            ($"{members}/{memberId}/mute", """{"minutes":0}""", "400 VALIDATION_FAILED minutes"),
            ($"{members}/{memberId}/mute", """{"minutes":10081}""", "400 VALIDATION_FAILED minutes"),
            ($"{members}/{memberId}/mute", """{}""", "400 VALIDATION_FAILED minutes"),
            ($"{members}/{Stranger}/mute", """{"minutes":5}""", "404 MEMBER_NOT_FOUND"),
            .. ControlCharacterCases($"{members}/{memberId}/mute", (f, v) => $$"""{"minutes":5,"{{f}}":"{{v}}"}""", "reason"),
            ($"{members}/{memberId}/role", """{"role":"owner"}""", "400 VALIDATION_FAILED role"),
            ($"{members}/{memberId}/role", """{"role":"king"}""", "400 MALFORMED_JSON role"),
            ($"{members}/{memberId}/role", """{}""", "400 VALIDATION_FAILED role"),
            ($"{members}/{Stranger}/role", """{"role":"moderator"}""", "404 MEMBER_NOT_FOUND"),
        ]);
        var moderate = $"/api/v1/lounges/{id}/messages/{Stranger}/moderate";
        await AssertOutcomesAsync(Client, HttpMethod.Post, owner,
        [
            (moderate, """{"action":"flag"}""", "400 VALIDATION_FAILED action"),
            (moderate, """{"action":7}""", "400 MALFORMED_JSON action"),
            .. ControlCharacterCases(moderate, (f, v) => $$"""{"action":"hide","{{f}}":"{{v}}"}""", "reason"),
            (moderate, """{"action":"hide"}""", "404 MESSAGE_NOT_FOUND"),
        ]);
        await AssertOutcomesAsync(Client, HttpMethod.Delete, owner,
        [
            ($"{members}/{memberId}?reason=a%1Bb", null, "400 VALIDATION_FAILED reason"),
            ($"{members}/{Stranger}", null, "404 MEMBER_NOT_FOUND"),
        ]);
    }

    [Fact]
    public async Task Invites_and_join_requests()
    {
        var (owner, id, _) = await LoungeAsync();
        var (stranger, _) = await SignUpAsync(Client);
        await AssertOutcomesAsync(Client, HttpMethod.Post, owner,
        [
            ($"/api/v1/lounges/{id}/invites", """{"expiresInHours":0}""", "400 VALIDATION_FAILED expiresInHours"),
            ($"/api/v1/lounges/{id}/invites", """{"expiresInHours":721}""", "400 VALIDATION_FAILED expiresInHours"),
            ($"/api/v1/lounges/{id}/invites", """{"maxUses":0}""", "400 VALIDATION_FAILED maxUses"),
            ($"/api/v1/lounges/{id}/invites", """{"maxUses":"many"}""", "400 MALFORMED_JSON maxUses"),
            ($"/api/v1/lounges/{id}/join-requests/{Stranger}/approve", null, "404 JOIN_REQUEST_NOT_FOUND"),
        ]);
        await AssertOutcomesAsync(Client, HttpMethod.Post, stranger,
        [
            ("/api/v1/lounge-invites/preview", """{}""", "400 VALIDATION_FAILED token"),
            ("/api/v1/lounge-invites/preview", """{"token":5}""", "400 MALFORMED_JSON token"),
            ("/api/v1/lounge-invites/preview", Text("token", new string('t', 101)), "400 VALIDATION_FAILED token"),
            ("/api/v1/lounge-invites/preview", Text("token", "' OR 1=1 --"), "404 INVITE_INVALID"),
            .. ControlCharacterCases("/api/v1/lounge-invites/accept", Text, "token"),
            ("/api/v1/lounge-invites/accept", Text("token", "unknown"), "404 INVITE_INVALID"),
            .. ControlCharacterCases($"/api/v1/lounges/{id}/join-requests", Text, "message"),
            ($"/api/v1/lounges/{id}/join-requests", """{"message":["x"]}""", "400 MALFORMED_JSON message"),
            ("/api/v1/lounges/nosuchid/join-requests", """{}""", "404 LOUNGE_NOT_FOUND"),
        ]);
    }
}
