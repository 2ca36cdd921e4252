using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Lounges;
using OrleansRides.Lounges.LoungeAccess;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Lounges;

/// <summary>Ways into a private lounge: invite links (owner and moderators make and revoke them; any member previews and
/// accepts) and join requests (the owner decides).</summary>
internal static class LoungeInvitesApi
{
    /// <summary><c>POST /lounges/{id}/invites</c> (owner, moderators): the token is in this answer only.</summary>
    public static async Task<Results<Created<DataEnvelope<CreatedInvite>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string id, CreateInviteRequest request, IValidator<CreateInviteRequest> validator, ClaimsPrincipal caller, LoungeRoles roles,
        LoungeInvites invites, CancellationToken cancellationToken)
    {
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return LoungesApi.NotFound();
        }
        if (!standing.CanModerate)
        {
            return LoungesApi.NotModerator();
        }
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var invite = await invites.CreateAsync(standing.Room, LoungesApi.Me(caller), request.ExpiresInHours ?? LoungeInvites.DefaultExpiresInHours,
            request.MaxUses, cancellationToken);
        return TypedResults.Created($"/api/v1/lounges/{id}/invites/{invite.Id}", new DataEnvelope<CreatedInvite>(invite));
    }

    /// <summary><c>GET /lounges/{id}/invites?limit=&amp;offset=</c> (owner, moderators), without tokens.</summary>
    public static async Task<Results<Ok<OffsetPagedEnvelope<LoungeInvite>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, int? limit, int? offset, ClaimsPrincipal caller, LoungeRoles roles, LoungeInvites invites, CancellationToken cancellationToken)
    {
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return LoungesApi.NotFound();
        }
        if (!standing.CanModerate)
        {
            return LoungesApi.NotModerator();
        }
        if (LoungesApi.Paging(limit, offset, out var page) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(OffsetPagedEnvelope<LoungeInvite>.Of(await invites.ListAsync(standing.Room, page, cancellationToken), page));
    }

    /// <summary><c>DELETE /lounges/{id}/invites/{inviteId}</c> (owner, moderators).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, Guid inviteId, ClaimsPrincipal caller, LoungeRoles roles, LoungeInvites invites, CancellationToken cancellationToken)
    {
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return LoungesApi.NotFound();
        }
        if (!standing.CanModerate)
        {
            return LoungesApi.NotModerator();
        }
        return await invites.RevokeAsync(standing.Room, inviteId, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.Problem(404, LoungeErrors.InviteNotFound, "This lounge has no such invite link.");
    }

    /// <summary><c>POST /lounge-invites/preview { token }</c>: name, description, member count.</summary>
    public static async Task<Results<Ok<DataEnvelope<InvitePreview>>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        InviteTokenRequest request, IValidator<InviteTokenRequest> validator, LoungeInvites invites, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        return await invites.PreviewAsync(request.Token!, cancellationToken) is { } preview
            ? TypedResults.Ok(new DataEnvelope<InvitePreview>(preview))
            : InviteInvalid();
    }

    /// <summary><c>POST /lounge-invites/accept { token }</c>: the caller becomes a member and gets the lounge.</summary>
    public static async Task<Results<Ok<DataEnvelope<LoungeSummary>>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        InviteTokenRequest request, IValidator<InviteTokenRequest> validator, ClaimsPrincipal caller, LoungeInvites invites,
        LoungeDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var me = LoungesApi.Me(caller);
        if (await invites.AcceptAsync(request.Token!, me, cancellationToken) is not { } accepted)
        {
            return InviteInvalid();
        }
        if (accepted.Joined)
        {
            await LoungesApi.MemberChangedAsync(grains, accepted.Room, me, "joined");
        }
        return TypedResults.Ok(new DataEnvelope<LoungeSummary>((await directory.FindAsync(accepted.Room, me, cancellationToken))!));
    }

    /// <summary><c>POST /lounges/{id}/join-requests { message? }</c>: 202 pending; 409 <c>ALREADY_MEMBER</c> or
    /// <c>JOIN_REQUEST_REJECTED</c>. A public lounge needs no request: join it (<c>POST /members</c>).</summary>
    public static async Task<Results<Accepted<DataEnvelope<JoinRequestState>>, ValidationProblem, ProblemHttpResult>> RequestJoinAsync(
        string id, JoinRequestBody request, IValidator<JoinRequestBody> validator, ClaimsPrincipal caller, LoungeRoles roles,
        LoungeJoinRequests requests, CancellationToken cancellationToken)
    {
        var room = LoungesApi.Room(id);
        // Asking is for people who are not members yet, so a private lounge is found here by id (its name stays hidden).
        if (room is null || await roles.StandingAsync(room, LoungesApi.Me(caller), cancellationToken) is not { IsDeleted: false })
        {
            return LoungesApi.NotFound();
        }
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var message = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim();
        return await requests.RequestAsync(room, LoungesApi.Me(caller), message, cancellationToken) switch
        {
            JoinRequestOutcome.AlreadyMember => ApiProblems.Problem(409, LoungeErrors.AlreadyMember, "You are a member of this lounge already."),
            JoinRequestOutcome.Rejected => ApiProblems.Problem(409, LoungeErrors.JoinRequestRejected, "The owner declined your request."),
            _ => TypedResults.Accepted((string?)null, new DataEnvelope<JoinRequestState>(new JoinRequestState("pending"))),
        };
    }

    /// <summary><c>GET /lounges/{id}/join-requests?limit=&amp;offset=</c> (owner): pending ones, oldest first.</summary>
    public static async Task<Results<Ok<OffsetPagedEnvelope<JoinRequest>>, ValidationProblem, ProblemHttpResult>> ListJoinRequestsAsync(
        string id, int? limit, int? offset, ClaimsPrincipal caller, LoungeRoles roles, LoungeJoinRequests requests, CancellationToken cancellationToken)
    {
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return LoungesApi.NotFound();
        }
        if (standing.Role != LoungeRole.Owner)
        {
            return LoungesApi.NotOwner();
        }
        if (LoungesApi.Paging(limit, offset, out var page) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(OffsetPagedEnvelope<JoinRequest>.Of(await requests.ListPendingAsync(standing.Room, page, cancellationToken), page));
    }

    /// <summary><c>POST /lounges/{id}/join-requests/{userId}/approve</c> (owner): the user becomes a member.</summary>
    public static Task<Results<NoContent, ProblemHttpResult>> ApproveAsync(
        string id, Guid userId, ClaimsPrincipal caller, LoungeRoles roles, LoungeJoinRequests requests, IGrainFactory grains,
        CancellationToken cancellationToken) =>
        DecideAsync(id, caller, roles, cancellationToken, async room =>
        {
            if (!await requests.ApproveAsync(room, LoungesApi.Me(caller), userId, cancellationToken))
            {
                return false;
            }
            await LoungesApi.MemberChangedAsync(grains, room, userId, "joined");
            return true;
        });

    /// <summary><c>POST /lounges/{id}/join-requests/{userId}/reject</c> (owner).</summary>
    public static Task<Results<NoContent, ProblemHttpResult>> RejectAsync(
        string id, Guid userId, ClaimsPrincipal caller, LoungeRoles roles, LoungeJoinRequests requests, CancellationToken cancellationToken) =>
        DecideAsync(id, caller, roles, cancellationToken, room => requests.RejectAsync(room, LoungesApi.Me(caller), userId, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> DecideAsync(
        string id, ClaimsPrincipal caller, LoungeRoles roles, CancellationToken cancellationToken, Func<string, Task<bool>> decide)
    {
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return LoungesApi.NotFound();
        }
        if (standing.Role != LoungeRole.Owner)
        {
            return LoungesApi.NotOwner();
        }
        return await decide(standing.Room)
            ? TypedResults.NoContent()
            : ApiProblems.Problem(404, LoungeErrors.JoinRequestNotFound, "No pending join request of that user.");
    }

    private static ProblemHttpResult InviteInvalid() =>
        ApiProblems.Problem(404, LoungeErrors.InviteInvalid, "This invite link is unknown, expired, revoked or used up.");
}

/// <summary>The state of the caller's join request.</summary>
/// <param name="Status"><c>pending</c>.</param>
public sealed record JoinRequestState(string Status);
