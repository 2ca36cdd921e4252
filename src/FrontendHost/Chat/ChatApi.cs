using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog.Sessions;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Sessions;
using OrleansRides.GrainInterfaces.Text;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Chat;

/// <summary><c>POST /api/v1/livechat/session</c>.</summary>
/// <param name="DisplayName">1 to 40 characters once normalised; see <see cref="DisplayNames"/> (no control or invisible
/// characters, no staff-looking words).</param>
public sealed record ChatSessionRequest(string? DisplayName);

/// <summary>An anonymous live-chat session.</summary>
/// <param name="SessionId">Its id: the token's subject, <c>s-</c> and the 32 hex digits of its anonymous session's uuid (a row of
/// <c>anonymous_sessions</c>, a <c>SessionGrain</c>), by which song-request decisions reach it. Kept private: messages show
/// an opaque per-room <c>senderId</c> instead (<see cref="SenderIds"/>).</param>
/// <param name="DisplayName">The name shown in the room.</param>
/// <param name="Token">For <c>/hubs/chat?access_token=...</c>; role <c>listener</c>.</param>
/// <param name="ExpiresAt">UTC (12 hours after creation by default).</param>
public sealed record ChatSession(string SessionId, string DisplayName, string Token, DateTimeOffset ExpiresAt);

/// <summary><c>POST /api/v1/livechat/messages/{id}/moderate</c>.</summary>
/// <param name="Action"><c>hide</c>, <c>delete</c> or <c>flag</c>.</param>
/// <param name="Reason">For the log, at most 500 characters.</param>
/// <param name="Room">The message's room; default <c>radio/live</c>.</param>
public sealed record ModerateRequest(ModerationAction? Action, string? Reason, string? Room);

/// <summary><c>PUT /api/v1/rooms/{kind}/{name}/settings</c>; a field left out keeps its value.</summary>
/// <param name="SlowModeSeconds">0 (off) to 3,600.</param>
/// <param name="BannedTerms">The full new list (at most 200 terms of at most 50 characters).</param>
public sealed record RoomSettingsUpdate(int? SlowModeSeconds, string[]? BannedTerms);

/// <summary>The chat REST API (lounges are <c>Lounges/LoungesApi</c>): anonymous live-chat sessions (rate limited per IP), history pages,
/// moderation (admins and editors) and room settings (admins). Live traffic goes through <c>/hubs/chat</c>.</summary>
public static class ChatApi
{
    private const string SessionPolicy = "chat-session";
    private const int DefaultPageSize = 50, MaxPageSize = 100;

