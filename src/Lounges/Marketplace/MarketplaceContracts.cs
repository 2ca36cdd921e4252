namespace OrleansRides.Lounges.Marketplace;

/// <summary>What a listing offers.</summary>
public enum ListingKind
{
    /// <summary>A thing handed over.</summary>
    Item,
    /// <summary>Work done.</summary>
    Service,
}

/// <summary>Where a listing is in its life: open → reserved (a pending transaction) → sold, or back to open when the
/// transaction is cancelled or expires; open → withdrawn by its seller.</summary>
public enum ListingStatus
{
    /// <summary>For sale.</summary>
    Open,
    /// <summary>A buyer's transaction is pending.</summary>
    Reserved,
    /// <summary>The seller confirmed the sale.</summary>
    Sold,
    /// <summary>Taken off the market by its seller.</summary>
    Withdrawn,
}

/// <summary>Where a transaction is: pending until the seller confirms (completed) or either side cancels (or it expires).</summary>
public enum TransactionStatus
{
    /// <summary>The listing is reserved for the buyer.</summary>
    Pending,
    /// <summary>The seller confirmed receipt of payment; the listing is sold.</summary>
    Completed,
    /// <summary>Cancelled by the buyer or seller, or expired; the listing is open again.</summary>
    Cancelled,
}

/// <summary>Which side of my transactions to list.</summary>
public enum TransactionRole
{
    /// <summary>The ones I bought.</summary>
    Buyer,
    /// <summary>The ones I sold.</summary>
    Seller,
}

/// <summary>A price as JSON: <c>{ amountMinor, currency }</c> in, with <c>display</c> out.</summary>
/// <param name="AmountMinor">Whole minor units (IDR 150,000.00 is 15000000), 0 to 10^14. A fraction is a 400.</param>
/// <param name="Currency">An active ISO 4217 code, upper case (<see cref="Currencies"/>); else 400 <c>UNKNOWN_CURRENCY</c>.</param>
public sealed record PriceInput(long? AmountMinor, string? Currency);

/// <summary>A price as answered.</summary>
/// <param name="AmountMinor">Whole minor units.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Display">For people, e.g. <c>IDR 150,000.00</c> (<see cref="Money.Display"/>).</param>
public sealed record Price(long AmountMinor, string Currency, string Display)
{
    /// <summary>The price of <paramref name="money"/>.</summary>
    public static Price Of(Money money) => new(money.AmountMinor, money.Currency, money.Display());
}

/// <summary><c>POST /api/v1/lounges/{id}/listings</c> and <c>PUT /api/v1/listings/{id}</c> (the whole listing).</summary>
/// <param name="Kind"><c>item</c> or <c>service</c>.</param>
/// <param name="Title">1 to 120 characters, one line.</param>
/// <param name="Description">At most 2,000 characters; line feeds allowed.</param>
/// <param name="Price">The asking price.</param>
/// <param name="ImageId">A gallery item's id (<c>gallery_items</c>); unknown → 400 <c>IMAGE_NOT_FOUND</c>.</param>
public sealed record ListingRequest(ListingKind? Kind, string? Title, string? Description, PriceInput? Price, Guid? ImageId);

/// <summary>A listing in a lounge's marketplace.</summary>
/// <param name="Id">Its id.</param>
/// <param name="LoungeId">The lounge's id (its room is <c>lounge/{LoungeId}</c>).</param>
/// <param name="SellerId">The user who listed it.</param>
/// <param name="SellerName">Their display name.</param>
/// <param name="Kind">Item or service.</param>
/// <param name="Title">Its title.</param>
/// <param name="Description">Its description, or null.</param>
/// <param name="Price">Its price.</param>
/// <param name="ImageId">Its gallery image, or null.</param>
/// <param name="Status">Open, reserved, sold or withdrawn.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="UpdatedAt">UTC.</param>
public sealed record Listing(
    Guid Id, string LoungeId, Guid SellerId, string SellerName, ListingKind Kind, string Title, string? Description, Price Price,
    Guid? ImageId, ListingStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The lounge's room name.</summary>
    public string Room => $"lounge/{LoungeId}";
}

