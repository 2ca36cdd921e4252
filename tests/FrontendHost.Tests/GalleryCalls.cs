using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Multipart calls of the gallery endpoints, and a frontend whose uploads go to a directory of its own.</summary>
internal static class GalleryCalls
{
    public static (FrontendFactory Factory, string Uploads) Frontend()
    {
        var uploads = Path.Combine(Path.GetTempPath(), $"gallery-{Guid.NewGuid():N}");
        return (Accounts.Frontend().With("Site:UploadsPath", uploads), uploads);
    }

    public static MultipartFormDataContent Form(byte[]? file, string? title = "A photo", string? description = null,
        string fileName = "photo.jpg", string declaredType = "image/jpeg", string fileField = "file")
    {
        var form = new MultipartFormDataContent();
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
            form.Add(part, fileField, fileName);
        }
        if (title is not null)
        {
            form.Add(new StringContent(title), "title");
        }
        if (description is not null)
        {
            form.Add(new StringContent(description), "description");
        }
        return form;
    }

    /// <summary>Sends a request; <paramref name="expectContinue"/> makes the client wait for the server's go-ahead before
    /// the body (on Kestrel a refused oversize body is then never sent, instead of breaking the pipe).</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string path, string? token, HttpContent? content, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await client.SendAsync(request);
    }

    /// <summary>Uploads <paramref name="file"/> and returns the created item.</summary>
    public static async Task<JsonElement> UploadAsync(HttpClient client, string token, byte[] file, string title = "A photo")
    {
        var response = await SendAsync(client, HttpMethod.Post, "/api/v1/gallery", token, Form(file, title));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    /// <summary>"201" or "415 UNSUPPORTED_MEDIA_TYPE".</summary>
    public static async Task<string> OutcomeAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotModified)
        {
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            return $"{(int)response.StatusCode} {JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()}";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"{(int)response.StatusCode} (no problem document: {body})";
        }
    }
}
