using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Chat;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Lounges.LoungeAccess;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Lounges;

/// <summary>The lounge directory and the lounge itself: list, create, read, change, delete, history.</summary>
internal static class LoungeDirectoryApi
{
    /// <summary><c>GET /lounges?q=&amp;mine=&amp;limit=&amp;offset=</c>: the lounges the caller may see, newest first, with
    /// member and live presence counts (the page's room grains asked in parallel).</summary>
    public static async Task<Results<Ok<OffsetPagedEnvelope<LoungeSummary>>, ValidationProblem>> ListAsync(
        string? q, bool? mine, int? limit, int? offset, ClaimsPrincipal caller, LoungeDirectory directory, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (LoungesApi.Paging(limit, offset, out var page) is { } problem)
        {
            return problem;
        }
        if (q is { Length: > 100 } || (q is not null && q.Any(char.IsControl)))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["q"] = ["At most 100 characters, no control characters."] });
        }
        var found = await directory.ListAsync(LoungesApi.Me(caller), new LoungeFilter(q, mine == true), page, cancellationToken);
        var presence = await Task.WhenAll(found.Items.Select(l => grains.GetGrain<IChatRoomGrain>(l.Room).GetPresenceCount()));
        var items = found.Items.Select((l, i) => l with { PresenceCount = presence[i] }).ToList();
        return TypedResults.Ok(OffsetPagedEnvelope<LoungeSummary>.Of(new(items, found.Total), page));
    }

    /// <summary><c>POST /lounges</c>: the caller owns the new lounge.</summary>
    public static async Task<Results<Created<DataEnvelope<LoungeSummary>>, ValidationProblem>> CreateAsync(
        CreateLoungeRequest request, IValidator<CreateLoungeRequest> validator, ClaimsPrincipal caller, LoungeDirectory directory,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        var lounge = await directory.CreateAsync(request.Name!.Trim(), description, request.Visibility ?? LoungeVisibility.Public,
            LoungesApi.Me(caller), cancellationToken);
        return TypedResults.Created($"/api/v1/lounges/{lounge.Id}", new DataEnvelope<LoungeSummary>(lounge with { PresenceCount = 0 }));
    }

    /// <summary><c>GET /lounges/{id}</c>.</summary>
    public static async Task<Results<Ok<DataEnvelope<LoungeSummary>>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal caller, LoungeRoles roles, LoungeDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { } standing
            || await directory.FindAsync(standing.Room, LoungesApi.Me(caller), cancellationToken) is not { } lounge)
        {
            return LoungesApi.NotFound();
        }
        var presence = await grains.GetGrain<IChatRoomGrain>(lounge.Room).GetPresenceCount();
        return TypedResults.Ok(new DataEnvelope<LoungeSummary>(lounge with { PresenceCount = presence }));
    }

    /// <summary><c>PATCH /lounges/{id}</c> (owner): name, description, visibility; the room re-reads its row.</summary>
    public static async Task<Results<Ok<DataEnvelope<LoungeSummary>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, UpdateLoungeRequest request, IValidator<UpdateLoungeRequest> validator, ClaimsPrincipal caller, LoungeRoles roles,
        LoungeDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return LoungesApi.NotFound();
        }
        if (standing.Role != LoungeRole.Owner)
        {
            return LoungesApi.NotOwner();
        }
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        await directory.UpdateAsync(standing.Room, LoungesApi.Me(caller), request.Name?.Trim(), request.Description?.Trim(), request.Visibility, cancellationToken);
        await grains.GetGrain<IChatRoomGrain>(standing.Room).RoomChanged();
        return TypedResults.Ok(new DataEnvelope<LoungeSummary>((await directory.FindAsync(standing.Room, LoungesApi.Me(caller), cancellationToken))!));
    }

    /// <summary><c>DELETE /lounges/{id}?reason=</c> (owner): soft delete; everyone in the room gets <c>roomClosed</c>.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, string? reason, ClaimsPrincipal caller, LoungeRoles roles, LoungeDirectory directory, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return LoungesApi.NotFound();
        }
        if (standing.Role != LoungeRole.Owner)
        {
            return LoungesApi.NotOwner();
        }
        if (LoungeMembersApi.BadReason(reason) is { } problem)
        {
            return problem;
        }
        await directory.DeleteAsync(standing.Room, LoungesApi.Me(caller), reason, cancellationToken);
        await grains.GetGrain<IChatRoomGrain>(standing.Room).RoomChanged();
        return TypedResults.NoContent();
    }

    /// <summary><c>GET /lounges/{id}/messages?before=&amp;limit=</c>: members of the lounge, anyone for a public one, and
    /// site staff (admins, editors) for every lounge, private and deleted ones included.</summary>
    public static async Task<Results<Ok<PagedEnvelope<ChatMessage>>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        string id, long? before, int? limit, ClaimsPrincipal caller, LoungeRoles roles, ChatRepository history, SenderIds senderIds,
        CancellationToken cancellationToken)
    {
        var room = LoungesApi.Room(id);
        var standing = room is null ? null : await roles.StandingAsync(room, LoungesApi.Me(caller), cancellationToken);
        if (standing is null || !(standing.CanSee || Roles.IsModerator(caller.RoleName())))
        {
            return LoungesApi.NotFound();
        }
        var (defaultSize, max) = LoungesApi.HistoryPage;
        if (limit is < 1 || limit > max || before is < 1)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["limit"] = [$"1 to {max}; before a positive seq."] });
        }
        var size = limit ?? defaultSize;
        var page = senderIds.Public(await history.HistoryAsync(standing.Room, before, size, cancellationToken));
        return TypedResults.Ok(new PagedEnvelope<ChatMessage>(page, new Pagination(size, page.Count == size ? page[^1].Seq : null)));
    }
}
