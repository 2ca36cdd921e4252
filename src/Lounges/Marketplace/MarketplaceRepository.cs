using Dapper;
using Npgsql;
using OrleansRides.Catalog;
using static OrleansRides.Runtime.Storage.PostgresTime;

namespace OrleansRides.Lounges.Marketplace;

/// <summary>Listings and transactions in PostgreSQL (<c>listings</c>, <c>transactions</c>). Permission to see a lounge is the
/// caller's business (<see cref="LoungeAccess.LoungeRoles"/>); this class enforces the marketplace's own rules: only the
/// seller changes a listing, a listing sells once, a purchase key answers one transaction.</summary>
public sealed class MarketplaceRepository(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string ListingColumns =
        """
        l.id AS Id, substr(l.room, 8) AS LoungeId, l.seller_id AS SellerId, u.name AS SellerName, l.kind AS Kind, l.title AS Title,
        l.description AS Description, l.price_minor AS PriceMinor, l.currency AS Currency, l.image_id AS ImageId, l.status AS Status,
        l.created_at AS CreatedAt, l.updated_at AS UpdatedAt
        FROM listings l JOIN users u ON u.id = l.seller_id
        """;

    private const string TransactionColumns =
        """
        t.id AS Id, t.listing_id AS ListingId, l.title AS ListingTitle, substr(t.room, 8) AS LoungeId, t.buyer_id AS BuyerId,
        b.name AS BuyerName, t.seller_id AS SellerId, s.name AS SellerName, t.amount_minor AS AmountMinor, t.currency AS Currency,
        t.status AS Status, t.created_at AS CreatedAt, t.completed_at AS CompletedAt, t.cancelled_at AS CancelledAt,
        t.cancel_reason AS CancelReason
        FROM transactions t JOIN listings l ON l.id = t.listing_id JOIN users b ON b.id = t.buyer_id JOIN users s ON s.id = t.seller_id
        """;

    /// <summary>Lists a new open listing of <paramref name="sellerId"/> in the lounge <paramref name="room"/> (the request is
    /// validated). Fails with <see cref="MarketFailure.ImageNotFound"/> for an unknown image.</summary>
    public async Task<MarketResult<Listing>> CreateListingAsync(string room, Guid sellerId, ListingRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await ImageExistsAsync(connection, request.ImageId, cancellationToken))
        {
            return MarketResult<Listing>.Failed(MarketFailure.ImageNotFound);
        }
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO listings (id, room, seller_id, kind, title, description, price_minor, currency, image_id, status, created_at, updated_at)
            VALUES (@id, @room, @sellerId, @kind, @title, @description, @price, @currency, @imageId, 'open', @now, @now)
            """,
            new
            {
                id, room, sellerId, kind = Name(request.Kind!.Value), title = request.Title, description = Blank(request.Description),
                price = request.Price!.AmountMinor!.Value, currency = request.Price.Currency, imageId = request.ImageId, now = time.GetUtcNow(),
            }, cancellationToken: cancellationToken));
        return MarketResult<Listing>.Done((await FindListingAsync(id, cancellationToken))!);
    }

    /// <summary>The listing, or null.</summary>
    public async Task<Listing?> FindListingAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ListingRow>(new CommandDefinition(
            $"SELECT {ListingColumns} WHERE l.id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToListing();
    }

    /// <summary>A page of the lounge's listings, newest first. Without a status filter withdrawn ones are left out.</summary>
    public async Task<Page<Listing>> ListListingsAsync(string room, ListingFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var where =
            """
            WHERE l.room = @room AND (CAST(@status AS text) IS NULL AND l.status <> 'withdrawn' OR l.status = @status)
              AND (CAST(@kind AS text) IS NULL OR l.kind = @kind) AND (CAST(@sellerId AS uuid) IS NULL OR l.seller_id = @sellerId)
              AND (CAST(@pattern AS text) IS NULL OR l.title ILIKE @pattern ESCAPE '\' OR l.description ILIKE @pattern ESCAPE '\')
            """;
        var args = new
        {
            room, status = filter.Status is { } s ? Name(s) : null, kind = filter.Kind is { } k ? Name(k) : null, sellerId = filter.SellerId,
            pattern = string.IsNullOrWhiteSpace(filter.Query) ? null : $"%{EscapeLike(filter.Query.Trim())}%", limit = page.Limit, offset = page.Offset,
        };
        var rows = await connection.QueryAsync<ListingRow>(new CommandDefinition(
            $"SELECT {ListingColumns} {where} ORDER BY l.created_at DESC, l.id DESC LIMIT @limit OFFSET @offset", args, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT count(*)::int FROM listings l {where}", args, cancellationToken: cancellationToken));
        return new Page<Listing>([.. rows.Select(r => r.ToListing())], total);
    }

    /// <summary>Replaces the listing's kind, title, description, price and image: the seller only, while it is open.</summary>
    public async Task<MarketResult<Listing>> UpdateListingAsync(Guid id, Guid callerId, ListingRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await ImageExistsAsync(connection, request.ImageId, cancellationToken))
        {
            return MarketResult<Listing>.Failed(MarketFailure.ImageNotFound);
        }
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE listings SET kind = @kind, title = @title, description = @description, price_minor = @price, currency = @currency,
                   image_id = @imageId, updated_at = @now
            WHERE id = @id AND seller_id = @callerId AND status = 'open'
            """,
            new
            {
                id, callerId, kind = Name(request.Kind!.Value), title = request.Title, description = Blank(request.Description),
                price = request.Price!.AmountMinor!.Value, currency = request.Price.Currency, imageId = request.ImageId, now = time.GetUtcNow(),
            }, cancellationToken: cancellationToken));
        return await OutcomeAsync(id, callerId, updated > 0, cancellationToken);
    }

    /// <summary>Withdraws the listing (the seller only; an open or already withdrawn one — a reserved or sold listing has a
    /// buyer, 409).</summary>
    public async Task<MarketResult<Listing>> WithdrawAsync(Guid id, Guid callerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE listings SET status = 'withdrawn', updated_at = CASE WHEN status = 'withdrawn' THEN updated_at ELSE @now END
            WHERE id = @id AND seller_id = @callerId AND status IN ('open', 'withdrawn')
            """, new { id, callerId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return await OutcomeAsync(id, callerId, updated > 0, cancellationToken);
    }

    /// <summary>Buys the listing for <paramref name="buyerId"/>: a pending transaction at the listing's price and the listing
    /// reserved, in one database transaction. The listing row's update (<c>WHERE status = 'open'</c>) is the race's only
    /// winner; the partial unique index <c>transactions_one_live_per_listing_idx</c> backs it. The same key again answers the
    /// same transaction (<see cref="MarketResult{T}.Replayed"/>), the key for another listing
    /// <see cref="MarketFailure.IdempotencyKeyReused"/>.</summary>
    public async Task<MarketResult<MarketTransaction>> PurchaseAsync(Guid listingId, Guid buyerId, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (await ReplayAsync(listingId, buyerId, idempotencyKey, cancellationToken) is { } replay)
        {
            return replay;
        }
        var id = Guid.CreateVersion7();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var reserved = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE listings SET status = 'reserved', updated_at = @now WHERE id = @listingId AND status = 'open' AND seller_id <> @buyerId",
                new { listingId, buyerId, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
            if (reserved == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await FindListingAsync(listingId, cancellationToken) switch
                {
                    null => MarketResult<MarketTransaction>.Failed(MarketFailure.NotFound),
                    { SellerId: var seller } when seller == buyerId => MarketResult<MarketTransaction>.Failed(MarketFailure.OwnListing),
                    _ => MarketResult<MarketTransaction>.Failed(MarketFailure.ListingUnavailable),
                };
            }
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO transactions (id, listing_id, room, buyer_id, seller_id, amount_minor, currency, status, idempotency_key, created_at)
                    SELECT @id, l.id, l.room, @buyerId, l.seller_id, l.price_minor, l.currency, 'pending', @idempotencyKey, @now
                    FROM listings l WHERE l.id = @listingId
                    """, new { id, listingId, buyerId, idempotencyKey, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // The same buyer's same key, sent twice at once, for another listing that this call reserved: undo and answer
                // like the first. (A second live transaction of this listing cannot get here: the reservation excludes it.)
                await transaction.RollbackAsync(cancellationToken);
                return await ReplayAsync(listingId, buyerId, idempotencyKey, cancellationToken)
                    ?? MarketResult<MarketTransaction>.Failed(MarketFailure.ListingUnavailable);
            }
        }
        return MarketResult<MarketTransaction>.Done((await FindTransactionAsync(id, cancellationToken))!);
    }

    /// <summary>The transaction, or null.</summary>
    public async Task<MarketTransaction?> FindTransactionAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TransactionRow>(new CommandDefinition(
            $"SELECT {TransactionColumns} WHERE t.id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToTransaction();
    }

    /// <summary>The seller confirms the sale: pending → completed, the listing sold. Someone who is neither party gets
    /// <see cref="MarketFailure.NotFound"/>, the buyer <see cref="MarketFailure.NotTransactionSeller"/>.</summary>
    public async Task<MarketResult<MarketTransaction>> CompleteAsync(Guid id, Guid callerId, CancellationToken cancellationToken)
    {
        if (await FindTransactionAsync(id, cancellationToken) is not { } existing || (existing.BuyerId != callerId && existing.SellerId != callerId))
        {
            return MarketResult<MarketTransaction>.Failed(MarketFailure.NotFound);
        }
        if (existing.SellerId != callerId)
        {
            return MarketResult<MarketTransaction>.Failed(MarketFailure.NotTransactionSeller);
        }
        var changed = await CloseAsync(
            "UPDATE transactions SET status = 'completed', completed_at = @now WHERE id = @id AND status = 'pending' RETURNING listing_id",
            "UPDATE listings SET status = 'sold', updated_at = @now WHERE id = @listingId",
            new { id, callerId }, cancellationToken);
        return changed
            ? MarketResult<MarketTransaction>.Done((await FindTransactionAsync(id, cancellationToken))!)
            : MarketResult<MarketTransaction>.Failed(MarketFailure.TransactionClosed);
    }

    /// <summary>The buyer or seller cancels a pending transaction: cancelled (reason <c>buyer</c> or <c>seller</c>), the
    /// listing open again. Someone who is neither party gets <see cref="MarketFailure.NotFound"/>.</summary>
    public async Task<MarketResult<MarketTransaction>> CancelAsync(Guid id, Guid callerId, CancellationToken cancellationToken)
    {
        if (await FindTransactionAsync(id, cancellationToken) is not { } existing || (existing.BuyerId != callerId && existing.SellerId != callerId))
        {
            return MarketResult<MarketTransaction>.Failed(MarketFailure.NotFound);
        }
        var changed = await CloseAsync(
            """
            UPDATE transactions SET status = 'cancelled', cancelled_at = @now, cancelled_by = @callerId,
                   cancel_reason = CASE WHEN buyer_id = @callerId THEN 'buyer' ELSE 'seller' END
            WHERE id = @id AND status = 'pending' RETURNING listing_id
            """,
            "UPDATE listings SET status = 'open', updated_at = @now WHERE id = @listingId AND status = 'reserved'",
            new { id, callerId }, cancellationToken);
        return changed
            ? MarketResult<MarketTransaction>.Done((await FindTransactionAsync(id, cancellationToken))!)
            : MarketResult<MarketTransaction>.Failed(MarketFailure.TransactionClosed);
    }

    /// <summary>Cancels (reason <c>expired</c>) every transaction pending since before <paramref name="cutoff"/> and reopens
    /// its listing, in one statement; answers how many. Idempotent.</summary>
    public async Task<int> ExpireAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            WITH expired AS (
                UPDATE transactions SET status = 'cancelled', cancelled_at = @now, cancel_reason = 'expired'
                WHERE status = 'pending' AND created_at < @cutoff RETURNING listing_id),
            reopened AS (
                UPDATE listings l SET status = 'open', updated_at = @now FROM expired e WHERE l.id = e.listing_id AND l.status = 'reserved')
            SELECT count(*)::int FROM expired
            """, new { cutoff, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>A page of transactions, newest first: <paramref name="userId"/>'s as <paramref name="role"/> (both sides when
    /// null), or everyone's when <paramref name="userId"/> is null (staff); with the exact totals per currency of all of them.</summary>
    /// <exception cref="OverflowException">A currency's total does not fit in 64-bit minor units.</exception>
    public async Task<(Page<MarketTransaction> Page, IReadOnlyList<CurrencyTotal> Totals)> ListTransactionsAsync(
        Guid? userId, TransactionRole? role, TransactionStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var where =
            """
            WHERE (CAST(@userId AS uuid) IS NULL
                   OR (CAST(@role AS text) IS DISTINCT FROM 'seller' AND t.buyer_id = @userId)
                   OR (CAST(@role AS text) IS DISTINCT FROM 'buyer' AND t.seller_id = @userId))
              AND (CAST(@status AS text) IS NULL OR t.status = @status)
            """;
        var args = new { userId, role = role is { } r ? Name(r) : null, status = status is { } s ? Name(s) : null, limit = page.Limit, offset = page.Offset };
        var rows = await connection.QueryAsync<TransactionRow>(new CommandDefinition(
            $"SELECT {TransactionColumns} {where} ORDER BY t.created_at DESC, t.id DESC LIMIT @limit OFFSET @offset", args, cancellationToken: cancellationToken));
        // sum(bigint) is numeric in PostgreSQL: exact at any size. It comes back as text and must fit a long (Money.ParseSum).
        var sums = await connection.QueryAsync<(string Currency, int Count, string Sum)>(new CommandDefinition(
            $"SELECT t.currency, count(*)::int, sum(t.amount_minor)::text FROM transactions t {where} GROUP BY t.currency ORDER BY t.currency",
            args, cancellationToken: cancellationToken));
        var totals = sums.Select(s => new CurrencyTotal(s.Currency, s.Count, Price.Of(new Money(Money.ParseSum(s.Sum), s.Currency)))).ToList();
        return (new Page<MarketTransaction>([.. rows.Select(r => r.ToTransaction())], totals.Sum(t => t.Count)), totals);
    }

    private async Task<MarketResult<MarketTransaction>?> ReplayAsync(Guid listingId, Guid buyerId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var earlier = await connection.QuerySingleOrDefaultAsync<(Guid Id, Guid ListingId)?>(new CommandDefinition(
            "SELECT id, listing_id FROM transactions WHERE buyer_id = @buyerId AND idempotency_key = @key", new { buyerId, key },
            cancellationToken: cancellationToken));
        return earlier switch
        {
            null => null,
            { ListingId: var listing } when listing != listingId => MarketResult<MarketTransaction>.Failed(MarketFailure.IdempotencyKeyReused),
            { Id: var id } => MarketResult<MarketTransaction>.Done((await FindTransactionAsync(id, cancellationToken))!, replayed: true),
        };
    }

    private async Task<bool> CloseAsync(string closeTransaction, string updateListing, object args, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new DynamicParameters(args);
        parameters.Add("now", time.GetUtcNow());
        var listingId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(closeTransaction, parameters, transaction, cancellationToken: cancellationToken));
        if (listingId is null)
        {
            return false;
        }
        parameters.Add("listingId", listingId);
        await connection.ExecuteAsync(new CommandDefinition(updateListing, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<MarketResult<Listing>> OutcomeAsync(Guid id, Guid callerId, bool changed, CancellationToken cancellationToken) =>
        await FindListingAsync(id, cancellationToken) switch
        {
            null => MarketResult<Listing>.Failed(MarketFailure.NotFound),
            { } listing when changed => MarketResult<Listing>.Done(listing),
            { SellerId: var seller } when seller != callerId => MarketResult<Listing>.Failed(MarketFailure.NotSeller),
            _ => MarketResult<Listing>.Failed(MarketFailure.ListingUnavailable),
        };

    private static async Task<bool> ImageExistsAsync(NpgsqlConnection connection, Guid? imageId, CancellationToken cancellationToken) =>
        imageId is not { } id || await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM gallery_items WHERE id = @id)", new { id }, cancellationToken: cancellationToken));

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static TEnum Parse<TEnum>(string value) where TEnum : struct, Enum => Enum.Parse<TEnum>(value, ignoreCase: true);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private sealed record ListingRow(
        Guid Id, string LoungeId, Guid SellerId, string SellerName, string Kind, string Title, string? Description, long PriceMinor,
        string Currency, Guid? ImageId, string Status, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public Listing ToListing() => new(Id, LoungeId, SellerId, SellerName, Parse<ListingKind>(Kind), Title, Description,
            Price.Of(new Money(PriceMinor, Currency)), ImageId, Parse<ListingStatus>(Status), Utc(CreatedAt), Utc(UpdatedAt));
    }

    private sealed record TransactionRow(
        Guid Id, Guid ListingId, string ListingTitle, string LoungeId, Guid BuyerId, string BuyerName, Guid SellerId, string SellerName,
        long AmountMinor, string Currency, string Status, DateTime CreatedAt, DateTime? CompletedAt, DateTime? CancelledAt, string? CancelReason)
    {
        public MarketTransaction ToTransaction() => new(Id, ListingId, ListingTitle, LoungeId, BuyerId, BuyerName, SellerId, SellerName,
            Price.Of(new Money(AmountMinor, Currency)), Parse<TransactionStatus>(Status), Utc(CreatedAt), CompletedAt is { } c ? Utc(c) : null,
            CancelledAt is { } x ? Utc(x) : null, CancelReason);
    }
}
