using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Lounges;
using OrleansRides.Lounges.LoungeAccess;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Lounges;

/// <summary>Members of a lounge: join, leave, list, and the moderators' actions (remove, mute, message moderation, the
/// log); the owner's roles.</summary>
internal static class LoungeMembersApi
{
    /// <summary><c>POST /lounges/{id}/members</c>: join a public lounge (a member already: no change); a private one answers
    /// 403 <c>INVITE_REQUIRED</c>, and one whose moderators removed the caller 403 <c>REMOVED_FROM_LOUNGE</c>.</summary>
    public static async Task<Results<Ok<DataEnvelope<LoungeSummary>>, ProblemHttpResult>> JoinAsync(
        string id, ClaimsPrincipal caller, LoungeRoles roles, LoungeMembers members, LoungeDirectory directory, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var room = LoungesApi.Room(id);
        if (room is null || await roles.StandingAsync(room, LoungesApi.Me(caller), cancellationToken) is not { IsDeleted: false } standing)
        {
            return LoungesApi.NotFound();
        }
        if (standing.Role is null && standing.IsPrivate)
        {
            return ApiProblems.Problem(403, LoungeErrors.InviteRequired, "This lounge is private: join with an invite link or ask the owner.");
        }
        if (standing.Role is null && await members.WasRemovedAsync(room, LoungesApi.Me(caller), cancellationToken))
        {
            return ApiProblems.Problem(403, LoungeErrors.RemovedFromLounge,
                "The lounge's moderators removed you: join again with an invite link or ask the owner.");
        }
        if (await members.JoinPublicAsync(room, LoungesApi.Me(caller), cancellationToken))
        {
            await LoungesApi.MemberChangedAsync(grains, room, LoungesApi.Me(caller), "joined");
        }
        return TypedResults.Ok(new DataEnvelope<LoungeSummary>((await directory.FindAsync(room, LoungesApi.Me(caller), cancellationToken))!));
    }

