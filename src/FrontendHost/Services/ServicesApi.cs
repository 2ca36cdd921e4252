using System.Security.Claims;
using Dapper;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.FrontendHost.Studio;
using OrleansRides.GrainInterfaces.Studio;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Services;

/// <summary><c>POST /api/v1/services/song_request</c>. A caller that sends its token (a member's, or an anonymous live-chat
/// session's) hears the decision on that token's <c>/hubs/chat</c> connections; the requester is only ever the token's
/// subject, so nobody can aim a decision at someone else's connection. Without a token the request is anonymous.</summary>
/// <param name="Title">1 to 200 characters.</param>
/// <param name="Artist">At most 200 characters.</param>
/// <param name="RequesterName">1 to 40 characters.</param>
/// <param name="Message">At most 500 characters.</param>
public sealed record SongRequestInput(string? Title, string? Artist, string? RequesterName, string? Message);

/// <summary><c>POST /api/v1/services/prayer</c>.</summary>
/// <param name="Name">Who asks; optional (anonymous), at most 80 characters.</param>
/// <param name="Request">The prayer request, 1 to 2,000 characters.</param>
/// <param name="Contact">Email or phone, optional, at most 120 characters.</param>
public sealed record PrayerRequestInput(string? Name, string? Request, string? Contact);

/// <summary>The station's listener services: song requests (to the studio grain, so on-air DJs see them live) and prayer
/// requests (stored). Both rate limited per IP: <c>RateLimits:ServiceRequestsPerMinute</c>, default 5.</summary>
public static class ServicesApi
{
    private const string Policy = "service-requests";

    /// <summary>Registers validators, the rate limit and the studio relay.</summary>
    public static IHostApplicationBuilder AddListenerServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidator<SongRequestInput>, SongRequestValidator>();
        builder.Services.AddSingleton<IValidator<PrayerRequestInput>, PrayerRequestValidator>();
        builder.Services.AddSingleton<StudioEventRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StudioEventRelay>());
        builder.AddPerIpRateLimit(Policy, limits => limits.ServiceRequestsPerMinute);
        return builder;
    }

    /// <summary>Maps the endpoints and <c>/hubs/studio</c>.</summary>
    public static IEndpointRouteBuilder MapListenerServices(this IEndpointRouteBuilder app)
    {
        var services = app.MapGroup("/api/v1/services").WithTags("Services").RequireRateLimiting(Policy);
        services.MapPost("/song_request", RequestSongAsync);
        services.MapPost("/prayer", RequestPrayerAsync);
        app.MapSignedInHub<StudioHub>("/hubs/studio");
        return app;
    }

    private static async Task<Results<Created<DataEnvelope<SongRequest>>, ValidationProblem>> RequestSongAsync(
        SongRequestInput input, ClaimsPrincipal caller, IValidator<SongRequestInput> validator, IGrainFactory grains, TimeProvider clock)
    {
        var validation = await validator.ValidateAsync(input);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        // Only the token names the requester: a session id from the body could be anyone's.
        var session = caller.SubjectId();
        var request = new SongRequest(Guid.CreateVersion7(), input.Title!.Trim(), Blank(input.Artist), input.RequesterName!.Trim(),
            Blank(input.Message), session, SongRequestStatus.Pending, null, TruncateToMicroseconds(clock.GetUtcNow()), null);
        var accepted = await grains.GetGrain<IStudioGrain>(StudioTopics.Main).Submit(request);
        return TypedResults.Created($"/api/v1/services/song_request/{accepted.Id}", new DataEnvelope<SongRequest>(accepted));
    }

    private static async Task<Results<Created<DataEnvelope<object>>, ValidationProblem>> RequestPrayerAsync(
        PrayerRequestInput input, IValidator<PrayerRequestInput> validator, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO prayer_requests (id, name, request, contact) VALUES (@id, @name, @request, @contact)",
            new { id, name = Blank(input.Name), request = input.Request!.Trim(), contact = Blank(input.Contact) },
            cancellationToken: cancellationToken));
        return TypedResults.Created($"/api/v1/services/prayer/{id}", new DataEnvelope<object>(new { id }));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // PostgreSQL keeps microseconds; the queue's copy should equal what a reload reads.
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) => value.AddTicks(-(value.Ticks % 10));
}

/// <summary>Field rules for <see cref="SongRequestInput"/>.</summary>
public sealed class SongRequestValidator : AbstractValidator<SongRequestInput>
{
    /// <summary>Builds the rules.</summary>
    public SongRequestValidator()
    {
        RuleFor(r => r.Title).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("'Title' must not be empty.").SingleLineText(200);
        RuleFor(r => r.Artist).SingleLineText(200);
        RuleFor(r => r.RequesterName).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("'Requester Name' must not be empty.").SingleLineText(40);
        RuleFor(r => r.Message).MultiLineText(500);
    }
}

/// <summary>Field rules for <see cref="PrayerRequestInput"/>.</summary>
public sealed class PrayerRequestValidator : AbstractValidator<PrayerRequestInput>
{
    /// <summary>Builds the rules.</summary>
    public PrayerRequestValidator()
    {
        RuleFor(r => r.Name).SingleLineText(80);
        RuleFor(r => r.Request).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("'Request' must not be empty.").MultiLineText(2000);
        RuleFor(r => r.Contact).SingleLineText(120);
    }
}
