using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.HostileTables;
using static OrleansRides.FrontendHost.Tests.MarketplaceCalls;
using static OrleansRides.FrontendHost.Tests.SiteMembersCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 11: a hostile-input table per marketplace endpoint — malformed JSON, wrong types, fractional and
/// out-of-range amounts, unknown currencies and images, control characters in every text field, oversize fields, bad
/// paging and unknown ids. Each answer is the typed 4xx in the table; never a 5xx.</summary>
[Collection(FrontendCollection.Name)]
public sealed class MarketplaceHostileInputTests(TestDatabase database) : FrontendTest(database, Unlimited())
{
    private static string Listing(string field, string value) => field switch
    {
        "title" => $$$"""{"kind":"item","title":"{{{value}}}","price":{"amountMinor":1,"currency":"IDR"}}""",
        "description" => $$$"""{"kind":"item","title":"T","description":"{{{value}}}","price":{"amountMinor":1,"currency":"IDR"}}""",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static IEnumerable<(string, string?, string)> ListingBodies(string path) =>
    [
        (path, """{"kind":"item","title":""", "400 MALFORMED_JSON title"),
        (path, "[]", "400 MALFORMED_JSON "),
        (path, "{}", "400 VALIDATION_FAILED kind price title"),
        (path, """{"kind":"car","title":"T","price":{"amountMinor":1,"currency":"IDR"}}""", "400 MALFORMED_JSON kind"),
        (path, """{"kind":"item","title":5,"price":{"amountMinor":1,"currency":"IDR"}}""", "400 MALFORMED_JSON title"),
        (path, """{"kind":"item","title":"T","price":{"amountMinor":1.5,"currency":"IDR"}}""", "400 MALFORMED_JSON price.amountMinor"),
        (path, """{"kind":"item","title":"T","price":{"amountMinor":1e30,"currency":"IDR"}}""", "400 MALFORMED_JSON price.amountMinor"),
        (path, """{"kind":"item","title":"T","price":{"amountMinor":99999999999999999999,"currency":"IDR"}}""", "400 MALFORMED_JSON price.amountMinor"),
        (path, """{"kind":"item","title":"T","price":{"amountMinor":100000000000001,"currency":"IDR"}}""", "400 VALIDATION_FAILED price.amountMinor"),
        (path, """{"kind":"item","title":"T","price":{"amountMinor":-1,"currency":"IDR"}}""", "400 VALIDATION_FAILED price.amountMinor"),
        (path, """{"kind":"item","title":"T","price":{"currency":"IDR"}}""", "400 VALIDATION_FAILED price.amountMinor"),
        (path, """{"kind":"item","title":"T","price":{"amountMinor":1,"currency":"XYZ"}}""", "400 UNKNOWN_CURRENCY"),
        (path, """{"kind":"item","title":"T","price":{"amountMinor":1,"currency":"idr"}}""", "400 UNKNOWN_CURRENCY"),
        (path, """{"kind":"item","title":"T","price":{"amountMinor":1,"currency":"'; DROP TABLE listings; --"}}""", "400 UNKNOWN_CURRENCY"),
        (path, """{"kind":"item","title":"T","price":{"amountMinor":1,"currency":"IDR"},"imageId":"not-a-uuid"}""", "400 MALFORMED_JSON imageId"),
        (path, $$"""{"kind":"item","title":"T","price":{"amountMinor":1,"currency":"IDR"},"imageId":"{{Guid.NewGuid()}}"}""", "400 IMAGE_NOT_FOUND"),
        (path, Listing("title", new string('t', 121)), "400 VALIDATION_FAILED title"),
        (path, Listing("title", "two\\nlines"), "400 VALIDATION_FAILED title"),
        (path, Listing("description", new string('d', 2001)), "400 VALIDATION_FAILED description"),
        .. ControlCharacterCases(path, Listing, "title", "description"),
    ];

    [Fact]
    public async Task Creating_and_updating_listings()
    {
        var (token, _) = await SignUpAsync(Client);
        var lounge = await LoungeAsync(Client, Database, token);
        var listing = await ListAsync(Client, token, lounge);
        await HostileTables.AssertOutcomesAsync(Client, HttpMethod.Post, token, [.. ListingBodies($"/api/v1/lounges/{lounge}/listings"),
            ("/api/v1/lounges/nosuchlounge/listings", ListingJson(), "404 LOUNGE_NOT_FOUND")]);
        await HostileTables.AssertOutcomesAsync(Client, HttpMethod.Put, token, [.. ListingBodies($"/api/v1/listings/{listing}"),
            ($"/api/v1/listings/{Guid.NewGuid()}", ListingJson(), "404 LISTING_NOT_FOUND")]);
    }

    [Fact]
    public async Task Listing_queries()
    {
        var (token, _) = await SignUpAsync(Client);
        var lounge = await LoungeAsync(Client, Database, token);
        var path = $"/api/v1/lounges/{lounge}/listings";
        await HostileTables.AssertOutcomesAsync(Client, HttpMethod.Get, token,
        [
            ($"{path}?limit=0", null, "400 VALIDATION_FAILED limit"),
            ($"{path}?limit=101", null, "400 VALIDATION_FAILED limit"),
            ($"{path}?offset=-1", null, "400 VALIDATION_FAILED offset"),
            ($"{path}?limit=abc", null, "400 BAD_REQUEST"),
            ($"{path}?status=gone", null, "400 VALIDATION_FAILED filter"),
            ($"{path}?status=1", null, "400 VALIDATION_FAILED filter"),
            ($"{path}?kind=car", null, "400 VALIDATION_FAILED filter"),
            ($"{path}?sellerId=nope", null, "400 BAD_REQUEST"),
            ($"{path}?q={new string('q', 101)}", null, "400 VALIDATION_FAILED q"),
            ($"{path}?q=a%00b", null, "400 VALIDATION_FAILED q"),
            ($"{path}?q=%27%3B%20DROP%20TABLE%20listings%3B%20--", null, "200"),
            ("/api/v1/lounges/nosuchlounge/listings", null, "404 LOUNGE_NOT_FOUND"),
            ($"/api/v1/listings/{Guid.NewGuid()}", null, "404 LISTING_NOT_FOUND"),
            ("/api/v1/transactions?role=owner", null, "400 VALIDATION_FAILED filter"),
            ("/api/v1/transactions?status=open", null, "400 VALIDATION_FAILED filter"),
            ("/api/v1/transactions?limit=0", null, "400 VALIDATION_FAILED limit"),
            ("/api/v1/transactions?offset=-5", null, "400 VALIDATION_FAILED offset"),
            ($"/api/v1/transactions/{Guid.NewGuid()}", null, "404 TRANSACTION_NOT_FOUND"),
        ]);
    }

    [Fact]
    public async Task Purchases_and_transaction_actions()
    {
        var (sellerToken, _) = await SignUpAsync(Client);
        var (buyerToken, buyerId) = await SignUpAsync(Client);
        var lounge = await LoungeAsync(Client, Database, sellerToken);
        await JoinAsync(Database, lounge, buyerId);
        var listing = await ListAsync(Client, sellerToken, lounge);
        var path = $"/api/v1/listings/{listing}/purchase";
        await HostileTables.AssertOutcomesAsync(Client, HttpMethod.Post, buyerToken,
        [
            (path, """{"idempotencyKey":""", "400 MALFORMED_JSON idempotencyKey"),
            (path, "{}", "400 VALIDATION_FAILED idempotencyKey"),
            (path, """{"idempotencyKey":""}""", "400 VALIDATION_FAILED idempotencyKey"),
            (path, """{"idempotencyKey":5}""", "400 MALFORMED_JSON idempotencyKey"),
            (path, $$"""{"idempotencyKey":"{{new string('k', 65)}}"}""", "400 VALIDATION_FAILED idempotencyKey"),
            (path, """{"idempotencyKey":"has space"}""", "400 VALIDATION_FAILED idempotencyKey"),
            (path, """{"idempotencyKey":"caf\u00e9"}""", "400 VALIDATION_FAILED idempotencyKey"),
            .. ControlCharacterCases(path, (_, value) => $$"""{"idempotencyKey":"{{value}}"}""", "idempotencyKey"),
            ($"/api/v1/listings/{Guid.NewGuid()}/purchase", """{"idempotencyKey":"k"}""", "404 LISTING_NOT_FOUND"),
            ($"/api/v1/transactions/{Guid.NewGuid()}/complete", null, "404 TRANSACTION_NOT_FOUND"),
            ($"/api/v1/transactions/{Guid.NewGuid()}/cancel", null, "404 TRANSACTION_NOT_FOUND"),
            ("/api/v1/transactions/not-a-guid/cancel", null, "404 NOT_FOUND"),
        ]);
    }
}
