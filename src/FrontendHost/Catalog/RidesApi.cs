using OrleansRides.GrainInterfaces.Errors;
using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog;
using OrleansRides.Catalog.Gpx;
using OrleansRides.Catalog.Jobs;
using OrleansRides.Catalog.Recurrence;
using OrleansRides.Catalog.Rides;
using OrleansRides.Catalog.Routes;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>Scheduled rides: <c>POST /api/v1/routes/{id}/instances</c>, <c>GET /api/v1/rides[/{id}]</c>,
/// <c>POST /api/v1/rides/{id}/cancel</c>, <c>GET /api/v1/rides/{id}/track.gpx</c> (contract §B, <c>docs/catalog.md</c>).
/// Route managers (creator, <c>X-Leader-Key</c> holder, editors and admins) schedule and cancel; reads are public.</summary>
public static class RidesApi
{
    /// <summary>Registers the repositories, validators, <see cref="ScheduleOptions"/> (section <c>Catalog</c>) and the
    /// recurrence expansion job (every <c>Jobs:recurrence-expansion:Interval</c>, default an hour).</summary>
    public static IHostApplicationBuilder AddScheduledRides(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScheduleOptions>().BindConfiguration("Catalog")
            .Validate(o => o.ScheduleHorizonDays is >= 1 and <= 366, "Catalog:ScheduleHorizonDays must be 1–366.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RideRepository>();
        builder.Services.AddSingleton<TrackRepository>();
        builder.Services.AddSingleton<LiveRides>();
        builder.Services.AddSingleton<IValidator<CreateInstancesRequest>, CreateInstancesValidator>();
        builder.Services.AddSingleton<IValidator<CancelRideRequest>, CancelRideValidator>();
        builder.AddPeriodicJob<RecurrenceExpansionJob>(RecurrenceExpansionJob.Name, TimeSpan.FromHours(1));
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRidesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/routes/{id:guid}/instances", CreateInstancesAsync).WithTags("Rides")
            .WithSummary("Schedules the route's rides on local dates (route managers); idempotent per date.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        var rides = app.MapGroup("/api/v1/rides").WithTags("Rides");
        rides.MapGet("/", ListAsync).WithSummary("Upcoming scheduled and live rides of approved routes, soonest first.");
        rides.MapGet("/{id:guid}", GetAsync).WithSummary("One ride, whatever its route's status.").ProducesProblem(404);
        rides.MapPost("/{id:guid}/cancel", CancelAsync).WithSummary("Cancels a ride (route managers); riders connected get rideCancelled.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        rides.MapGet("/{id:guid}/track.gpx", TrackAsync).WithSummary("The ride's recorded track as GPX 1.1.")
            .Produces(200, contentType: GpxWriter.ContentType).ProducesProblem(404);
        return app;
    }

    private static async Task<Results<Created<DataEnvelope<IReadOnlyList<RideView>>>, ValidationProblem, ProblemHttpResult>> CreateInstancesAsync(
        Guid id, CreateInstancesRequest request, IValidator<CreateInstancesRequest> validator, HttpContext http,
        RideRepository repository, LiveRides live, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var route = await repository.FindRouteAsync(id, cancellationToken);
        if (route is null)
        {
            return ApiProblems.Problem(404, ErrorCodes.RouteNotFound, "No such route.");
        }
        if (Refusal(http, route) is { } refused)
        {
            return refused;
        }
        if (route.Status == "archived")
        {
            return ApiProblems.Problem(409, ErrorCodes.RouteArchived, "The route is archived; it gets no new rides.");
        }
        if (route.TimeZone is null || RideTimes.Zone(route.TimeZone) is null)
        {
            return ApiProblems.Problem(409, ErrorCodes.RouteHasNoRegion, "The route has no region, so no time zone to schedule its rides in.");
        }
        var dates = request.Dates!.Select(d => LocalDates.Parse(d)!.Value).Distinct().ToList();
        var created = await repository.CreateAsync(route, dates, cancellationToken);
        var views = await live.ViewsAsync(await repository.OnDatesAsync(id, dates, cancellationToken), created);
        return TypedResults.Created((string?)null, new DataEnvelope<IReadOnlyList<RideView>>(views));
    }

    private static async Task<Results<Ok<OffsetPagedEnvelope<RideView>>, ValidationProblem>> ListAsync(
        string? regionId, string? tagIds, string? daysAhead, string? from, string? limit, string? offset,
        RideRepository repository, LiveRides live, TimeProvider time, CancellationToken cancellationToken)
    {
        var (query, page, errors) = RideListParameters.Parse(regionId, tagIds, daysAhead, from, limit, offset);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }
        var rows = await repository.ListAsync(query, page, time.GetUtcNow(), cancellationToken);
        var views = await live.ViewsAsync(rows.Items);
        return TypedResults.Ok(OffsetPagedEnvelope<RideView>.Of(new Page<RideView>(views, rows.Total), page));
    }

    private static async Task<Results<Ok<DataEnvelope<RideView>>, ProblemHttpResult>> GetAsync(
        Guid id, RideRepository repository, LiveRides live, CancellationToken cancellationToken) =>
        await repository.FindAsync(id, cancellationToken) is { } row
            ? TypedResults.Ok(new DataEnvelope<RideView>(await live.ViewAsync(row)))
            : RideNotFound();

    private static async Task<Results<Ok<DataEnvelope<RideView>>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        Guid id, CancelRideRequest request, IValidator<CancelRideRequest> validator, HttpContext http, RideRepository repository,
        LiveRides live, IGrainFactory grains, TimeProvider time, ILogger<CancelRideRequest> logger, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var route = await repository.FindRouteOfRideAsync(id, cancellationToken);
        if (route is null)
        {
            return RideNotFound();
        }
        if (Refusal(http, route) is { } refused)
        {
            return refused;
        }
        if (!await repository.CancelAsync(id, request.Reason!, time.GetUtcNow(), cancellationToken))
        {
            return ApiProblems.Problem(409, ErrorCodes.RideNotCancellable, "The ride is completed or cancelled already.");
        }
        var row = (await repository.FindAsync(id, cancellationToken))!;
        try
        {
            await grains.GetGrain<IRideGrain>(route.AccessCode).Cancel(new RideCancellation(id, request.Reason!, row.TrackId));
        }
        catch (GrainException ex)
        {
            // The cancellation is stored; riders who miss the push see it on their next read.
            logger.LogWarning("Ride {Ride} was cancelled but its riders could not be told: {Error}", id, ex.Message);
        }
        return TypedResults.Ok(new DataEnvelope<RideView>(await live.ViewAsync(row)));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TrackAsync(
        Guid id, RideRepository repository, TrackRepository tracks, CancellationToken cancellationToken)
    {
        if (await repository.FindAsync(id, cancellationToken) is not { } ride)
        {
            return RideNotFound();
        }
        if (await tracks.PointsOfRideAsync(id, cancellationToken) is not { } points)
        {
            return ApiProblems.Problem(404, ErrorCodes.TrackNotFound, "The ride has no recorded track yet.");
        }
        var view = ride.ToView(null);
        return TypedResults.File(GpxWriter.Write($"{view.Route.Name} {view.LocalDate}", points), GpxWriter.ContentType, $"ride-{view.LocalDate}.gpx");
    }

    /// <summary>401 for a caller with neither an account nor a leader key, 403 <c>NOT_ROUTE_MANAGER</c> for one who does
    /// not manage the route, else null.</summary>
    private static ProblemHttpResult? Refusal(HttpContext http, ScheduleRoute route)
    {
        var userId = http.User.UserId();
        var leaderKey = http.Request.Headers[RouteManagers.LeaderKeyHeader].FirstOrDefault();
        if (userId is null && string.IsNullOrEmpty(leaderKey))
        {
            return ApiProblems.Problem(401, ErrorCodes.Unauthorized, $"Sign in, or send the route's leader key in {RouteManagers.LeaderKeyHeader}.");
        }
        return RouteManagers.Allows(route.CreatorId, route.LeaderKeyHash, userId, http.User.RoleName(), leaderKey)
            ? null
            : ApiProblems.Problem(403, ErrorCodes.NotRouteManager, "Only the route's creator, its leader-key holder or an editor may do this.");
    }

    private static ProblemHttpResult RideNotFound() => ApiProblems.Problem(404, ErrorCodes.RideNotFound, "No such ride.");
}
