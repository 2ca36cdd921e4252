using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Lounges;
using OrleansRides.Lounges.Jobs;
using OrleansRides.Lounges.LoungeAccess;
using OrleansRides.Lounges.Marketplace;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Lounges;

/// <summary>A lounge's marketplace: <c>/api/v1/lounges/{id}/listings</c> and <c>/api/v1/listings/{id}</c>, for signed-in
/// accounts. Whoever may see the lounge (<see cref="LoungeStanding.CanSee"/>) sees its listings; a lounge they may not see
/// is 404 <c>LOUNGE_NOT_FOUND</c> (a listing in one 404 <c>LISTING_NOT_FOUND</c>), so that private ids cannot be probed.
/// Members list and buy (403 <c>NOT_LOUNGE_MEMBER</c> otherwise); only the seller changes or withdraws a listing. New
/// listings and sales are announced in the lounge's room as system messages.</summary>
public static class MarketplaceApi
{
    /// <summary>Registers the repository, the validators and the reservation expiry job. Call after
    /// <see cref="LoungesApi.AddLoungeAccess"/>, which registers the <see cref="LoungeRoles"/> every check asks.</summary>
    public static IHostApplicationBuilder AddMarketplace(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarketplaceRepository>();
        builder.Services.AddSingleton<IValidator<ListingRequest>, ListingRequestValidator>();
        builder.Services.AddSingleton<IValidator<PurchaseRequest>, PurchaseRequestValidator>();
        builder.Services.AddOptions<MarketplaceOptions>().BindConfiguration("Marketplace").ValidateDataAnnotations().ValidateOnStart();
        builder.AddPeriodicJob<ReservationExpiryJob>(ReservationExpiryJob.Name, TimeSpan.FromMinutes(15));
        return builder;
    }

