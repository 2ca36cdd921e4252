using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansRides.Site.Tests;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.GalleryCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: uploads are stored under generated names and served with their stored type and safe headers; the
/// bytes decide the type; lists page and filter; uploads are limited per account.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteGalleryApiTests(TestDatabase database) : FrontendTest(database, GalleryCalls.Frontend().Factory)
{
    private string Uploads => Factory.Services.GetRequiredService<OrleansRides.Site.Gallery.GalleryStorage>().Root;

    [Fact]
    public async Task An_upload_is_stored_under_a_generated_name_and_served_with_its_type_and_safe_headers()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var png = GalleryTestImages.Png(400, 200);

        var response = await SendAsync(Client, HttpMethod.Post, "/api/v1/gallery", editor,
            Form(png, "Studio", "The studio\nat night", fileName: "../../../src/FrontendHost/wwwroot/evil.html", declaredType: "text/html"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var id = item.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/gallery/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("image/png", 400, 200, png.Length), (item.GetProperty("mediaType").GetString(), item.GetProperty("width").GetInt32(),
            item.GetProperty("height").GetInt32(), item.GetProperty("byteSize").GetInt32()));
        Assert.Equal($"/api/v1/gallery/{id}/image", item.GetProperty("imageUrl").GetString());
        Assert.Equal($"/api/v1/gallery/{id}/thumbnail", item.GetProperty("thumbnailUrl").GetString());
        var stored = Directory.GetFiles(Uploads).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(2, stored.Length);
        Assert.All(stored, name => Assert.Matches("^[0-9a-f-]{36}(\\.png|\\.thumb\\.jpg)$", name));
        Assert.False(File.Exists(Path.Combine(Uploads, "../../../src/FrontendHost/wwwroot/evil.html")));

        var image = await Client.GetAsync(item.GetProperty("imageUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("inline", image.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("public, max-age=300", image.Headers.CacheControl?.ToString());
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
        using var conditional = new HttpRequestMessage(HttpMethod.Get, item.GetProperty("imageUrl").GetString());
        conditional.Headers.IfNoneMatch.Add(image.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(conditional)).StatusCode);

        var thumbnail = await Client.GetAsync(item.GetProperty("thumbnailUrl").GetString());
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", thumbnail.Headers.GetValues("X-Content-Type-Options").Single());
        using var decoded = NetVips.Image.NewFromBuffer(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal((320, 160), (decoded.Width, decoded.Height));

        var read = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/gallery/{id}");
        Assert.Equal("The studio\nat night", read.GetProperty("data").GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_bytes_decide_the_type_not_the_declared_one()
    {
        var editor = await WithRoleAsync(Client, "editor");

        var response = await SendAsync(Client, HttpMethod.Post, "/api/v1/gallery", editor,
            Form(GalleryTestImages.Jpeg(50, 50), fileName: "photo.png", declaredType: "image/png"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("image/jpeg", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("mediaType").GetString());
    }

    [Fact]
    public async Task Replacing_the_image_swaps_the_files_and_deleting_removes_row_and_files()
    {
        var admin = await AdminTokenAsync(Client);
        var item = await UploadAsync(Client, admin, GalleryTestImages.Jpeg(80, 60));
        var id = item.GetProperty("id").GetGuid();
        var before = Directory.GetFiles(Uploads).Order().ToArray();
        var etag = (await Client.GetAsync($"/api/v1/gallery/{id}/image")).Headers.ETag;

        var replaced = await SendAsync(Client, HttpMethod.Put, $"/api/v1/gallery/{id}", admin, Form(GalleryTestImages.Webp(90, 30), title: null, description: ""));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var data = (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal(("A photo", "image/webp", 90, 30), (data.GetProperty("title").GetString(), data.GetProperty("mediaType").GetString(),
            data.GetProperty("width").GetInt32(), data.GetProperty("height").GetInt32()));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("description").ValueKind);
        var after = Directory.GetFiles(Uploads).Order().ToArray();
        Assert.Equal(2, after.Length);
        Assert.Empty(after.Intersect(before));
        var served = await Client.GetAsync($"/api/v1/gallery/{id}/image");
        Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(etag, served.Headers.ETag);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(Client, HttpMethod.Delete, $"/api/v1/gallery/{id}", admin, null)).StatusCode);
        Assert.Empty(Directory.GetFiles(Uploads));
        Assert.Equal("404 GALLERY_ITEM_NOT_FOUND", await OutcomeAsync(await Client.GetAsync($"/api/v1/gallery/{id}")));
        Assert.Equal("404 GALLERY_ITEM_NOT_FOUND", await OutcomeAsync(await Client.GetAsync($"/api/v1/gallery/{id}/image")));
    }

    [Fact]
    public async Task Lists_page_newest_first_and_filter_by_type_and_upload_time()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var first = await UploadAsync(Client, editor, GalleryTestImages.Png(30, 30), "First");
        await UploadAsync(Client, editor, GalleryTestImages.Jpeg(30, 30), "Second");
        var third = await UploadAsync(Client, editor, GalleryTestImages.Gif(30, 30), "Third");
        // The window is the three uploads' own times (from inclusive, to exclusive): the suite's other uploads, one moment
        // earlier, stay outside it.
        var from = first.GetProperty("createdAt").GetDateTimeOffset().ToString("O");
        var to = third.GetProperty("createdAt").GetDateTimeOffset().AddMilliseconds(1).ToString("O");
        async Task<JsonElement> List(string query) => await Client.GetFromJsonAsync<JsonElement>($"/api/v1/gallery?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&{query}");
        string Titles(JsonElement page) => string.Join(',', page.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        string Pagination(JsonElement page) => page.GetProperty("pagination").GetRawText();

        var page1 = await List("limit=2");
        var page2 = await List("limit=2&page=2");
        var page3 = await List("limit=2&page=3");

        Assert.Equal("Third,Second", Titles(page1));
        Assert.Equal("""{"page":1,"limit":2,"total":3,"totalPages":2,"hasNext":true,"hasPrev":false}""", Pagination(page1));
        Assert.Equal("First", Titles(page2));
        Assert.Equal("""{"page":2,"limit":2,"total":3,"totalPages":2,"hasNext":false,"hasPrev":true}""", Pagination(page2));
        Assert.Equal("", Titles(page3));
        Assert.Equal("""{"page":3,"limit":2,"total":3,"totalPages":2,"hasNext":false,"hasPrev":true}""", Pagination(page3));
        Assert.Equal("Third", Titles(await List("type=gif")));
        Assert.Equal("Second", Titles(await List("type=jpeg")));
        Assert.Equal(10, (await List("")).GetProperty("pagination").GetProperty("limit").GetInt32());
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var byDay = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/gallery?from={today}&to={today}&limit=50");
        Assert.Contains(byDay.GetProperty("data").EnumerateArray(), i => i.GetProperty("id").GetGuid() == first.GetProperty("id").GetGuid());
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Equal(0, (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/gallery?from={tomorrow}")).GetProperty("pagination").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Uploads_are_limited_per_account_with_retry_after()
    {
        await using var factory = GalleryCalls.Frontend().Factory.With("RateLimits:UploadsPerHour", "2");
        var client = factory.CreateClient();
        var editor = await WithRoleAsync(client, "editor");
        var other = await WithRoleAsync(client, "editor");
        var image = GalleryTestImages.Jpeg(20, 20);
        var outcomes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await OutcomeAsync(await SendAsync(client, HttpMethod.Post, "/api/v1/gallery", editor, Form(image))));
        }
        var limited = await SendAsync(client, HttpMethod.Post, "/api/v1/gallery", editor, Form(image));
        outcomes.Add(await OutcomeAsync(limited));
        outcomes.Add(await OutcomeAsync(await SendAsync(client, HttpMethod.Post, "/api/v1/gallery", other, Form(image))));

        Assert.Equal(["201", "201", "429 RATE_LIMITED", "429 RATE_LIMITED", "201"], outcomes);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
    }
}
