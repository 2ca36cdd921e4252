using System.Security.Claims;
using System.Threading.RateLimiting;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Site;
using OrleansRides.Site.Gallery;

namespace OrleansRides.FrontendHost.Site;

/// <summary><c>/api/v1/gallery</c>: anyone lists, reads and downloads; editors and admins upload (multipart, ≤ 5 MB,
/// <c>RateLimits:UploadsPerHour</c> per account, default 10) and change items; admins delete.</summary>
public static class GalleryApi
{
    /// <summary>The rate-limit policy of uploads, partitioned by the token's subject.</summary>
    public const string UploadsPolicy = "gallery-uploads";

    /// <summary>Registers options (<c>Site:UploadsPath</c>), storage, repository, validators and the uploads limit.</summary>
    public static IHostApplicationBuilder AddGallery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GalleryOptions>().BindConfiguration("Site")
            .Validate(o => !string.IsNullOrWhiteSpace(o.UploadsPath), "Site:UploadsPath must name a directory.").ValidateOnStart();
        builder.Services.AddSingleton(services => new GalleryStorage(services.GetRequiredService<IOptions<GalleryOptions>>().Value.UploadsPath));
        builder.Services.AddSingleton<GalleryRepository>();
        builder.Services.AddSingleton<GalleryUploads>();
        builder.Services.AddSingleton<IValidator<GalleryFields>, GalleryFieldsValidator>();
        builder.Services.AddSingleton<IValidator<GalleryListRequest>, GalleryListValidator>();
        builder.Services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.SectionName);
        builder.Services.AddRateLimiter(options => options.AddPolicy(UploadsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.User.SubjectId() is { } subject ? $"user:{subject}" : ClientAddresses.Key(context.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue.UploadsPerHour,
                Window = TimeSpan.FromHours(1),
            })));
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapGalleryApi(this IEndpointRouteBuilder app)
    {
        var gallery = app.MapGroup("/api/v1/gallery").WithTags("Gallery");
        gallery.MapGet("/", ListAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        gallery.MapGet("/{id:guid}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        gallery.MapGet("/{id:guid}/image", (Guid id, HttpContext http, GalleryRepository repository, GalleryStorage storage, CancellationToken ct) =>
                ServeAsync(id, thumbnail: false, http, repository, storage, ct))
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg", additionalContentTypes: ["image/png", "image/gif", "image/webp"])
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound);
        gallery.MapGet("/{id:guid}/thumbnail", (Guid id, HttpContext http, GalleryRepository repository, GalleryStorage storage, CancellationToken ct) =>
                ServeAsync(id, thumbnail: true, http, repository, storage, ct))
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg").Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var staff = gallery.MapGroup("").DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/", CreateAsync).RequireAuthorization(Roles.EditorsPolicy).RequireRateLimiting(UploadsPolicy)
            .Uploads(isCreate: true).ProducesProblem(StatusCodes.Status429TooManyRequests);
        staff.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Roles.EditorsPolicy)
            .Uploads(isCreate: false).ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Roles.AdminsPolicy).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    // The multipart body is described by an operation transformer, not by Accepts(): an endpoint with accepts metadata is
    // matched on the request's content type during routing, so a wrong content type would get 415 before authorization
    // answers 401 or 403. GalleryForm checks the content type itself, after the caller is known.
    private static RouteHandlerBuilder Uploads(this RouteHandlerBuilder builder, bool isCreate) => builder
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = isCreate,
                Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = MultipartSchema(isCreate) } },
            };
            return Task.CompletedTask;
        });

    private static OpenApiSchema MultipartSchema(bool isCreate) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["file"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "binary",
                Description = $"A JPEG, PNG, GIF or WebP image of at most {GalleryLimits.MaxFileBytes} bytes, decided by its content.",
            },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 2, MaxLength = 255 },
            ["description"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1000 },
        },
        Required = isCreate ? new HashSet<string> { "file", "title" } : new HashSet<string>(),
    };

    private static async Task<Results<Ok<NumberedPageEnvelope<GalleryItem>>, ValidationProblem>> ListAsync(
        int? page, int? limit, string? type, string? from, string? to, IValidator<GalleryListRequest> validator, GalleryRepository repository,
        CancellationToken cancellationToken)
    {
        var request = new GalleryListRequest(page, limit, type, from, to);
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var list = await repository.ListAsync(
            new PageQuery(page ?? 1, limit ?? PageQuery.DefaultLimit), ImageFormats.FromTypeName(type)?.MediaType(),
            from is null ? null : GalleryListValidator.ParseBound(from, isEnd: false), to is null ? null : GalleryListValidator.ParseBound(to, isEnd: true),
            cancellationToken);
        return TypedResults.Ok(NumberedPageEnvelope<GalleryItem>.Of(list));
    }

    private static async Task<Results<Ok<DataEnvelope<GalleryItem>>, ProblemHttpResult>> GetAsync(
        Guid id, GalleryRepository repository, CancellationToken cancellationToken) =>
        await repository.FindAsync(id, cancellationToken) is { } row ? TypedResults.Ok(new DataEnvelope<GalleryItem>(row.Item)) : NotFound();

    private static async Task<Results<Created<DataEnvelope<GalleryItem>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, IValidator<GalleryFields> validator, GalleryUploads uploads, CancellationToken cancellationToken)
    {
        var form = await GalleryForm.ReadAsync(request, isCreate: true, cancellationToken);
        if (form.Problem is { } problem)
        {
            return problem;
        }
        if (await InvalidAsync(form, validator, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        var write = await uploads.CreateAsync(form.Fields, form.File!, user.UserId(), cancellationToken);
        return write.Row is { } row
            ? TypedResults.Created($"/api/v1/gallery/{row.Item.Id}", new DataEnvelope<GalleryItem>(row.Item))
            : GalleryForm.Refused(write.Rejection!.Value);
    }

    private static async Task<Results<Ok<DataEnvelope<GalleryItem>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, HttpRequest request, IValidator<GalleryFields> validator, GalleryUploads uploads, CancellationToken cancellationToken)
    {
        var form = await GalleryForm.ReadAsync(request, isCreate: false, cancellationToken);
        if (form.Problem is { } problem)
        {
            return problem;
        }
        if (await InvalidAsync(form, validator, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        var write = await uploads.UpdateAsync(id, form.Fields, form.File, cancellationToken);
        return write switch
        {
            { Row: { } row } => TypedResults.Ok(new DataEnvelope<GalleryItem>(row.Item)),
            { NotFound: true } => NotFound(),
            _ => GalleryForm.Refused(write.Rejection!.Value),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, GalleryUploads uploads, CancellationToken cancellationToken) =>
        await uploads.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : NotFound();

    /// <summary>The stored file with its stored type, <c>nosniff</c>, <c>inline</c>, and an ETag of the generated file
    /// name, which changes when the image is replaced (decision 96: five minutes of caching, then revalidation).</summary>
    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> ServeAsync(
        Guid id, bool thumbnail, HttpContext http, GalleryRepository repository, GalleryStorage storage, CancellationToken cancellationToken)
    {
        if (await repository.FindAsync(id, cancellationToken) is not { } row)
        {
            return NotFound();
        }
        var name = thumbnail ? row.ThumbnailName : row.FileName;
        var path = storage.PathOf(name);
        if (!File.Exists(path))
        {
            return NotFound();
        }
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = $"inline; filename=\"{name}\"";
        headers.CacheControl = "public, max-age=300";
        return TypedResults.PhysicalFile(path, thumbnail ? "image/jpeg" : row.Item.MediaType,
            lastModified: row.Item.UpdatedAt, entityTag: new EntityTagHeaderValue($"\"{name}\""));
    }

    private static async Task<ValidationProblem?> InvalidAsync(GalleryForm form, IValidator<GalleryFields> validator, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(form.Fields, cancellationToken);
        if (form.Errors is null && validation.IsValid)
        {
            return null;
        }
        var errors = form.Errors ?? [];
        foreach (var group in validation.Errors.GroupBy(e => e.PropertyName.ToLowerInvariant()))
        {
            errors[group.Key] = [.. group.Select(e => e.ErrorMessage)];
        }
        return ApiProblems.Validation(errors);
    }

    private static ProblemHttpResult NotFound() => ApiProblems.Problem(404, GalleryErrors.NotFound, "No gallery item has this id.");
}
