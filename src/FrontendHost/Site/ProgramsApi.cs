using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Text;
using OrleansRides.Site.Programs;

namespace OrleansRides.FrontendHost.Site;

/// <summary><c>/api/v1/programs</c>: the station's programmes and their weekly slots in its zone (<c>Site:TimeZone</c>), the
/// week's schedule and what is on air. Anyone reads (cached: <see cref="SiteCachePolicies.Schedule"/>, <c>/now</c>
/// <see cref="SiteCachePolicies.OnAir"/>); editors and admins create, change and delete, which evicts the schedule and the
/// homepage on every frontend.</summary>
public static class ProgramsApi
{
    /// <summary>Farthest week <c>weekOffset</c> reaches either way (a year).</summary>
    public const int MaxWeekOffset = 52;

    private static readonly ProgramValidator CreateRules = new(isCreate: true);
    private static readonly ProgramValidator UpdateRules = new(isCreate: false);

    /// <summary>Registers the repository and the station clock; the zone is checked against TZDB at start.</summary>
    public static IHostApplicationBuilder AddSitePrograms(this IHostApplicationBuilder builder)
    {
        // The create rules, which the handlers use too (TextHygieneTests finds every body\'s validator in DI).
        builder.Services.AddSingleton<FluentValidation.IValidator<ProgramRequest>>(CreateRules);
        builder.Services.AddOptions<StationTimeOptions>().BindConfiguration(StationTimeOptions.SectionName)
            .Validate(o => StationTimeOptions.IsKnownZone(o.TimeZone), "Site:TimeZone must be an IANA time zone id that TZDB knows, such as Asia/Jakarta.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new StationClock(
            DateTimeZoneProviders.Tzdb[sp.GetRequiredService<IOptions<StationTimeOptions>>().Value.TimeZone], sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ProgramRepository>();
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSiteProgramsApi(this IEndpointRouteBuilder app)
    {
        var programs = app.MapGroup("/api/v1/programs").WithTags("Programs");
        programs.MapGet("/", ListAsync).CacheOutput(SiteCachePolicies.Schedule);
        programs.MapGet("/schedule", ScheduleAsync).CacheOutput(SiteCachePolicies.Schedule);
        programs.MapGet("/now", OnAirAsync).CacheOutput(SiteCachePolicies.OnAir);
        programs.MapGet("/{id:guid}", GetAsync).CacheOutput(SiteCachePolicies.Schedule).ProducesProblem(StatusCodes.Status404NotFound);
        var staff = programs.MapGroup("").RequireAuthorization(Roles.EditorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPut("/{id:guid}", UpdateAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapDelete("/{id:guid}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<DataEnvelope<IReadOnlyList<RadioProgram>>>, ValidationProblem>> ListAsync(
        string? type, ProgramRepository repository, CancellationToken cancellationToken) =>
        TypeProblem(type) is { } problem
            ? problem
            : TypedResults.Ok(new DataEnvelope<IReadOnlyList<RadioProgram>>(await repository.ListAsync(type, cancellationToken)));

    private static async Task<Results<Ok<DataEnvelope<WeekSchedule>>, ValidationProblem>> ScheduleAsync(
        int? weekOffset, string? type, ProgramRepository repository, StationClock clock, CancellationToken cancellationToken)
    {
        if (weekOffset is < -MaxWeekOffset or > MaxWeekOffset)
        {
            return SiteWrites.Invalid("weekOffset", $"'weekOffset' must be {-MaxWeekOffset} to {MaxWeekOffset}.");
        }
        if (TypeProblem(type) is { } problem)
        {
            return problem;
        }
        var programs = await repository.ListAsync(type, cancellationToken);
        return TypedResults.Ok(new DataEnvelope<WeekSchedule>(clock.Schedule.Week(programs, clock.Now, weekOffset ?? 0)));
    }

    private static async Task<Ok<DataEnvelope<OnAir>>> OnAirAsync(ProgramRepository repository, StationClock clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(new DataEnvelope<OnAir>(clock.Schedule.OnAirAt(await repository.ListAsync(null, cancellationToken), clock.Now)));

    private static async Task<Results<Ok<DataEnvelope<RadioProgram>>, ProblemHttpResult>> GetAsync(
        Guid id, ProgramRepository repository, CancellationToken cancellationToken) =>
        await repository.FindAsync(id, cancellationToken) is { } program
            ? TypedResults.Ok(new DataEnvelope<RadioProgram>(program))
            : CatalogProblems.NotFound(ProgramsErrors.ProgramNotFound);

    private static async Task<Results<Created<DataEnvelope<RadioProgram>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ProgramRequest request, ProgramRepository repository, SiteCache cache, CancellationToken cancellationToken)
    {
        var validation = await CreateRules.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        return await StoredAsync(await repository.CreateAsync(request, cancellationToken), cache) switch
        {
            ({ } program, _, _) => TypedResults.Created($"/api/v1/programs/{program.Id}", new DataEnvelope<RadioProgram>(program)),
            (_, { } invalid, _) => invalid,
            (_, _, var problem) => problem!,
        };
    }

    private static async Task<Results<Ok<DataEnvelope<RadioProgram>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, ProgramRequest request, ProgramRepository repository, SiteCache cache, CancellationToken cancellationToken)
    {
        var validation = await UpdateRules.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        return await StoredAsync(await repository.UpdateAsync(id, request, cancellationToken), cache) switch
        {
            ({ } program, _, _) => TypedResults.Ok(new DataEnvelope<RadioProgram>(program)),
            (_, { } invalid, _) => invalid,
            (_, _, var problem) => problem!,
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, ProgramRepository repository, SiteCache cache, CancellationToken cancellationToken)
    {
        if (!await repository.DeleteAsync(id, cancellationToken))
        {
            return CatalogProblems.NotFound(ProgramsErrors.ProgramNotFound);
        }
        await cache.InvalidateAsync(SiteCacheTags.Schedule, SiteCacheTags.Homepage);
        return TypedResults.NoContent();
    }

    // The stored programme (after evicting what shows it), or the 400 or the 404/409 of the failure.
    private static async Task<(RadioProgram?, ValidationProblem?, ProblemHttpResult?)> StoredAsync(ProgramWriteResult result, SiteCache cache)
    {
        switch (result.Failure)
        {
            case ProgramWriteFailure.None:
                await cache.InvalidateAsync(SiteCacheTags.Schedule, SiteCacheTags.Homepage);
                return (result.Program, null, null);
            case ProgramWriteFailure.HostNotPenyiar:
                return (null, SiteWrites.Invalid("hostUserId", "'hostUserId' must be an account with role penyiar."), null);
            case ProgramWriteFailure.SlotOverlap:
                return (null, null, ApiProblems.Problem(409, ProgramsErrors.SlotOverlap, "A slot overlaps another slot.", result.Detail));
            case ProgramWriteFailure.SlugTaken:
                return (null, null, ApiProblems.Problem(409, ProgramsErrors.SlugTaken, "Another programme already has this slug."));
            default:
                return (null, null, CatalogProblems.NotFound(ProgramsErrors.ProgramNotFound));
        }
    }

    private static ValidationProblem? TypeProblem(string? type) =>
        type is not null && (type.Length > 50 || TextRules.Problem(type, multiLine: false) is not null)
            ? SiteWrites.Invalid("type", "'type' must be one line of at most 50 characters.")
            : null;
}
