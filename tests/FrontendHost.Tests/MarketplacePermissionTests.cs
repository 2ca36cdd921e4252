using System.Net.Http.Json;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.MarketplaceCalls;
using static OrleansRides.FrontendHost.Tests.SiteMembersCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 11: who may use the marketplace. A private lounge's listings are 404 to outsiders (as if absent);
/// a public lounge's are visible to any account, but listing and buying need membership; only the seller changes or
/// withdraws a listing, only the parties see a transaction, only its seller completes it, only admins list all.</summary>
[Collection(FrontendCollection.Name)]
public sealed class MarketplacePermissionTests(TestDatabase database) : FrontendTest(database, Unlimited())
{
    [Fact]
    public async Task Outsiders_members_and_sellers_get_exactly_their_answers()
    {
        var (ownerToken, _) = await SignUpAsync(Client);
        var (memberToken, memberId) = await SignUpAsync(Client);
        var (outsiderToken, _) = await SignUpAsync(Client);
        var closed = await LoungeAsync(Client, Database, ownerToken, isPrivate: true);
        var open = await LoungeAsync(Client, Database, ownerToken);
        await JoinAsync(Database, closed, memberId);
        await JoinAsync(Database, open, memberId);
        var hidden = await ListAsync(Client, ownerToken, closed);
        var shown = await ListAsync(Client, ownerToken, open);
        var outcomes = new List<string>();
        async Task Call(string who, string? token, string what, HttpMethod method, string path, string? json = null) =>
            outcomes.Add($"{who} {what} {await OutcomeAsync(await CallAsync(Client, method, path, token, json))}");

        foreach (var (who, token) in new[] { ("anonymous", (string?)null), ("outsider", outsiderToken), ("member", memberToken) })
        {
            await Call(who, token, "private list", HttpMethod.Get, $"/api/v1/lounges/{closed}/listings");
            await Call(who, token, "private create", HttpMethod.Post, $"/api/v1/lounges/{closed}/listings", ListingJson());
            await Call(who, token, "private get", HttpMethod.Get, $"/api/v1/listings/{hidden}");
            await Call(who, token, "private update", HttpMethod.Put, $"/api/v1/listings/{hidden}", ListingJson());
            await Call(who, token, "private withdraw", HttpMethod.Delete, $"/api/v1/listings/{hidden}");
            await Call(who, token, "public list", HttpMethod.Get, $"/api/v1/lounges/{open}/listings");
            await Call(who, token, "public get", HttpMethod.Get, $"/api/v1/listings/{shown}");
            await Call(who, token, "public create", HttpMethod.Post, $"/api/v1/lounges/{open}/listings", ListingJson());
            await Call(who, token, "admin list", HttpMethod.Get, "/api/v1/admin/transactions");
        }
        await Call("outsider", outsiderToken, "public buy", HttpMethod.Post, $"/api/v1/listings/{shown}/purchase", """{"idempotencyKey":"a"}""");
        await Call("outsider", outsiderToken, "private buy", HttpMethod.Post, $"/api/v1/listings/{hidden}/purchase", """{"idempotencyKey":"a"}""");
        await Call("member", memberToken, "private buy", HttpMethod.Post, $"/api/v1/listings/{hidden}/purchase", """{"idempotencyKey":"a"}""");

        Assert.Equal(
        [
            "anonymous private list 401 UNAUTHORIZED", "anonymous private create 401 UNAUTHORIZED", "anonymous private get 401 UNAUTHORIZED",
            "anonymous private update 401 UNAUTHORIZED", "anonymous private withdraw 401 UNAUTHORIZED", "anonymous public list 401 UNAUTHORIZED",
            "anonymous public get 401 UNAUTHORIZED", "anonymous public create 401 UNAUTHORIZED", "anonymous admin list 401 UNAUTHORIZED",
            "outsider private list 404 LOUNGE_NOT_FOUND", "outsider private create 404 LOUNGE_NOT_FOUND", "outsider private get 404 LISTING_NOT_FOUND",
            "outsider private update 404 LISTING_NOT_FOUND", "outsider private withdraw 404 LISTING_NOT_FOUND", "outsider public list 200",
            "outsider public get 200", "outsider public create 403 NOT_LOUNGE_MEMBER", "outsider admin list 403 FORBIDDEN",
            "member private list 200", "member private create 201", "member private get 200",
            "member private update 403 NOT_SELLER", "member private withdraw 403 NOT_SELLER", "member public list 200",
            "member public get 200", "member public create 201", "member admin list 403 FORBIDDEN",
            "outsider public buy 403 NOT_LOUNGE_MEMBER", "outsider private buy 404 LISTING_NOT_FOUND", "member private buy 201",
        ], outcomes);

        var transaction = (await (await CallAsync(Client, HttpMethod.Get, "/api/v1/transactions?role=buyer", memberToken)).Content
            .ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("data")[0].GetProperty("id").GetGuid();
        Assert.Equal("404 TRANSACTION_NOT_FOUND", await OutcomeAsync(await CallAsync(Client, HttpMethod.Get, $"/api/v1/transactions/{transaction}", outsiderToken)));
        Assert.Equal("404 TRANSACTION_NOT_FOUND", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/transactions/{transaction}/complete", outsiderToken)));
        Assert.Equal("404 TRANSACTION_NOT_FOUND", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/transactions/{transaction}/cancel", outsiderToken)));
        Assert.Equal("200", await OutcomeAsync(await CallAsync(Client, HttpMethod.Get, $"/api/v1/transactions/{transaction}", ownerToken)));
        Assert.Equal("200", await OutcomeAsync(await CallAsync(Client, HttpMethod.Get, "/api/v1/admin/transactions", await AdminTokenAsync(Client))));
    }
}