    /// <summary>Maps the listing endpoints and the transaction endpoints (<see cref="TransactionsApi"/>).</summary>
    public static IEndpointRouteBuilder MapMarketplaceApi(this IEndpointRouteBuilder app)
    {
        var lounge = app.MapGroup("/api/v1/lounges/{id}/listings").WithTags("Marketplace").RequireAuthorization(Roles.MembersPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        lounge.MapGet("/", ListAsync);
        lounge.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status403Forbidden);

        var listings = app.MapGroup("/api/v1/listings/{id:guid}").WithTags("Marketplace").RequireAuthorization(Roles.MembersPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        listings.MapGet("/", GetAsync);
        listings.MapPut("/", UpdateAsync).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        listings.MapDelete("/", WithdrawAsync).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        listings.MapPost("/purchase", PurchaseAsync).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return app.MapTransactionsApi();
    }

    private static async Task<Results<Ok<OffsetPagedEnvelope<Listing>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, string? status, string? kind, string? q, Guid? sellerId, int? limit, int? offset, ClaimsPrincipal caller,
        LoungeRoles roles, MarketplaceRepository repository, CancellationToken cancellationToken)
    {
        if (LoungesApi.Paging(limit, offset, out var page) is { } invalid)
        {
            return invalid;
        }
        if (!MarketFilters.TryEnum<ListingStatus>(status, out var statusFilter) || !MarketFilters.TryEnum<ListingKind>(kind, out var kindFilter))
        {
            return MarketFilters.BadFilter(status, kind);
        }
        if (q is { Length: > 100 } || GrainInterfaces.Text.TextRules.Problem(q) is not null)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["q"] = ["At most 100 characters, no control characters."] });
        }
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return LoungesApi.NotFound();
        }
        var found = await repository.ListListingsAsync(standing.Room, new ListingFilter(statusFilter, kindFilter, q, sellerId), page, cancellationToken);
        return TypedResults.Ok(OffsetPagedEnvelope<Listing>.Of(found, page));
    }

    private static async Task<Results<Created<DataEnvelope<Listing>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string id, ListingRequest request, IValidator<ListingRequest> validator, ClaimsPrincipal caller, LoungeRoles roles,
        MarketplaceRepository repository, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (invalid, unknownCurrency) = await InvalidAsync(request, validator, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }
        if (unknownCurrency is not null)
        {
            return unknownCurrency;
        }
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return LoungesApi.NotFound();
        }
        if (!standing.IsMember)
        {
            return NotMember();
        }
        var created = await repository.CreateListingAsync(standing.Room, LoungesApi.Me(caller), request, cancellationToken);
        if (created.Value is not { } listing)
        {
            return Problem(created.Failure);
        }
        await grains.GetGrain<IChatRoomGrain>(listing.Room).Announce(new SystemAnnouncement(
            $"{listing.SellerName} listed \u201c{listing.Title}\u201d for {listing.Price.Display}.", $"listing-created:{listing.Id}"));
        return TypedResults.Created($"/api/v1/listings/{listing.Id}", new DataEnvelope<Listing>(listing));
    }

    private static async Task<Results<Ok<DataEnvelope<Listing>>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal caller, LoungeRoles roles, MarketplaceRepository repository, CancellationToken cancellationToken) =>
        await VisibleAsync(id, caller, roles, repository, cancellationToken) is ({ } listing, _)
            ? TypedResults.Ok(new DataEnvelope<Listing>(listing))
            : ListingNotFound();

    private static async Task<Results<Ok<DataEnvelope<Listing>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, ListingRequest request, IValidator<ListingRequest> validator, ClaimsPrincipal caller, LoungeRoles roles,
        MarketplaceRepository repository, CancellationToken cancellationToken)
    {
        var (invalid, unknownCurrency) = await InvalidAsync(request, validator, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }
        if (unknownCurrency is not null)
        {
            return unknownCurrency;
        }
        if (await VisibleAsync(id, caller, roles, repository, cancellationToken) is not ({ }, _))
        {
            return ListingNotFound();
        }
        var updated = await repository.UpdateListingAsync(id, LoungesApi.Me(caller), request, cancellationToken);
        return updated.Value is { } listing ? TypedResults.Ok(new DataEnvelope<Listing>(listing)) : Problem(updated.Failure);
    }

    private static async Task<Results<Ok<DataEnvelope<Listing>>, ProblemHttpResult>> WithdrawAsync(
        Guid id, ClaimsPrincipal caller, LoungeRoles roles, MarketplaceRepository repository, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, caller, roles, repository, cancellationToken) is not ({ }, _))
        {
            return ListingNotFound();
        }
        var withdrawn = await repository.WithdrawAsync(id, LoungesApi.Me(caller), cancellationToken);
        return withdrawn.Value is { } listing ? TypedResults.Ok(new DataEnvelope<Listing>(listing)) : Problem(withdrawn.Failure);
    }

    private static async Task<Results<Created<DataEnvelope<MarketTransaction>>, Ok<DataEnvelope<MarketTransaction>>, ValidationProblem, ProblemHttpResult>> PurchaseAsync(
        Guid id, PurchaseRequest request, IValidator<PurchaseRequest> validator, ClaimsPrincipal caller, LoungeRoles roles,
        MarketplaceRepository repository, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        switch (await VisibleAsync(id, caller, roles, repository, cancellationToken))
        {
            case (null, _):
                return ListingNotFound();
            case (_, { IsMember: false }):
                return NotMember();
        }
        var bought = await repository.PurchaseAsync(id, LoungesApi.Me(caller), request.IdempotencyKey!, cancellationToken);
        return bought switch
        {
            { Value: { } transaction, Replayed: true } => TypedResults.Ok(new DataEnvelope<MarketTransaction>(transaction)),
            { Value: { } transaction } => TypedResults.Created($"/api/v1/transactions/{transaction.Id}", new DataEnvelope<MarketTransaction>(transaction)),
            _ => Problem(bought.Failure),
        };
    }

    /// <summary>The listing and the caller's standing in its lounge, or (null, null) when either is missing or the caller may
    /// not see the lounge.</summary>
    private static async Task<(Listing?, LoungeStanding?)> VisibleAsync(
        Guid id, ClaimsPrincipal caller, LoungeRoles roles, MarketplaceRepository repository, CancellationToken cancellationToken)
    {
        if (await repository.FindListingAsync(id, cancellationToken) is not { } listing)
        {
            return (null, null);
        }
        var standing = await roles.StandingAsync(listing.Room, LoungesApi.Me(caller), cancellationToken);
        return standing is { CanSee: true } ? (listing, standing) : (null, null);
    }

    /// <summary>The 400 of an invalid listing: <c>UNKNOWN_CURRENCY</c> when the currency is the only problem of its kind,
    /// (a typed code the client can act on), else <c>VALIDATION_FAILED</c> naming each field.</summary>
    private static async Task<(ValidationProblem?, ProblemHttpResult?)> InvalidAsync(
        ListingRequest request, IValidator<ListingRequest> validator, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (validation.IsValid)
        {
            return (null, null);
        }
        return validation.Errors.Any(e => e.ErrorCode == LoungeErrors.UnknownCurrency)
            ? (null, ApiProblems.Problem(400, LoungeErrors.UnknownCurrency, "Unknown currency.", "price.currency must be an active ISO 4217 code, e.g. IDR."))
            : (ApiProblems.Validation(validation), null);
    }

    internal static ProblemHttpResult Problem(MarketFailure failure) => failure switch
    {
        MarketFailure.NotFound => ListingNotFound(),
        MarketFailure.NotSeller => ApiProblems.Problem(403, LoungeErrors.NotSeller, "Only the seller may change this listing."),
        MarketFailure.ListingUnavailable => ApiProblems.Problem(409, LoungeErrors.ListingUnavailable, "The listing is reserved, sold or withdrawn."),
        MarketFailure.OwnListing => ApiProblems.Problem(409, LoungeErrors.OwnListing, "Sellers cannot buy their own listing."),
        MarketFailure.IdempotencyKeyReused => ApiProblems.Problem(409, LoungeErrors.IdempotencyKeyReused, "This idempotency key was used for another listing."),
        MarketFailure.TransactionClosed => ApiProblems.Problem(409, LoungeErrors.TransactionClosed, "The transaction is completed or cancelled already."),
        MarketFailure.NotTransactionSeller => ApiProblems.Problem(403, LoungeErrors.NotTransactionSeller, "Only the seller confirms a sale."),
        MarketFailure.ImageNotFound => ApiProblems.Problem(400, LoungeErrors.ImageNotFound, "No gallery image has that id."),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Not a failure."),
    };

    private static ProblemHttpResult ListingNotFound() => ApiProblems.Problem(404, LoungeErrors.ListingNotFound, "No such listing.");

    private static ProblemHttpResult NotMember() =>
        ApiProblems.Problem(403, LoungeErrors.NotLoungeMember, "Join the lounge first.", "Listing and buying are for the lounge's members.");
}

/// <summary>The enum filters of the marketplace's lists (<c>status</c>, <c>kind</c>, <c>role</c>).</summary>
internal static class MarketFilters
{
    /// <summary>A filter value as its enum member, by its lower-case JSON name (<c>open</c>, <c>buyer</c>); null when absent.</summary>
    public static bool TryEnum<TEnum>(string? text, out TEnum? value) where TEnum : struct, Enum
    {
        value = null;
        if (text is null)
        {
            return true;
        }
        // Names only (not numbers), the way the JSON enum converter spells them.
        if (text.Length > 0 && char.IsLower(text[0]) && Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && !char.IsDigit(text[0]))
        {
            value = parsed;
            return true;
        }
        return false;
    }

    /// <summary>400 <c>VALIDATION_FAILED</c> naming the filters that are not one of their values.</summary>
    public static ValidationProblem BadFilter(params string?[] values) =>
        ApiProblems.Validation(new Dictionary<string, string[]> { ["filter"] = [$"Unknown filter value in: {string.Join(", ", values.Where(v => v is not null))}."] });
}
