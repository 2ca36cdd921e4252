using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansRides.Catalog;
using OrleansRides.Catalog.Subscriptions;
using OrleansRides.Catalog.Subscriptions.Mail;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary><c>/api/v1/subscribe</c>: email digests of upcoming rides. Subscribing mails a confirmation link (double
/// opt-in; limited per client IP and per address); the token it returns reads, changes and erases the subscription;
/// <c>/unsubscribe</c> is the RFC 8058 one-click target of the digests' <c>List-Unsubscribe</c> header. The digest job
/// (<see cref="DigestJob"/>) sends the digests. Decisions 80–84.</summary>
public static partial class SubscriptionsApi
{
    private const string SubscribePolicy = "subscribe";
    private const string NotFoundCode = ErrorCodes.SubscriptionNotFound;

    /// <summary>Registers the options, the repositories, the mail sender (SMTP when <c>Smtp:Host</c> is set, else .eml
    /// files), the digest job (<c>Jobs:subscription-digests:Interval</c>, default 15 min) and the per-IP limit
    /// (<c>RateLimits:SubscriptionsPerHour</c>, default 20).</summary>
    public static IHostApplicationBuilder AddSubscriptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SubscriptionOptions>().BindConfiguration(SubscriptionOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SubscriptionOptions>>(new RuleCheck<SubscriptionOptions>(o => o.Problem()));
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SmtpOptions>>(new RuleCheck<SmtpOptions>(o => o.Problem()));
        builder.Services.AddSingleton<IMailSender>(services => string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<SmtpOptions>>().Value.Host)
            ? ActivatorUtilities.CreateInstance<PickupDirectoryMailSender>(services)
            : ActivatorUtilities.CreateInstance<SmtpMailSender>(services));
        builder.Services.AddHostedService<MailDestinationLog>();
        builder.Services.AddSingleton<SubscriptionRepository>();
        builder.Services.AddSingleton<DigestRepository>();
        builder.Services.AddSingleton<SubscriptionLinks>();
        builder.Services.AddSingleton<ConfirmationMail>();
        builder.Services.AddSingleton<DigestMail>();
        builder.Services.AddSingleton<SubscriptionService>();
        builder.Services.AddSingleton<IValidator<SubscribeRequest>, SubscribeValidator>();
        builder.Services.AddSingleton<IValidator<UpdateSubscriptionRequest>, UpdateSubscriptionValidator>();
        builder.AddPerIpRateLimit(SubscribePolicy, limits => limits.SubscriptionsPerHour, TimeSpan.FromHours(1));
        builder.AddPeriodicJob<DigestJob>("subscription-digests", TimeSpan.FromMinutes(15));
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/subscribe").WithTags("Subscriptions");
        group.MapPost("/", SubscribeAsync).RequireRateLimiting(SubscribePolicy)
            .WithSummary("Ask for a digest; mails a confirmation link to the address")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{token}/confirm", ConfirmAsync)
            .WithSummary("Confirm with the token of the confirmation mail (not the one POST /subscribe returns)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{token}", GetAsync).WithSummary("Read a subscription by its manage token")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{token}", UpdateAsync).WithSummary("Change frequency and filters (absent fields stay)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{token}", DeleteAsync).WithSummary("Erase the subscription and everything about it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{token}/unsubscribe", UnsubscribeAsync)
            .WithSummary("RFC 8058 one-click unsubscribe: mail clients POST List-Unsubscribe=One-Click; any body is accepted")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<DataEnvelope<SubscriptionCreated>>, ValidationProblem, ProblemHttpResult>> SubscribeAsync(
        SubscribeRequest request, HttpContext http, IValidator<SubscribeRequest> validator, SubscriptionService subscriptions,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        if (await subscriptions.UnknownFilterIdsAsync(request.RegionIds, request.TagIds, cancellationToken) is { Count: > 0 } unknown)
        {
            return ApiProblems.Validation(unknown);
        }
        var outcome = await subscriptions.SubscribeAsync(
            EmailAddresses.Normalize(request.Email!), request.Frequency!.Value, request.RegionIds, request.TagIds, cancellationToken);
        return outcome switch
        {
            { Token: { } token } => TypedResults.Created($"/api/v1/subscribe/{token}",
                new DataEnvelope<SubscriptionCreated>(new SubscriptionCreated(token, SubscriptionStatus.Pending))),
            { RetryAfter: { } wait } => ApiProblems.TooManyRequests(http, wait, "This address has had its confirmation mails for today; try again later."),
            _ => ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.MailUnavailable, "The confirmation mail could not be sent; try again later."),
        };
    }

    private static async Task<Results<Ok<DataEnvelope<SubscriptionView>>, ProblemHttpResult>> ConfirmAsync(
        string token, SubscriptionRepository repository, TimeProvider time, IOptions<SubscriptionOptions> options, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Found(await repository.ConfirmAsync(token, now, now - options.Value.ConfirmationLifetime, cancellationToken));
    }

    private static async Task<Results<Ok<DataEnvelope<SubscriptionView>>, ProblemHttpResult>> GetAsync(
        string token, SubscriptionRepository repository, CancellationToken cancellationToken) =>
        Found(await repository.FindAsync(token, cancellationToken));

    private static async Task<Results<Ok<DataEnvelope<SubscriptionView>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string token, UpdateSubscriptionRequest request, IValidator<UpdateSubscriptionRequest> validator, SubscriptionService subscriptions,
        SubscriptionRepository repository, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        if (await subscriptions.UnknownFilterIdsAsync(request.RegionIds, request.TagIds, cancellationToken) is { Count: > 0 } unknown)
        {
            return ApiProblems.Validation(unknown);
        }
        if (await repository.UpdateAsync(token, request, time.GetUtcNow(), cancellationToken) is not { } updated)
        {
            return NotFound();
        }
        return TypedResults.Ok(new DataEnvelope<SubscriptionView>(updated));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string token, SubscriptionRepository repository, CancellationToken cancellationToken) =>
        await repository.DeleteAsync(token, cancellationToken) ? TypedResults.NoContent() : NotFound();

    private static async Task<Results<Ok<DataEnvelope<SubscriptionView>>, ProblemHttpResult>> UnsubscribeAsync(
        string token, SubscriptionRepository repository, TimeProvider time, CancellationToken cancellationToken) =>
        Found(await repository.UnsubscribeAsync(token, time.GetUtcNow(), cancellationToken));

    private static Results<Ok<DataEnvelope<SubscriptionView>>, ProblemHttpResult> Found(SubscriptionView? subscription) =>
        subscription is null ? NotFound() : TypedResults.Ok(new DataEnvelope<SubscriptionView>(subscription));

    private static ProblemHttpResult NotFound() => ApiProblems.Problem(StatusCodes.Status404NotFound, NotFoundCode, "No such subscription.");

    /// <summary>Options validation from a type's own <c>Problem()</c> rule, so that the start-up error says what is wrong.</summary>
    private sealed class RuleCheck<T>(Func<T, string?> problem) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problem(options) is { } message ? ValidateOptionsResult.Fail(message) : ValidateOptionsResult.Success;
    }

    /// <summary>Says at start-up where mail goes (<c>./run</c> prints it: the .eml directory when no SMTP host is set).</summary>
    private sealed partial class MailDestinationLog(IMailSender sender, ILogger<MailDestinationLog> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogDestination(sender.Destination);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "Mail (subscription confirmations and digests) goes to {Destination}")]
        private partial void LogDestination(string destination);
    }
}
