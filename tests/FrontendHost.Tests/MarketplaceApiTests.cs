using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.MarketplaceCalls;
using static OrleansRides.FrontendHost.Tests.SiteMembersCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 11: the marketplace over HTTP — a purchase seen by both sides, idempotent keys, one sale under 50 parallel
/// purchases, totals, and the system messages a new listing and a sale post in the lounge.</summary>
[Collection(FrontendCollection.Name)]
public sealed class MarketplaceApiTests(TestDatabase database) : FrontendTest(database, Unlimited())
{
    [Fact]
    public async Task A_purchase_is_seen_by_both_sides_and_announced()
    {
        var (sellerToken, sellerId) = await SignUpAsync(Client);
        var (buyerToken, buyerId) = await SignUpAsync(Client);
        var lounge = await LoungeAsync(Client, Database, sellerToken);
        await JoinAsync(Database, lounge, buyerId);
        await using var watcher = await HubSocket.ConnectAsync(Factory, "chat", buyerToken);
        await watcher.InvokeAsync("JoinRoom", new { room = $"lounge/{lounge}" });

        var listing = await ListAsync(Client, sellerToken, lounge);
        var created = (await watcher.NextEventAsync("newMessage"))[0];
        Assert.Equal("system", created.GetProperty("kind").GetString());
        Assert.Contains("IDR 150,000.00", created.GetProperty("text").GetString());

        var shown = await Data(await CallAsync(Client, HttpMethod.Get, $"/api/v1/lounges/{lounge}/listings?status=open", buyerToken));
        Assert.Equal(listing, shown[0].GetProperty("id").GetGuid());
        Assert.Equal("""{"amountMinor":15000000,"currency":"IDR","display":"IDR 150,000.00"}""", shown[0].GetProperty("price").GetRawText());

        var purchase = await CallAsync(Client, HttpMethod.Post, $"/api/v1/listings/{listing}/purchase", buyerToken, """{"idempotencyKey":"click-1"}""");
        Assert.Equal(HttpStatusCode.Created, purchase.StatusCode);
        var transaction = (await purchase.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var again = await CallAsync(Client, HttpMethod.Post, $"/api/v1/listings/{listing}/purchase", buyerToken, """{"idempotencyKey":"click-1"}""");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(transaction.GetProperty("id").GetGuid(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetGuid());
        Assert.Equal((buyerId, sellerId, "pending"), (transaction.GetProperty("buyerId").GetGuid(), transaction.GetProperty("sellerId").GetGuid(), transaction.GetProperty("status").GetString()));

        var sales = await (await CallAsync(Client, HttpMethod.Get, "/api/v1/transactions?role=seller&status=pending", sellerToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(transaction.GetProperty("id").GetGuid(), sales.GetProperty("data")[0].GetProperty("id").GetGuid());
        Assert.Equal("""[{"currency":"IDR","count":1,"total":{"amountMinor":15000000,"currency":"IDR","display":"IDR 150,000.00"}}]""", sales.GetProperty("totals").GetRawText());

        var id = transaction.GetProperty("id").GetGuid();
        Assert.Equal("403 NOT_TRANSACTION_SELLER", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/transactions/{id}/complete", buyerToken)));
        Assert.Equal("200", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/transactions/{id}/complete", sellerToken)));
        // The sale's announcement reaches the room live, and stays in its history, as a system message.
        await Eventually.TrueAsync(() => watcher.EventsOf("newMessage").Any(e => e[0].GetProperty("text").GetString()!
            .Contains("was sold for IDR 150,000.00", StringComparison.Ordinal)), "the sale's system message pushed to the room");
        var sold = watcher.EventsOf("newMessage").Select(e => e[0]).Single(m => m.GetProperty("text").GetString()!.Contains("was sold", StringComparison.Ordinal));
        Assert.Equal("system", sold.GetProperty("kind").GetString());
        var history = await Data(await CallAsync(Client, HttpMethod.Get, $"/api/v1/lounges/{lounge}/messages?limit=100", buyerToken));
        Assert.Equal("system", history.Single(m => m.GetProperty("id").GetGuid() == sold.GetProperty("id").GetGuid()).GetProperty("kind").GetString());

        var mine = await Data(await CallAsync(Client, HttpMethod.Get, "/api/v1/transactions?role=buyer", buyerToken));
        Assert.Equal("completed", mine[0].GetProperty("status").GetString());
        Assert.Equal("sold", (await (await CallAsync(Client, HttpMethod.Get, $"/api/v1/listings/{listing}", buyerToken)).Content
            .ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("409 TRANSACTION_CLOSED", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/transactions/{id}/cancel", buyerToken)));
        var all = await Data(await CallAsync(Client, HttpMethod.Get, "/api/v1/admin/transactions?limit=100", await AdminTokenAsync(Client)));
        Assert.Contains(all, t => t.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Fifty_parallel_purchases_over_http_sell_once()
    {
        var (sellerToken, _) = await SignUpAsync(Client);
        var lounge = await LoungeAsync(Client, Database, sellerToken);
        var listing = await ListAsync(Client, sellerToken, lounge);
        // Five buyers with ten keys each (signups are rate limited per address): 50 parallel attempts of different buyers and keys.
        var buyers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var (token, id) = await SignUpAsync(Client);
            await JoinAsync(Database, lounge, id);
            buyers.AddRange(Enumerable.Repeat(token, 10));
        }

        var outcomes = await Task.WhenAll(buyers.Select(async (token, i) =>
            await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/listings/{listing}/purchase", token, $$"""{"idempotencyKey":"k{{i}}"}"""))));

        Assert.Single(outcomes, o => o == "201");
        Assert.Equal(49, outcomes.Count(o => o == "409 LISTING_UNAVAILABLE"));
    }

    [Fact]
    public async Task Cancelling_reopens_and_keys_are_per_listing()
    {
        var (sellerToken, _) = await SignUpAsync(Client);
        var (buyerToken, buyerId) = await SignUpAsync(Client);
        var lounge = await LoungeAsync(Client, Database, sellerToken);
        await JoinAsync(Database, lounge, buyerId);
        var first = await ListAsync(Client, sellerToken, lounge);
        var second = await ListAsync(Client, sellerToken, lounge, ListingJson("Helmet", 1_500, "JPY"));

        var bought = (await (await CallAsync(Client, HttpMethod.Post, $"/api/v1/listings/{first}/purchase", buyerToken, """{"idempotencyKey":"x"}"""))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetGuid();
        Assert.Equal("409 IDEMPOTENCY_KEY_REUSED", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/listings/{second}/purchase", buyerToken, """{"idempotencyKey":"x"}""")));
        Assert.Equal("409 OWN_LISTING", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/listings/{second}/purchase", sellerToken, """{"idempotencyKey":"y"}""")));
        Assert.Equal("409 LISTING_UNAVAILABLE", await OutcomeAsync(await CallAsync(Client, HttpMethod.Delete, $"/api/v1/listings/{first}", sellerToken)));
        Assert.Equal("200", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/transactions/{bought}/cancel", sellerToken)));
        Assert.Equal("open", (await (await CallAsync(Client, HttpMethod.Get, $"/api/v1/listings/{first}", buyerToken)).Content
            .ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("200", await OutcomeAsync(await CallAsync(Client, HttpMethod.Delete, $"/api/v1/listings/{first}", sellerToken)));
        Assert.Equal("409 LISTING_UNAVAILABLE", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/listings/{first}/purchase", buyerToken, """{"idempotencyKey":"z"}""")));
    }

    private static async Task<JsonElement[]> Data(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray()];
    }
}
