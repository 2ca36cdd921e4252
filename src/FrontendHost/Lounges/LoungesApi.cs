using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Chat;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Lounges;
using OrleansRides.Lounges.Jobs;
using OrleansRides.Lounges.LoungeAccess;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Lounges;

/// <summary><c>/api/v1/lounges</c> (members only): the directory, the lounge itself (owner: rename, visibility, delete),
/// its history, members, roles, mutes, removals, message moderation, join requests and invite links; and
/// <c>/api/v1/lounge-invites</c> to preview and accept a link. Every rule asks <see cref="LoungeRoles"/>; a private lounge
/// the caller is not a member of answers 404 <c>LOUNGE_NOT_FOUND</c> like no lounge at all. After each change of a member
/// row or of the lounge the room grain hears of it, which takes removed members' connections out and closes deleted
/// lounges.</summary>
public static class LoungesApi
{
    private const int DefaultHistoryPage = 50, MaxPage = 100;

    /// <summary>Registers the repositories, the validators and <c>lounge-invite-cleanup</c> (hourly).</summary>
    public static IHostApplicationBuilder AddLoungeAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LoungeRoles>();
        builder.Services.AddSingleton<LoungeDirectory>();
        builder.Services.AddSingleton<LoungeMembers>();
        builder.Services.AddSingleton<LoungeInvites>();
        builder.Services.AddSingleton<LoungeJoinRequests>();
        builder.Services.AddSingleton<LoungeLog>();
        builder.Services.AddSingleton<IValidator<CreateLoungeRequest>, CreateLoungeValidator>();
        builder.Services.AddSingleton<IValidator<UpdateLoungeRequest>, UpdateLoungeValidator>();
        builder.Services.AddSingleton<IValidator<CreateInviteRequest>, CreateInviteValidator>();
        builder.Services.AddSingleton<IValidator<InviteTokenRequest>, InviteTokenValidator>();
        builder.Services.AddSingleton<IValidator<JoinRequestBody>, JoinRequestValidator>();
        builder.Services.AddSingleton<IValidator<MuteRequest>, MuteValidator>();
        builder.Services.AddSingleton<IValidator<RoleRequest>, RoleValidator>();
        builder.Services.AddSingleton<IValidator<LoungeModerateRequest>, LoungeModerateValidator>();
        builder.AddPeriodicJob<InviteCleanupJob>("lounge-invite-cleanup", TimeSpan.FromHours(1));
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapLoungesApi(this IEndpointRouteBuilder app)
    {
        var lounges = app.MapGroup("/api/v1/lounges").WithTags("Lounges").RequireAuthorization(Roles.MembersPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        lounges.MapGet("/", LoungeDirectoryApi.ListAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        lounges.MapPost("/", LoungeDirectoryApi.CreateAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        lounges.MapGet("/{id}", LoungeDirectoryApi.GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        lounges.MapPatch("/{id}", LoungeDirectoryApi.UpdateAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        lounges.MapDelete("/{id}", LoungeDirectoryApi.DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound);
        lounges.MapGet("/{id}/messages", LoungeDirectoryApi.HistoryAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        lounges.MapPost("/{id}/members", LoungeMembersApi.JoinAsync).ProducesProblem(StatusCodes.Status404NotFound);
        lounges.MapDelete("/{id}/members/me", LoungeMembersApi.LeaveAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lounges.MapGet("/{id}/members", LoungeMembersApi.ListAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        lounges.MapDelete("/{id}/members/{userId:guid}", LoungeMembersApi.RemoveAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lounges.MapPut("/{id}/members/{userId:guid}/mute", LoungeMembersApi.MuteAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lounges.MapDelete("/{id}/members/{userId:guid}/mute", LoungeMembersApi.UnmuteAsync)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lounges.MapPut("/{id}/members/{userId:guid}/role", LoungeMembersApi.SetRoleAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lounges.MapPost("/{id}/messages/{messageId:guid}/moderate", LoungeMembersApi.ModerateAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        lounges.MapGet("/{id}/moderation-log", LoungeMembersApi.LogAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        lounges.MapPost("/{id}/join-requests", LoungeInvitesApi.RequestJoinAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lounges.MapGet("/{id}/join-requests", LoungeInvitesApi.ListJoinRequestsAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        lounges.MapPost("/{id}/join-requests/{userId:guid}/approve", LoungeInvitesApi.ApproveAsync).ProducesProblem(StatusCodes.Status404NotFound);
        lounges.MapPost("/{id}/join-requests/{userId:guid}/reject", LoungeInvitesApi.RejectAsync).ProducesProblem(StatusCodes.Status404NotFound);
        lounges.MapPost("/{id}/invites", LoungeInvitesApi.CreateAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        lounges.MapGet("/{id}/invites", LoungeInvitesApi.ListAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        lounges.MapDelete("/{id}/invites/{inviteId:guid}", LoungeInvitesApi.RevokeAsync).ProducesProblem(StatusCodes.Status404NotFound);

        var invites = app.MapGroup("/api/v1/lounge-invites").WithTags("Lounges").RequireAuthorization(Roles.MembersPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        invites.MapPost("/preview", LoungeInvitesApi.PreviewAsync);
        invites.MapPost("/accept", LoungeInvitesApi.AcceptAsync);
        return app;
    }

    /// <summary>The room of the lounge with short id <paramref name="id"/>, or <c>null</c> when it cannot be one.</summary>
    internal static string? Room(string id) => ChatRules.IsRoomName($"lounge/{id}") ? $"lounge/{id}" : null;

    /// <summary>The caller's standing in the lounge when they may see it (<see cref="LoungeStanding.CanSee"/>), else <c>null</c>.</summary>
    internal static async Task<LoungeStanding?> VisibleAsync(string id, ClaimsPrincipal caller, LoungeRoles roles, CancellationToken cancellationToken) =>
        Room(id) is { } room && await roles.StandingAsync(room, Me(caller), cancellationToken) is { CanSee: true } standing ? standing : null;

    /// <summary>The caller's user id (the members policy guarantees an account).</summary>
    internal static Guid Me(ClaimsPrincipal caller) => caller.UserId()!.Value;

    /// <summary>404 <c>LOUNGE_NOT_FOUND</c>.</summary>
    internal static ProblemHttpResult NotFound() => ApiProblems.Problem(404, LoungeErrors.LoungeNotFound, "No such lounge.");

    /// <summary>403 <c>NOT_LOUNGE_MODERATOR</c>.</summary>
    internal static ProblemHttpResult NotModerator() => ApiProblems.Problem(403, LoungeErrors.NotLoungeModerator, "Only the lounge's owner and moderators may do this.");

    /// <summary>403 <c>NOT_LOUNGE_OWNER</c>.</summary>
    internal static ProblemHttpResult NotOwner() => ApiProblems.Problem(403, LoungeErrors.NotLoungeOwner, "Only the lounge's owner may do this.");

    /// <summary>Reads <c>limit</c> (1–100, default 20) and <c>offset</c> (≥ 0, default 0); a validation problem when out of range.</summary>
    internal static ValidationProblem? Paging(int? limit, int? offset, out PageRequest page)
    {
        page = new PageRequest(limit ?? 20, offset ?? 0);
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > MaxPage)
        {
            errors["limit"] = [$"1 to {MaxPage}."];
        }
        if (offset is < 0 or > 1_000_000)
        {
            errors["offset"] = ["0 to 1000000."];
        }
        return errors.Count == 0 ? null : ApiProblems.Validation(errors);
    }

    /// <summary>The default and largest page of <c>GET /lounges/{id}/messages</c>.</summary>
    internal static (int Default, int Max) HistoryPage => (DefaultHistoryPage, MaxPage);

    /// <summary>Tells the room grain a member row changed.</summary>
    internal static Task MemberChangedAsync(IGrainFactory grains, string room, Guid userId, string reason) =>
        grains.GetGrain<IChatRoomGrain>(room).MemberChanged(userId.ToString(), reason);
}