    /// <summary><c>DELETE /lounges/{id}/members/me</c>: leave (not the owner: 409 <c>OWNER_PROTECTED</c>).</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> LeaveAsync(
        string id, ClaimsPrincipal caller, LoungeRoles roles, LoungeMembers members, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { IsMember: true } standing)
        {
            return LoungesApi.NotFound();
        }
        var me = LoungesApi.Me(caller);
        return await ResultAsync(await members.LeaveAsync(standing.Room, me, cancellationToken), grains, standing.Room, me, "left");
    }

    /// <summary><c>GET /lounges/{id}/members?limit=&amp;offset=</c> (members only).</summary>
    public static async Task<Results<Ok<OffsetPagedEnvelope<LoungeMember>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, int? limit, int? offset, ClaimsPrincipal caller, LoungeRoles roles, LoungeMembers members, CancellationToken cancellationToken)
    {
        if (await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return LoungesApi.NotFound();
        }
        if (!standing.IsMember)
        {
            return ApiProblems.Problem(403, LoungeErrors.NotLoungeMember, "Only the lounge's members see its members.");
        }
        if (LoungesApi.Paging(limit, offset, out var page) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(OffsetPagedEnvelope<LoungeMember>.Of(await members.ListAsync(standing.Room, page, cancellationToken), page));
    }

    /// <summary><c>DELETE /lounges/{id}/members/{userId}?reason=</c> (owner, moderators): the member's connections get
    /// <c>removedFromRoom</c>.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveAsync(
        string id, Guid userId, string? reason, ClaimsPrincipal caller, LoungeRoles roles, LoungeMembers members, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (await ModeratorAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return await DeniedAsync(id, caller, roles, cancellationToken);
        }
        if (BadReason(reason) is { } problem)
        {
            return problem;
        }
        return await ResultAsync(await members.RemoveAsync(standing.Room, LoungesApi.Me(caller), standing.Role!.Value, userId, reason, cancellationToken),
            grains, standing.Room, userId, "removed");
    }

    /// <summary><c>PUT /lounges/{id}/members/{userId}/mute</c> (owner, moderators): the member cannot send until then.</summary>
    public static async Task<Results<Ok<DataEnvelope<MuteResult>>, ValidationProblem, ProblemHttpResult>> MuteAsync(
        string id, Guid userId, MuteRequest request, IValidator<MuteRequest> validator, ClaimsPrincipal caller, LoungeRoles roles,
        LoungeMembers members, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ModeratorAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is null ? LoungesApi.NotFound() : LoungesApi.NotModerator();
        }
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var until = time.GetUtcNow().AddMinutes(request.Minutes!.Value);
        var change = await members.MuteAsync(standing.Room, LoungesApi.Me(caller), standing.Role!.Value, userId, until, request.Reason, cancellationToken);
        if (Problem(change) is { } problem)
        {
            return problem;
        }
        await LoungesApi.MemberChangedAsync(grains, standing.Room, userId, "muted");
        return TypedResults.Ok(new DataEnvelope<MuteResult>(new MuteResult(userId, until)));
    }

    /// <summary><c>DELETE /lounges/{id}/members/{userId}/mute</c> (owner, moderators).</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UnmuteAsync(
        string id, Guid userId, ClaimsPrincipal caller, LoungeRoles roles, LoungeMembers members, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await ModeratorAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return await DeniedAsync(id, caller, roles, cancellationToken);
        }
        return await ResultAsync(await members.UnmuteAsync(standing.Room, LoungesApi.Me(caller), standing.Role!.Value, userId, cancellationToken),
            grains, standing.Room, userId, "muted");
    }

    /// <summary><c>PUT /lounges/{id}/members/{userId}/role</c> (owner): moderator or member.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetRoleAsync(
        string id, Guid userId, RoleRequest request, IValidator<RoleRequest> validator, ClaimsPrincipal caller, LoungeRoles roles,
        LoungeMembers members, IGrainFactory grains, CancellationToken cancellationToken)
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
        return await ResultAsync(await members.SetRoleAsync(standing.Room, LoungesApi.Me(caller), userId, request.Role!.Value, cancellationToken),
            grains, standing.Room, userId, "role");
    }

    /// <summary><c>POST /lounges/{id}/messages/{messageId}/moderate</c> (owner, moderators): hide or delete, through the
    /// room grain (which logs it with the actor and tells every connection).</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ModerateAsync(
        string id, Guid messageId, LoungeModerateRequest request, IValidator<LoungeModerateRequest> validator, ClaimsPrincipal caller,
        LoungeRoles roles, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await ModeratorAsync(id, caller, roles, cancellationToken) is not { } standing)
        {
            return await DeniedAsync(id, caller, roles, cancellationToken);
        }
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var action = request.Action == "hide" ? ModerationAction.Hide : ModerationAction.Delete;
        await grains.GetGrain<IChatRoomGrain>(standing.Room).Moderate(new ModerationRequest(messageId, action, request.Reason, LoungesApi.Me(caller).ToString()));
        return TypedResults.NoContent();
    }

    /// <summary><c>GET /lounges/{id}/moderation-log?limit=&amp;offset=</c>: the lounge's owner and moderators, and site staff.</summary>
    public static async Task<Results<Ok<OffsetPagedEnvelope<LoungeLogEntry>>, ValidationProblem, ProblemHttpResult>> LogAsync(
        string id, int? limit, int? offset, ClaimsPrincipal caller, LoungeRoles roles, LoungeLog log, CancellationToken cancellationToken)
    {
        var room = LoungesApi.Room(id);
        var standing = room is null ? null : await roles.StandingAsync(room, LoungesApi.Me(caller), cancellationToken);
        var staff = Roles.IsModerator(caller.RoleName());
        if (standing is null || !(standing.CanSee || staff))
        {
            return LoungesApi.NotFound();
        }
        if (!standing.CanModerate && !staff)
        {
            return LoungesApi.NotModerator();
        }
        if (LoungesApi.Paging(limit, offset, out var page) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(OffsetPagedEnvelope<LoungeLogEntry>.Of(await log.ListAsync(standing.Room, page, cancellationToken), page));
    }

    /// <summary>A validation problem when a reason is longer than 500 characters or has control characters.</summary>
    internal static ValidationProblem? BadReason(string? reason) =>
        reason is { Length: > 500 } || (reason is not null && reason.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
            ? ApiProblems.Validation(new Dictionary<string, string[]> { ["reason"] = ["At most 500 characters, no control characters."] })
            : null;

    private static async Task<LoungeStanding?> ModeratorAsync(string id, ClaimsPrincipal caller, LoungeRoles roles, CancellationToken cancellationToken) =>
        await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is { CanModerate: true } standing ? standing : null;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeniedAsync(
        string id, ClaimsPrincipal caller, LoungeRoles roles, CancellationToken cancellationToken) =>
        await LoungesApi.VisibleAsync(id, caller, roles, cancellationToken) is null ? LoungesApi.NotFound() : LoungesApi.NotModerator();

    private static ProblemHttpResult? Problem(MemberChange change) => change switch
    {
        MemberChange.Done => null,
        MemberChange.LoungeNotFound => LoungesApi.NotFound(),
        MemberChange.MemberNotFound => ApiProblems.Problem(404, LoungeErrors.MemberNotFound, "That user is not a member of this lounge."),
        MemberChange.OwnerProtected => ApiProblems.Problem(409, LoungeErrors.OwnerProtected, "The owner cannot be muted, removed, demoted or leave."),
        _ => LoungesApi.NotOwner(),
    };

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResultAsync(
        MemberChange change, IGrainFactory grains, string room, Guid userId, string reason)
    {
        if (Problem(change) is { } problem)
        {
            return problem;
        }
        await LoungesApi.MemberChangedAsync(grains, room, userId, reason);
        return TypedResults.NoContent();
    }
}

/// <summary>A mute as applied.</summary>
/// <param name="UserId">The muted member.</param>
/// <param name="MutedUntil">UTC.</param>
public sealed record MuteResult(Guid UserId, DateTimeOffset MutedUntil);
