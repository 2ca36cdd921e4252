using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Site.Gallery;

namespace OrleansRides.FrontendHost.Site;

/// <summary>A gallery write's multipart body as read: its fields and file, or the problem that answers it.</summary>
/// <param name="Fields">Title and description as sent (null when absent).</param>
/// <param name="File">The file's bytes, or null when none was sent.</param>
/// <param name="Problem">413, 415 or 400 when the body cannot be used; the other members are then meaningless.</param>
/// <param name="Errors">Field errors (400 <c>VALIDATION_FAILED</c>) such as a missing or second file.</param>
internal sealed record GalleryForm(GalleryFields Fields, byte[]? File, ProblemHttpResult? Problem, Dictionary<string, string[]>? Errors)
{
    private static readonly FormOptions Options = new()
    {
        MultipartBodyLengthLimit = GalleryLimits.MaxBodyBytes,
        ValueCountLimit = 16,
        ValueLengthLimit = 16 * 1024,
        MultipartHeadersLengthLimit = 16 * 1024,
    };

    /// <summary>Reads <paramref name="request"/>'s multipart body, raising this request's body limit to
    /// <see cref="GalleryLimits.MaxBodyBytes"/> (every other endpoint keeps Kestrel's 1 MB). The client's file name and
    /// declared content type are never read: only the bytes decide (<see cref="ImageInspector"/>).</summary>
    public static async Task<GalleryForm> ReadAsync(HttpRequest request, bool isCreate, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = GalleryLimits.MaxBodyBytes;
        }
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Failed(ApiProblems.Problem(415, GalleryErrors.MultipartRequired, "The body must be multipart/form-data with a file field."));
        }
        if (request.ContentLength > GalleryLimits.MaxBodyBytes)
        {
            return Failed(TooLarge());
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(Options, cancellationToken);
        }
        catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Failed(TooLarge());
        }
        catch (InvalidDataException invalid) when (invalid.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            return Failed(TooLarge());
        }
        catch (Exception malformed) when (malformed is InvalidDataException or BadHttpRequestException or IOException { InnerException: null })
        {
            return Failed(ApiProblems.Problem(400, GalleryErrors.MalformedMultipart, "The multipart body could not be read.", "Check the boundary and the parts' headers."));
        }

        var errors = new Dictionary<string, string[]>();
        string? Single(string name)
        {
            var values = form[name];
            if (values.Count > 1)
            {
                errors[name] = [$"Send '{name}' once."];
            }
            return values.Count == 0 ? null : values[0];
        }
        var fields = new GalleryFields(Single("title"), Single("description"), isCreate);
        if (form.Files.Count > 1)
        {
            errors["file"] = ["Send exactly one file."];
        }
        else if (form.Files.Count == 1 && form.Files[0].Name != "file")
        {
            errors["file"] = ["The file must be in the field named 'file'."];
        }
        else if (form.Files.Count == 0 && isCreate)
        {
            errors["file"] = ["A file is required."];
        }
        if (errors.Count > 0)
        {
            return new(fields, null, null, errors);
        }
        if (form.Files.Count == 0)
        {
            return new(fields, null, null, null);
        }
        var upload = form.Files[0];
        if (upload.Length > GalleryLimits.MaxFileBytes)
        {
            return Failed(TooLarge());
        }
        var bytes = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }
        return new(fields, bytes, null, null);
    }

    /// <summary>The 415 answering an inspection's <paramref name="rejection"/>.</summary>
    public static ProblemHttpResult Refused(ImageRejection rejection) => ApiProblems.Problem(415, GalleryErrors.UnsupportedMediaType, rejection switch
    {
        ImageRejection.NotAnAcceptedFormat => "The file is not a JPEG, PNG, GIF or WebP image (decided by its content, not its name or declared type).",
        ImageRejection.Truncated => "The image is cut off or its structure is malformed.",
        ImageRejection.Polyglot => "The image carries other content: bytes after its end, or HTML or script in its metadata.",
        ImageRejection.TooManyPixels => $"The image declares more than {ImageInspector.MaxPixels / 1_000_000} megapixels.",
        _ => "The image cannot be decoded.",
    }, $"reason: {rejection}");

    private static ProblemHttpResult TooLarge() =>
        ApiProblems.Problem(413, GalleryErrors.PayloadTooLarge, $"The file is larger than {GalleryLimits.MaxFileBytes / (1024 * 1024)} MB.");

    private static GalleryForm Failed(ProblemHttpResult problem) => new(new GalleryFields(null, null, false), null, problem, null);
}
