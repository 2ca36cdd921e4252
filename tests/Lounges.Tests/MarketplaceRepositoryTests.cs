using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansRides.Lounges.Jobs;
using OrleansRides.Lounges.Marketplace;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Lounges.Tests;

/// <summary>Listings and transactions on real PostgreSQL: a listing sells once under 50 concurrent buyers, purchase keys are
/// idempotent, and every state transition (complete, cancel, expire, withdraw, update) keeps listing and transaction in step.</summary>
[Collection(LoungesCollection.Name)]
public sealed class MarketplaceRepositoryTests(TestDatabase database)
{
    private readonly ManualTimeProvider time = new();

    private MarketplaceRepository Repository => new(database.DataSource, time);

    [Fact]
    public async Task Fifty_concurrent_buyers_make_exactly_one_transaction()
    {
        var (room, seller) = await LoungeAsync();
        var listing = await ListAsync(room, seller);
        var buyers = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            buyers.Add(await UserAsync());
        }

        var results = await Task.WhenAll(buyers.Select(buyer => Task.Run(() => Repository.PurchaseAsync(listing.Id, buyer, "key-1", CancellationToken.None))));

        Assert.Single(results, r => r.Value is not null);
        Assert.All(results.Where(r => r.Value is null), r => Assert.Equal(MarketFailure.ListingUnavailable, r.Failure));
        Assert.Equal(1, await CountAsync("SELECT count(*)::int FROM transactions WHERE listing_id = @id", listing.Id));
        Assert.Equal(ListingStatus.Reserved, (await Repository.FindListingAsync(listing.Id, default))!.Status);
    }

    [Fact]
    public async Task Fifty_concurrent_keys_of_one_buyer_make_exactly_one_transaction()
    {
        var (room, seller) = await LoungeAsync();
        var listing = await ListAsync(room, seller);
        var buyer = await UserAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => Repository.PurchaseAsync(listing.Id, buyer, $"key-{i}", CancellationToken.None))));

        Assert.Single(results, r => r.Value is not null);
        Assert.Equal(1, await CountAsync("SELECT count(*)::int FROM transactions WHERE listing_id = @id", listing.Id));
    }

    [Fact]
    public async Task A_key_answers_its_transaction_and_refuses_another_listing()
    {
        var (room, seller) = await LoungeAsync();
        var first = await ListAsync(room, seller);
        var second = await ListAsync(room, seller);
        var buyer = await UserAsync();

        var bought = await Repository.PurchaseAsync(first.Id, buyer, "same", default);
        var again = await Repository.PurchaseAsync(first.Id, buyer, "same", default);
        var elsewhere = await Repository.PurchaseAsync(second.Id, buyer, "same", default);

        Assert.False(bought.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(bought.Value!.Id, again.Value!.Id);
        Assert.Equal(MarketFailure.IdempotencyKeyReused, elsewhere.Failure);
        Assert.Equal(ListingStatus.Open, (await Repository.FindListingAsync(second.Id, default))!.Status);
        Assert.Equal(new Price(15_000_000, "IDR", "IDR 150,000.00"), bought.Value.Amount);
        Assert.Equal(TransactionStatus.Pending, bought.Value.Status);
        Assert.Equal((buyer, seller, first.Id), (bought.Value.BuyerId, bought.Value.SellerId, bought.Value.ListingId));
    }

    [Fact]
    public async Task Sellers_cannot_buy_their_own_and_unknown_listings_are_not_found()
    {
        var (room, seller) = await LoungeAsync();
        var listing = await ListAsync(room, seller);
        Assert.Equal(MarketFailure.OwnListing, (await Repository.PurchaseAsync(listing.Id, seller, "k", default)).Failure);
        Assert.Equal(MarketFailure.NotFound, (await Repository.PurchaseAsync(Guid.NewGuid(), seller, "k2", default)).Failure);
    }

    [Fact]
    public async Task Completing_sells_and_only_the_seller_completes()
    {
        var (room, seller) = await LoungeAsync();
        var listing = await ListAsync(room, seller);
        var buyer = await UserAsync();
        var stranger = await UserAsync();
        var transaction = (await Repository.PurchaseAsync(listing.Id, buyer, "k", default)).Value!;

        Assert.Equal(MarketFailure.NotFound, (await Repository.CompleteAsync(transaction.Id, stranger, default)).Failure);
        Assert.Equal(MarketFailure.NotTransactionSeller, (await Repository.CompleteAsync(transaction.Id, buyer, default)).Failure);
        var completed = await Repository.CompleteAsync(transaction.Id, seller, default);

        Assert.Equal(TransactionStatus.Completed, completed.Value!.Status);
        Assert.Equal(time.GetUtcNow(), completed.Value.CompletedAt);
        Assert.Equal(ListingStatus.Sold, (await Repository.FindListingAsync(listing.Id, default))!.Status);
        Assert.Equal(MarketFailure.TransactionClosed, (await Repository.CompleteAsync(transaction.Id, seller, default)).Failure);
        Assert.Equal(MarketFailure.TransactionClosed, (await Repository.CancelAsync(transaction.Id, buyer, default)).Failure);
        Assert.Equal(MarketFailure.ListingUnavailable, (await Repository.WithdrawAsync(listing.Id, seller, default)).Failure);
        Assert.Equal(MarketFailure.ListingUnavailable, (await Repository.PurchaseAsync(listing.Id, stranger, "k", default)).Failure);
    }

    [Theory]
    [InlineData(true, "buyer")]
    [InlineData(false, "seller")]
    public async Task Cancelling_reopens_the_listing_for_another_buyer(bool byBuyer, string reason)
    {
        var (room, seller) = await LoungeAsync();
        var listing = await ListAsync(room, seller);
        var buyer = await UserAsync();
        var transaction = (await Repository.PurchaseAsync(listing.Id, buyer, "k", default)).Value!;

        var cancelled = await Repository.CancelAsync(transaction.Id, byBuyer ? buyer : seller, default);

        Assert.Equal((TransactionStatus.Cancelled, reason), (cancelled.Value!.Status, cancelled.Value.CancelReason));
        Assert.Equal(ListingStatus.Open, (await Repository.FindListingAsync(listing.Id, default))!.Status);
        Assert.NotNull((await Repository.PurchaseAsync(listing.Id, await UserAsync(), "k", default)).Value);
    }

    [Fact]
    public async Task Only_the_seller_changes_or_withdraws_an_open_listing()
    {
        var (room, seller) = await LoungeAsync();
        var listing = await ListAsync(room, seller);
        var other = await UserAsync();
        var change = new ListingRequest(ListingKind.Service, "Bike repair", "Tyres\nand brakes", new PriceInput(1_500, "JPY"), null);

        Assert.Equal(MarketFailure.NotSeller, (await Repository.UpdateListingAsync(listing.Id, other, change, default)).Failure);
        Assert.Equal(MarketFailure.NotSeller, (await Repository.WithdrawAsync(listing.Id, other, default)).Failure);
        var updated = (await Repository.UpdateListingAsync(listing.Id, seller, change, default)).Value!;
        Assert.Equal(("Bike repair", "JPY 1,500", ListingKind.Service), (updated.Title, updated.Price.Display, updated.Kind));

        await Repository.PurchaseAsync(listing.Id, other, "k", default);
        Assert.Equal(MarketFailure.ListingUnavailable, (await Repository.UpdateListingAsync(listing.Id, seller, change, default)).Failure);
        Assert.Equal(MarketFailure.ListingUnavailable, (await Repository.WithdrawAsync(listing.Id, seller, default)).Failure);

        var open = await ListAsync(room, seller);
        Assert.Equal(ListingStatus.Withdrawn, (await Repository.WithdrawAsync(open.Id, seller, default)).Value!.Status);
        Assert.Equal(MarketFailure.ListingUnavailable, (await Repository.PurchaseAsync(open.Id, other, "k2", default)).Failure);
    }

    [Fact]
    public async Task Unknown_images_are_refused()
    {
        var (room, seller) = await LoungeAsync();
        var request = new ListingRequest(ListingKind.Item, "Helmet", null, new PriceInput(1, "IDR"), Guid.NewGuid());
        Assert.Equal(MarketFailure.ImageNotFound, (await Repository.CreateListingAsync(room, seller, request, default)).Failure);
    }

    [Fact]
    public async Task Lists_filter_and_page_newest_first()
    {
        var (room, seller) = await LoungeAsync();
        var older = await ListAsync(room, seller, "Old 100% wool jersey");
        time.Advance(TimeSpan.FromMinutes(1));
        var newer = await ListAsync(room, seller, "New helmet");
        var withdrawn = await ListAsync(room, seller, "Gone");
        await Repository.WithdrawAsync(withdrawn.Id, seller, default);

        var all = await Repository.ListListingsAsync(room, new ListingFilter(null, null, null, null), new(10, 0), default);
        Assert.Equal([newer.Id, older.Id], all.Items.Select(l => l.Id));
        Assert.Equal(2, all.Total);
        var second = await Repository.ListListingsAsync(room, new ListingFilter(null, null, null, null), new(1, 1), default);
        Assert.Equal([older.Id], second.Items.Select(l => l.Id));
        Assert.Equal([older.Id], (await Repository.ListListingsAsync(room, new ListingFilter(null, null, "100%", null), new(10, 0), default)).Items.Select(l => l.Id));
        Assert.Empty((await Repository.ListListingsAsync(room, new ListingFilter(null, null, "_", null), new(10, 0), default)).Items);
        Assert.Equal([withdrawn.Id], (await Repository.ListListingsAsync(room, new ListingFilter(ListingStatus.Withdrawn, null, null, null), new(10, 0), default)).Items.Select(l => l.Id));
        Assert.Empty((await Repository.ListListingsAsync(room, new ListingFilter(null, ListingKind.Service, null, null), new(10, 0), default)).Items);
    }

    [Fact]
    public async Task Totals_are_exact_per_currency_over_all_pages()
    {
        var (room, seller) = await LoungeAsync();
        var buyer = await UserAsync();
        foreach (var (amount, currency) in new[] { (100_000_000_000_000L, "IDR"), (100_000_000_000_000L, "IDR"), (1L, "IDR"), (1_500L, "JPY") })
        {
            var listing = (await Repository.CreateListingAsync(room, seller, new ListingRequest(ListingKind.Item, "Thing", null, new PriceInput(amount, currency), null), default)).Value!;
            await Repository.PurchaseAsync(listing.Id, buyer, $"k-{listing.Id}", default);
        }

        var (page, totals) = await Repository.ListTransactionsAsync(buyer, TransactionRole.Buyer, null, new(1, 0), default);

        Assert.Single(page.Items);
        Assert.Equal(4, page.Total);
        Assert.Equal(
            [new CurrencyTotal("IDR", 3, new Price(200_000_000_000_001, "IDR", "IDR 2,000,000,000,000.01")), new CurrencyTotal("JPY", 1, new Price(1_500, "JPY", "JPY 1,500"))],
            totals);
        Assert.Empty((await Repository.ListTransactionsAsync(buyer, TransactionRole.Seller, null, new(10, 0), default)).Totals);
        Assert.Equal(4, (await Repository.ListTransactionsAsync(seller, TransactionRole.Seller, TransactionStatus.Pending, new(10, 0), default)).Page.Total);
    }

    [Fact]
    public async Task The_expiry_job_cancels_old_reservations_and_reopens_their_listings()
    {
        var (room, seller) = await LoungeAsync();
        var buyer = await UserAsync();
        var old = await ListAsync(room, seller);
        var oldPurchase = (await Repository.PurchaseAsync(old.Id, buyer, "old", default)).Value!;
        time.Advance(TimeSpan.FromHours(71));
        var recent = await ListAsync(room, seller);
        var recentPurchase = (await Repository.PurchaseAsync(recent.Id, buyer, "recent", default)).Value!;
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var job = new ReservationExpiryJob(Repository, Options.Create(new MarketplaceOptions()), time, NullLogger<ReservationExpiryJob>.Instance);

        await job.RunAsync(default);
        await job.RunAsync(default);

        var expired = (await Repository.FindTransactionAsync(oldPurchase.Id, default))!;
        Assert.Equal((TransactionStatus.Cancelled, "expired"), (expired.Status, expired.CancelReason));
        Assert.Equal(ListingStatus.Open, (await Repository.FindListingAsync(old.Id, default))!.Status);
        Assert.Equal(TransactionStatus.Pending, (await Repository.FindTransactionAsync(recentPurchase.Id, default))!.Status);
        Assert.Equal(ListingStatus.Reserved, (await Repository.FindListingAsync(recent.Id, default))!.Status);
    }

    private async Task<Listing> ListAsync(string room, Guid seller, string title = "Road bike") =>
        (await Repository.CreateListingAsync(room, seller, new ListingRequest(ListingKind.Item, title, "Good\nas new", new PriceInput(15_000_000, "IDR"), null), default)).Value!;

    private async Task<Guid> UserAsync()
    {
        var id = Guid.NewGuid();
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("INSERT INTO users (id, email, name, password_hash, role) VALUES (@id, @email, 'Tester', 'x', 'member')",
            new { id, email = $"u-{id:N}@tests.example.org" });
        return id;
    }

    private async Task<(string Room, Guid Owner)> LoungeAsync()
    {
        var owner = await UserAsync();
        var room = $"lounge/m{Guid.NewGuid():N}"[..20];
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO chat_rooms (room, kind, name, created_by) VALUES (@room, 'lounge', 'Market', @owner);
            INSERT INTO lounge_members (room, user_id, role, joined_at) VALUES (@room, @owner, 'owner', now());
            """, new { room, owner });
        return (room, owner);
    }

    private async Task<int> CountAsync(string sql, Guid id)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>(sql, new { id });
    }
}
