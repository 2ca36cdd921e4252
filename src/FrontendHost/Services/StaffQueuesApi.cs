using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.FrontendHost.Site;
using OrleansRides.GrainInterfaces.Studio;
using OrleansRides.Site.StaffQueues;

namespace OrleansRides.FrontendHost.Services;

/// <summary>The listener services' queues for station staff (<see cref="Roles.StationStaffPolicy"/>: admins, editors and
/// DJs): <c>GET /api/v1/services/prayer</c> and <c>GET /api/v1/services/song_requests?status=</c>, paged, newest first.
/// Apart from <see cref="ServicesApi"/>'s group so that reading them is not held to its per-address submission limit.</summary>
public static class StaffQueuesApi
{
    /// <summary>The <c>status</c> values of the song-request filter (<see cref="SongRequestStatus"/> in camelCase).</summary>
    private static readonly Dictionary<string, SongRequestStatus> Statuses = Enum.GetValues<SongRequestStatus>()
        .ToDictionary(s => s.ToString().ToLowerInvariant());

    /// <summary>Registers the repository.</summary>
    public static IHostApplicationBuilder AddStaffQueues(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StaffQueueRepository>();
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapStaffQueuesApi(this IEndpointRouteBuilder app)
    {
        var queues = app.MapGroup("/api/v1/services").WithTags("Services").RequireAuthorization(Roles.StationStaffPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        queues.MapGet("/prayer", ListPrayerRequestsAsync);
        queues.MapGet("/song_requests", ListSongRequestsAsync);
        return app;
    }

    private static async Task<Results<Ok<NumberedPageEnvelope<PrayerRequestEntry>>, ValidationProblem>> ListPrayerRequestsAsync(
        int? page, int? limit, StaffQueueRepository repository, CancellationToken cancellationToken) =>
        ListPaging.Read(page, limit, out var query) is { } problem
            ? problem
            : TypedResults.Ok(NumberedPageEnvelope<PrayerRequestEntry>.Of(await repository.ListPrayerRequestsAsync(query, cancellationToken)));

    // status: only requests of this status (pending, approved or rejected); anything else is 400 naming the field.
    private static async Task<Results<Ok<NumberedPageEnvelope<SongRequestEntry>>, ValidationProblem>> ListSongRequestsAsync(
        int? page, int? limit, string? status, StaffQueueRepository repository, CancellationToken cancellationToken)
    {
        if (ListPaging.Read(page, limit, out var query) is { } problem)
        {
            return problem;
        }
        SongRequestStatus? filter = null;
        if (status is not null)
        {
            if (!Statuses.TryGetValue(status, out var known))
            {
                return ApiProblems.Validation(new Dictionary<string, string[]> { ["status"] = ["Use pending, approved or rejected."] });
            }
            filter = known;
        }
        return TypedResults.Ok(NumberedPageEnvelope<SongRequestEntry>.Of(await repository.ListSongRequestsAsync(filter, query, cancellationToken)));
    }
}