/// <summary>The filters of a lounge's listing list.</summary>
/// <param name="Status">Only this status; null for all but withdrawn.</param>
/// <param name="Kind">Only this kind.</param>
/// <param name="Query">Words in the title or description (case-insensitive substring), at most 100 characters.</param>
/// <param name="SellerId">Only this seller's.</param>
public sealed record ListingFilter(ListingStatus? Status, ListingKind? Kind, string? Query, Guid? SellerId);

/// <summary><c>POST /api/v1/listings/{id}/purchase</c>.</summary>
/// <param name="IdempotencyKey">1 to 64 printable ASCII characters the client makes once per purchase attempt and sends again on
/// retries: the same key answers the same transaction.</param>
public sealed record PurchaseRequest(string? IdempotencyKey);

/// <summary>A purchase of a listing.</summary>
/// <param name="Id">Its id.</param>
/// <param name="ListingId">The listing bought.</param>
/// <param name="ListingTitle">Its title.</param>
/// <param name="LoungeId">The lounge it was listed in.</param>
/// <param name="BuyerId">The buyer.</param>
/// <param name="BuyerName">The buyer's display name.</param>
/// <param name="SellerId">The seller.</param>
/// <param name="SellerName">The seller's display name.</param>
/// <param name="Amount">The price at the time of purchase.</param>
/// <param name="Status">Pending, completed or cancelled.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="CompletedAt">UTC, when completed.</param>
/// <param name="CancelledAt">UTC, when cancelled.</param>
/// <param name="CancelReason"><c>buyer</c>, <c>seller</c> or <c>expired</c>, when cancelled.</param>
public sealed record MarketTransaction(
    Guid Id, Guid ListingId, string ListingTitle, string LoungeId, Guid BuyerId, string BuyerName, Guid SellerId, string SellerName,
    Price Amount, TransactionStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, DateTimeOffset? CancelledAt,
    string? CancelReason);

/// <summary>The sum of a list's transactions in one currency.</summary>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Count">Transactions summed.</param>
/// <param name="Total">Their exact sum.</param>
public sealed record CurrencyTotal(string Currency, int Count, Price Total);

/// <summary>Why a marketplace write did not happen.</summary>
public enum MarketFailure
{
    /// <summary>It happened.</summary>
    None,
    /// <summary>No listing or transaction has that id.</summary>
    NotFound,
    /// <summary>The caller is not the listing's seller.</summary>
    NotSeller,
    /// <summary>The listing is not open (or, to withdraw, is reserved or sold).</summary>
    ListingUnavailable,
    /// <summary>The seller tried to buy their own listing.</summary>
    OwnListing,
    /// <summary>The buyer used the idempotency key for another listing.</summary>
    IdempotencyKeyReused,
    /// <summary>The transaction is no longer pending.</summary>
    TransactionClosed,
    /// <summary>Only the transaction's seller may complete it.</summary>
    NotTransactionSeller,
    /// <summary>The image id names no gallery item.</summary>
    ImageNotFound,
}

/// <summary>The outcome of a marketplace write.</summary>
/// <param name="Value">The row as stored (also the existing transaction of a repeated purchase); null on failure.</param>
/// <param name="Failure">Why nothing was written.</param>
/// <param name="Replayed">For a purchase: the idempotency key was seen before, and <paramref name="Value"/> is that earlier
/// transaction (200, not 201).</param>
public sealed record MarketResult<T>(T? Value, MarketFailure Failure, bool Replayed = false)
    where T : class
{
    /// <summary>A write that happened.</summary>
    public static MarketResult<T> Done(T value, bool replayed = false) => new(value, MarketFailure.None, replayed);

    /// <summary>A write that did not.</summary>
    public static MarketResult<T> Failed(MarketFailure failure) => new(null, failure);
}
