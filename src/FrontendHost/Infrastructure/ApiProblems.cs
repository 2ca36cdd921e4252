using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using OrleansRides.GrainInterfaces.Errors;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>RFC 9457 problem details for every error: a stable <c>code</c> extension and the <c>requestId</c>, never a
/// stack trace or SQL text.</summary>
public static class ApiProblems
{
    /// <inheritdoc cref="ErrorCodes.MalformedJson"/>
    public const string MalformedJson = ErrorCodes.MalformedJson;

    /// <inheritdoc cref="ErrorCodes.ValidationFailed"/>
    public const string ValidationFailed = ErrorCodes.ValidationFailed;

    /// <summary>Registers problem details, the exception handler, and the default code per status.</summary>
    public static IHostApplicationBuilder AddApiProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("code", DefaultCode(context.ProblemDetails.Status ?? 500));
            context.ProblemDetails.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // Throw instead of answering a bare 400, so malformed bodies reach the handler and get a problem document.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>A 400 validation problem naming each field, code <see cref="ValidationFailed"/>.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.",
            extensions: new Dictionary<string, object?> { ["code"] = ValidationFailed });

    /// <summary>A 400 validation problem from a FluentValidation result, keyed by camelCase field path such as
    /// <c>waypoints[0].lat</c>.</summary>
    public static ValidationProblem Validation(FluentValidation.Results.ValidationResult result) =>
        Validation(result.Errors.GroupBy(e => CamelCasePath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));

    private static string CamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(segment => segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));

    /// <summary>A 429 <c>RATE_LIMITED</c> problem, with <c>Retry-After</c> set on <paramref name="http"/>'s response to
    /// <paramref name="wait"/> rounded up to whole seconds.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext http, TimeSpan wait, string title)
    {
        http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(429, ErrorCodes.RateLimited, title);
    }

    /// <summary>A problem with an explicit status and code.</summary>
    public static ProblemHttpResult Problem(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>The HTTP status for a grain's error code: the one <see cref="ErrorCatalog"/> gives it, or for a code the
    /// catalog does not know <see cref="ErrorCatalog.UnknownCodeStatus"/> (409).</summary>
    public static int StatusOf(string grainErrorCode) => ErrorCatalog.StatusOf(grainErrorCode);

    private static string DefaultCode(int status) => status switch
    {
        400 => ErrorCodes.BadRequest,
        401 => ErrorCodes.Unauthorized,
        403 => ErrorCodes.Forbidden,
        404 => ErrorCodes.NotFound,
        405 => ErrorCodes.MethodNotAllowed,
        409 => ErrorCodes.Conflict,
        413 => ErrorCodes.PayloadTooLarge,
        415 => ErrorCodes.UnsupportedMediaType,
        422 => ErrorCodes.ValidationFailed,
        429 => ErrorCodes.RateLimited,
        503 => ErrorCodes.ServiceUnavailable,
        _ => ErrorCodes.InternalError,
    };

    private sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, code, title, detail, errors) = exception switch
            {
                BadHttpRequestException { InnerException: JsonException json } =>
                    (400, MalformedJson, "The request body is not valid JSON for this endpoint.", "A value has the wrong type, or the JSON is cut off or malformed.",
                        json.Path is { } path ? new Dictionary<string, string[]> { [path.TrimStart('$', '.')] = ["Wrong type or malformed value."] } : null),
                BadHttpRequestException bad => (bad.StatusCode, DefaultCode(bad.StatusCode), "The request could not be read.", bad.Message, null),
                GrainException grain => (StatusOf(grain.Code), grain.Code, grain.Message, null, null),
                _ when PostgresErrors.IsDataError(exception) =>
                    (400, ErrorCodes.InvalidRequest, "The request contains a value that cannot be stored.", null, null),
                NpgsqlException or TimeoutException => (503, ErrorCodes.ServiceUnavailable, "The database is unavailable; try again shortly.", null, null),
                _ => (500, ErrorCodes.InternalError, "An unexpected error occurred.", null, null),
            };
            if (status >= 500)
            {
                logger.LogError(exception, "Request {Path} failed", context.Request.Path);
            }
            context.Response.StatusCode = status;
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
            problem.Extensions["code"] = code;
            if (errors is not null)
            {
                problem.Extensions["errors"] = errors;
            }
            return await problems.TryWriteAsync(new() { HttpContext = context, ProblemDetails = problem, Exception = exception });
        }
    }
}