    /// <summary>Registers the relay, the repository and the session rate limit (<c>RateLimits:ChatSessionsPerMinute</c>,
    /// default 10 per IP).</summary>
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChatRepository>();
        builder.Services.AddSingleton<SenderIds>();
        builder.Services.AddSingleton<ChatEventRelay>();
        builder.Services.AddSingleton<IValidator<ChatSessionRequest>, ChatSessionValidator>();
        builder.Services.AddSingleton<IValidator<ModerateRequest>, ModerateValidator>();
        builder.Services.AddSingleton<IValidator<RoomSettingsUpdate>, RoomSettingsValidator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChatEventRelay>());
        builder.AddPerIpRateLimit(SessionPolicy, limits => limits.ChatSessionsPerMinute);
        return builder;
    }

    /// <summary>Maps the endpoints and <c>/hubs/chat</c>.</summary>
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/api/v1/livechat").WithTags("Live chat");
        live.MapPost("/session", CreateSessionAsync).RequireRateLimiting(SessionPolicy);
        live.MapGet("/messages", LiveHistoryAsync);
        live.MapPost("/messages/{id:guid}/moderate", ModerateAsync).RequireAuthorization(Roles.ModeratorsPolicy);
        live.MapGet("/moderation-log", ModerationLogAsync).RequireAuthorization(Roles.ModeratorsPolicy);

        var rooms = app.MapGroup("/api/v1/rooms/{kind}/{name}").WithTags("Rooms");
        rooms.MapGet("/settings", GetSettingsAsync).RequireAuthorization(Roles.ModeratorsPolicy);
        rooms.MapPut("/settings", UpdateSettingsAsync).RequireAuthorization(Roles.AdminsPolicy);

        app.MapSignedInHub<ChatHub>("/hubs/chat");
        return app;
    }

    private static Task<Results<Ok<PagedEnvelope<ChatMessage>>, ProblemHttpResult>> LiveHistoryAsync(
        string? room, long? before, int? limit, ChatRepository repository, SenderIds senderIds, CancellationToken cancellationToken)
    {
        room ??= "radio/live";
        return ChatRules.IsLounge(room)
            ? Task.FromResult<Results<Ok<PagedEnvelope<ChatMessage>>, ProblemHttpResult>>(
                ApiProblems.Problem(404, ChatErrorCodes.RoomNotFound, "The live chat has radio rooms only."))
            : HistoryAsync(room, before, limit, repository, senderIds, cancellationToken);
    }

    private static async Task<Results<Ok<PagedEnvelope<ChatMessage>>, ProblemHttpResult>> HistoryAsync(
        string room, long? before, int? limit, ChatRepository repository, SenderIds senderIds, CancellationToken cancellationToken)
    {
        if (!ChatRules.IsRoomName(room))
        {
            return ApiProblems.Problem(404, ChatErrorCodes.RoomNotFound, "No such room.");
        }
        if (limit is < 1 or > MaxPageSize || before is < 1)
        {
            return ApiProblems.Problem(400, ChatErrorCodes.InvalidRequest, $"limit must be 1 to {MaxPageSize}; before a positive seq.");
        }
        // No call to the room first: every acknowledged message is already stored (decision 54).
        var size = limit ?? DefaultPageSize;
        var page = senderIds.Public(await repository.HistoryAsync(room, before, size, cancellationToken));
        return TypedResults.Ok(new PagedEnvelope<ChatMessage>(page, new Pagination(size, page.Count == size ? page[^1].Seq : null)));
    }

    private static async Task<Results<Created<DataEnvelope<ChatSession>>, ValidationProblem>> CreateSessionAsync(
        ChatSessionRequest request, IValidator<ChatSessionRequest> validator, AccessTokens tokens, SessionRepository sessions,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var name = DisplayNames.Normalize(request.DisplayName!);
        // A listener is an anonymous session like any other (a row, a SessionGrain); its token's subject keeps the s-… shape.
        var session = await sessions.GetOrCreateAsync(fingerprint: null, cancellationToken);
        var sessionId = SessionKeys.ListenerSubject(session.Session.SessionId);
        var token = tokens.ForChatSession(sessionId, name);
        return TypedResults.Created("/hubs/chat", new DataEnvelope<ChatSession>(new(sessionId, name, token.Token, token.ExpiresAt)));
    }

    private static async Task<Results<Ok<DataEnvelope<object>>, ValidationProblem, ProblemHttpResult>> ModerateAsync(
        Guid id, ModerateRequest request, IValidator<ModerateRequest> validator, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var validation = await validator.ValidateAsync(request);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var room = request.Room ?? "radio/live";
        if (!ChatRules.IsRoomName(room))
        {
            return ApiProblems.Problem(404, ChatErrorCodes.RoomNotFound, "No such room.");
        }
        var action = request.Action!.Value;
        await grains.GetGrain<IChatRoomGrain>(room).Moderate(new ModerationRequest(id, action, request.Reason, caller.SubjectId()!));
        return TypedResults.Ok(new DataEnvelope<object>(new { messageId = id, room, action }));
    }

    private static async Task<Results<Ok<DataEnvelope<IReadOnlyList<ModerationLogEntry>>>, ProblemHttpResult>> ModerationLogAsync(
        string? room, int? limit, ChatRepository repository, CancellationToken cancellationToken)
    {
        room ??= "radio/live";
        if (!ChatRules.IsRoomName(room) || limit is < 1 or > MaxPageSize)
        {
            return ApiProblems.Problem(400, ChatErrorCodes.InvalidRequest, $"room must be a room name; limit 1 to {MaxPageSize}.");
        }
        return TypedResults.Ok(new DataEnvelope<IReadOnlyList<ModerationLogEntry>>(
            await repository.ModerationLogAsync(room, limit ?? DefaultPageSize, cancellationToken)));
    }

    private static async Task<Results<Ok<DataEnvelope<RoomSettings>>, ProblemHttpResult>> GetSettingsAsync(string kind, string name, IGrainFactory grains) =>
        ChatRules.IsRoomName($"{kind}/{name}")
            ? TypedResults.Ok(new DataEnvelope<RoomSettings>(await grains.GetGrain<IChatRoomGrain>($"{kind}/{name}").GetSettings()))
            : ApiProblems.Problem(404, ChatErrorCodes.RoomNotFound, "No such room.");

    private static async Task<Results<Ok<DataEnvelope<RoomSettings>>, ValidationProblem, ProblemHttpResult>> UpdateSettingsAsync(
        string kind, string name, RoomSettingsUpdate update, IValidator<RoomSettingsUpdate> validator, IGrainFactory grains)
    {
        var room = $"{kind}/{name}";
        if (!ChatRules.IsRoomName(room))
        {
            return ApiProblems.Problem(404, ChatErrorCodes.RoomNotFound, "No such room.");
        }
        var validation = await validator.ValidateAsync(update);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var grain = grains.GetGrain<IChatRoomGrain>(room);
        var current = await grain.GetSettings();
        var saved = await grain.UpdateSettings(new RoomSettings(update.SlowModeSeconds ?? current.SlowModeSeconds, update.BannedTerms ?? current.BannedTerms));
        return TypedResults.Ok(new DataEnvelope<RoomSettings>(saved));
    }
}
