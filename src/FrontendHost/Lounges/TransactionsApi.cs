using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Lounges;
using OrleansRides.Lounges.Marketplace;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Lounges;

/// <summary>A page of transactions with the exact sum of all matching ones per currency:
/// <c>{ data: [...], pagination: { limit, offset, total }, totals: [{ currency, count, total: { amountMinor, currency, display } }] }</c>.</summary>
/// <param name="Data">The page.</param>
/// <param name="Pagination">Where it is in the list.</param>
/// <param name="Totals">Per currency, over every matching transaction (not only this page), in code order.</param>
public sealed record TransactionsEnvelope(IReadOnlyList<MarketTransaction> Data, OffsetPagination Pagination, IReadOnlyList<CurrencyTotal> Totals);

/// <summary><c>/api/v1/transactions</c>: a signed-in account's purchases and sales (a transaction of someone else's is 404
/// <c>TRANSACTION_NOT_FOUND</c>), the seller's confirmation (completed, the listing sold, announced in the lounge), either
/// side's cancellation of a pending one (the listing open again), and staff's list of all (<c>/api/v1/admin/transactions</c>,
/// admins).</summary>
public static class TransactionsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTransactionsApi(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/v1/transactions").WithTags("Marketplace").RequireAuthorization(Roles.MembersPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        mine.MapGet("/", ListMineAsync).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        mine.MapGet("/{id:guid}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapPost("/{id:guid}/complete", CompleteAsync).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:guid}/cancel", CancelAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/v1/admin/transactions", ListAllAsync).WithTags("Admin").RequireAuthorization(Roles.AdminsPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static Task<Results<Ok<TransactionsEnvelope>, ValidationProblem, ProblemHttpResult>> ListMineAsync(
        string? role, string? status, int? limit, int? offset, ClaimsPrincipal caller, MarketplaceRepository repository,
        CancellationToken cancellationToken) =>
        ListAsync(LoungesApi.Me(caller), role, status, limit, offset, repository, cancellationToken);

    private static Task<Results<Ok<TransactionsEnvelope>, ValidationProblem, ProblemHttpResult>> ListAllAsync(
        string? status, int? limit, int? offset, MarketplaceRepository repository, CancellationToken cancellationToken) =>
        ListAsync(null, null, status, limit, offset, repository, cancellationToken);

    private static async Task<Results<Ok<TransactionsEnvelope>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid? userId, string? roleText, string? statusText, int? limit, int? offset, MarketplaceRepository repository,
        CancellationToken cancellationToken)
    {
        if (LoungesApi.Paging(limit, offset, out var page) is { } invalid)
        {
            return invalid;
        }
        if (!MarketFilters.TryEnum<TransactionRole>(roleText, out var role) || !MarketFilters.TryEnum<TransactionStatus>(statusText, out var status))
        {
            return MarketFilters.BadFilter(roleText, statusText);
        }
        try
        {
            var (found, totals) = await repository.ListTransactionsAsync(userId, role, status, page, cancellationToken);
            return TypedResults.Ok(new TransactionsEnvelope(found.Items, new OffsetPagination(page.Limit, page.Offset, found.Total), totals));
        }
        catch (OverflowException)
        {
            // Only conceivable with tens of thousands of maximum prices in one currency; answered, never a 500.
            return ApiProblems.Problem(422, LoungeErrors.TotalOverflow, "A currency's total does not fit in 64-bit minor units.",
                "Narrow the list with status or role.");
        }
    }

    private static async Task<Results<Ok<DataEnvelope<MarketTransaction>>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal caller, MarketplaceRepository repository, CancellationToken cancellationToken) =>
        await repository.FindTransactionAsync(id, cancellationToken) is { } transaction
            && (transaction.BuyerId == caller.UserId() || transaction.SellerId == caller.UserId())
            ? TypedResults.Ok(new DataEnvelope<MarketTransaction>(transaction))
            : NotFound();

    private static async Task<Results<Ok<DataEnvelope<MarketTransaction>>, ProblemHttpResult>> CompleteAsync(
        Guid id, ClaimsPrincipal caller, MarketplaceRepository repository, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var completed = await repository.CompleteAsync(id, LoungesApi.Me(caller), cancellationToken);
        if (completed.Value is not { } transaction)
        {
            return completed.Failure == MarketFailure.NotFound ? NotFound() : MarketplaceApi.Problem(completed.Failure);
        }
        await grains.GetGrain<IChatRoomGrain>($"lounge/{transaction.LoungeId}").Announce(new SystemAnnouncement(
            $"\u201c{transaction.ListingTitle}\u201d was sold for {transaction.Amount.Display}.", $"listing-sold:{transaction.ListingId}"));
        return TypedResults.Ok(new DataEnvelope<MarketTransaction>(transaction));
    }

    private static async Task<Results<Ok<DataEnvelope<MarketTransaction>>, ProblemHttpResult>> CancelAsync(
        Guid id, ClaimsPrincipal caller, MarketplaceRepository repository, CancellationToken cancellationToken)
    {
        var cancelled = await repository.CancelAsync(id, LoungesApi.Me(caller), cancellationToken);
        return cancelled.Value is { } transaction
            ? TypedResults.Ok(new DataEnvelope<MarketTransaction>(transaction))
            : cancelled.Failure == MarketFailure.NotFound ? NotFound() : MarketplaceApi.Problem(cancelled.Failure);
    }

    private static ProblemHttpResult NotFound() => ApiProblems.Problem(404, LoungeErrors.TransactionNotFound, "No such transaction of yours.");
}
