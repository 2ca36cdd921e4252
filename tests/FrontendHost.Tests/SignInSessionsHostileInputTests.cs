using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.HostileTables;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 11: a hostile-input table for refresh and the session endpoints — malformed JSON, wrong types, control
/// characters, oversize and forged tokens, bad ids, out-of-range paging. Each answer is the typed 4xx in the table; never a
/// 5xx.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SignInSessionsHostileInputTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    [Fact]
    public async Task Refreshing()
    {
        const string Path = "/api/v1/auth/refresh";
        await AssertOutcomesAsync(Client, HttpMethod.Post, null,
        [
            (Path, """{"refreshToken":""", "400 MALFORMED_JSON refreshToken"),
            (Path, """{"refreshToken":5}""", "400 MALFORMED_JSON refreshToken"),
            (Path, """{"refreshToken":["a"]}""", "400 MALFORMED_JSON refreshToken"),
            (Path, "[]", "400 MALFORMED_JSON "),
            (Path, "{}", "400 VALIDATION_FAILED refreshToken"),
            (Path, """{"refreshToken":""}""", "400 VALIDATION_FAILED refreshToken"),
            .. ControlCharacterCases(Path, (field, value) => $$"""{"{{field}}":"{{value}}"}""", "refreshToken"),
            (Path, $$"""{"refreshToken":"{{new string('r', 257)}}"}""", "400 VALIDATION_FAILED refreshToken"),
            (Path, $$"""{"refreshToken":"{{new string('r', 900_000)}}"}""", "400 VALIDATION_FAILED refreshToken"),
            (Path, """{"refreshToken":"'; DROP TABLE sessions; --"}""", "401 INVALID_REFRESH_TOKEN"),
            (Path, $$"""{"refreshToken":"{{new string('A', 43)}}"}""", "401 INVALID_REFRESH_TOKEN"),
            (Path, $$"""{"refreshToken":"{{new string('A', 44)}}"}""", "401 INVALID_REFRESH_TOKEN"),
            (Path, $$"""{"refreshToken":"{{new string('é', 43)}}"}""", "401 INVALID_REFRESH_TOKEN"),
        ]);
    }

    [Fact]
    public async Task Listing_and_signing_out_sessions()
    {
        var (token, _) = await SignUpAsync(Client);
        await AssertOutcomesAsync(Client, HttpMethod.Get, token,
        [
            ("/api/v1/auth/sessions?limit=0", null, "400 VALIDATION_FAILED limit"),
            ("/api/v1/auth/sessions?limit=101", null, "400 VALIDATION_FAILED limit"),
            ("/api/v1/auth/sessions?offset=-1", null, "400 VALIDATION_FAILED offset"),
            ("/api/v1/auth/sessions?limit=abc", null, "400 BAD_REQUEST"),
            ("/api/v1/auth/sessions?limit=1&offset=5", null, "200"),
        ]);
        await AssertOutcomesAsync(Client, HttpMethod.Delete, token,
        [
            ("/api/v1/auth/sessions/not-a-guid", null, "404 NOT_FOUND"),
            ($"/api/v1/auth/sessions/{Guid.NewGuid()}", null, "404 SESSION_NOT_FOUND"),
        ]);
        await AssertOutcomesAsync(Client, HttpMethod.Delete, "not-a-jwt", [($"/api/v1/auth/sessions/{Guid.NewGuid()}", null, "401 UNAUTHORIZED")]);
    }
}
