using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OrleansRides.Site.Tests;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.GalleryCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: every hostile gallery request gets a typed 4xx with a stable code, never a 500, and leaves no file
/// behind; the route's 5 MB body limit is its own (others keep 1 MB).</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteGalleryHostileInputTests(TestDatabase database)
    : FrontendTest(database, GalleryCalls.Frontend().Factory.With("RateLimits:UploadsPerHour", "1000"))
{
    private string Uploads => Factory.Services.GetRequiredService<OrleansRides.Site.Gallery.GalleryStorage>().Root;

    [Fact]
    public async Task Hostile_uploads_get_typed_errors_and_leave_no_file()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var jpeg = GalleryTestImages.Jpeg(64, 64);
        var gif = GalleryTestImages.Gif(64, 64);
        var png = GalleryTestImages.Png(64, 64);
        HttpContent Raw(string body, string? type)
        {
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = type is null ? null : MediaTypeHeaderValue.Parse(type);
            return content;
        }
        MultipartFormDataContent TwoFiles()
        {
            var form = Form(jpeg);
            form.Add(new ByteArrayContent(jpeg), "file", "second.jpg");
            return form;
        }
        MultipartFormDataContent TitleTwice()
        {
            var form = Form(jpeg);
            form.Add(new StringContent("Again"), "title");
            return form;
        }
        var cases = new (string Name, Func<HttpContent?> Body, string Expected)[]
        {
            ("JSON body", () => Raw("""{"title":"A photo"}""", "application/json"), "415 MULTIPART_REQUIRED"),
            ("no content type", () => Raw("title=x", null), "415 MULTIPART_REQUIRED"),
            ("url-encoded form", () => new FormUrlEncodedContent([new("title", "A photo")]), "415 MULTIPART_REQUIRED"),
            ("no body", () => null, "415 MULTIPART_REQUIRED"),
            ("multipart with a garbage body", () => Raw("--not-the-boundary\r\ngarbage", "multipart/form-data; boundary=xyz"), "400 MALFORMED_MULTIPART"),
            ("multipart without a boundary", () => Raw("anything", "multipart/form-data"), "400 MALFORMED_MULTIPART"),
            ("no file", () => Form(null), "400 VALIDATION_FAILED"),
            ("two files", TwoFiles, "400 VALIDATION_FAILED"),
            ("file in another field", () => Form(jpeg, fileField: "image"), "400 VALIDATION_FAILED"),
            ("title twice", TitleTwice, "400 VALIDATION_FAILED"),
            ("no title", () => Form(jpeg, title: null), "400 VALIDATION_FAILED"),
            ("one-letter title", () => Form(jpeg, title: "A"), "400 VALIDATION_FAILED"),
            ("256-letter title", () => Form(jpeg, title: new string('t', 256)), "400 VALIDATION_FAILED"),
            ("title with U+0000", () => Form(jpeg, title: "Bad\u0000title"), "400 VALIDATION_FAILED"),
            ("title with U+001B", () => Form(jpeg, title: "Bad\u001B[31mtitle"), "400 VALIDATION_FAILED"),
            ("title with U+202E", () => Form(jpeg, title: "Bad\u202Egpj.exe"), "400 VALIDATION_FAILED"),
            ("title with a line break", () => Form(jpeg, title: "Two\nlines"), "400 VALIDATION_FAILED"),
            ("1001-letter description", () => Form(jpeg, description: new string('d', 1001)), "400 VALIDATION_FAILED"),
            ("description with U+0000", () => Form(jpeg, description: "Bad\u0000"), "400 VALIDATION_FAILED"),
            ("description with U+001B", () => Form(jpeg, description: "Bad\u001B"), "400 VALIDATION_FAILED"),
            ("description with U+202E", () => Form(jpeg, description: "Bad\u202E"), "400 VALIDATION_FAILED"),
            ("SVG", () => Form(GalleryTestImages.Ascii("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), fileName: "x.svg", declaredType: "image/svg+xml"), "415 UNSUPPORTED_MEDIA_TYPE"),
            ("HTML named .jpg", () => Form(GalleryTestImages.Ascii("<html><script>alert(1)</script></html>")), "415 UNSUPPORTED_MEDIA_TYPE"),
            ("PNG header on an HTML body", () => Form(GalleryTestImages.Of(png[..8], GalleryTestImages.Ascii("<html><script>alert(1)</script></html>")), declaredType: "image/png"), "415 UNSUPPORTED_MEDIA_TYPE"),
            ("GIFAR", () => Form(GalleryTestImages.Of(gif, GalleryTestImages.Zip()), declaredType: "image/gif"), "415 UNSUPPORTED_MEDIA_TYPE"),
            ("GIF with script in a comment", () => Form(GalleryTestImages.GifWithComment(gif, "<script>alert(1)</script>")), "415 UNSUPPORTED_MEDIA_TYPE"),
            ("JPEG with HTML appended", () => Form(GalleryTestImages.Of(jpeg, GalleryTestImages.Ascii("<script>alert(1)</script>"))), "415 UNSUPPORTED_MEDIA_TYPE"),
            ("truncated PNG", () => Form(png[..(png.Length / 2)]), "415 UNSUPPORTED_MEDIA_TYPE"),
            ("empty file", () => Form([]), "415 UNSUPPORTED_MEDIA_TYPE"),
            ("decompression bomb", () => Form(GalleryTestImages.PngDeclaring(30000, 30000)), "415 UNSUPPORTED_MEDIA_TYPE"),
            ("6 MB file", () => Form(new byte[6 * 1024 * 1024]), "413 PAYLOAD_TOO_LARGE"),
        };
        var outcomes = new List<string>();
        foreach (var (name, body, _) in cases)
        {
            var response = await SendAsync(Client, HttpMethod.Post, "/api/v1/gallery", editor, body());
            outcomes.Add($"{name}: {await OutcomeAsync(response)}");
            if (!response.IsSuccessStatusCode)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(cases.Select(c => $"{c.Name}: {c.Expected}"), outcomes);
        Assert.Empty(Directory.GetFiles(Uploads));
    }

    [Fact]
    public async Task Unknown_ids_and_bad_list_queries_get_typed_errors()
    {
        var admin = await AdminTokenAsync(Client);
        var unknown = Guid.NewGuid();
        var calls = new (string Name, Func<Task<HttpResponseMessage>> Call, string Expected)[]
        {
            ("get unknown", () => Client.GetAsync($"/api/v1/gallery/{unknown}"), "404 GALLERY_ITEM_NOT_FOUND"),
            ("image unknown", () => Client.GetAsync($"/api/v1/gallery/{unknown}/image"), "404 GALLERY_ITEM_NOT_FOUND"),
            ("thumbnail unknown", () => Client.GetAsync($"/api/v1/gallery/{unknown}/thumbnail"), "404 GALLERY_ITEM_NOT_FOUND"),
            ("put unknown", () => SendAsync(Client, HttpMethod.Put, $"/api/v1/gallery/{unknown}", admin, Form(GalleryTestImages.Jpeg(20, 20))), "404 GALLERY_ITEM_NOT_FOUND"),
            ("delete unknown", () => SendAsync(Client, HttpMethod.Delete, $"/api/v1/gallery/{unknown}", admin, null), "404 GALLERY_ITEM_NOT_FOUND"),
            ("page 0", () => Client.GetAsync("/api/v1/gallery?page=0"), "400 VALIDATION_FAILED"),
            ("page -1", () => Client.GetAsync("/api/v1/gallery?page=-1"), "400 VALIDATION_FAILED"),
            ("limit 0", () => Client.GetAsync("/api/v1/gallery?limit=0"), "400 VALIDATION_FAILED"),
            ("limit 51", () => Client.GetAsync("/api/v1/gallery?limit=51"), "400 VALIDATION_FAILED"),
            ("page not a number", () => Client.GetAsync("/api/v1/gallery?page=abc"), "400 BAD_REQUEST"),
            ("page beyond int", () => Client.GetAsync("/api/v1/gallery?page=99999999999"), "400 BAD_REQUEST"),
            ("type svg", () => Client.GetAsync("/api/v1/gallery?type=svg"), "400 VALIDATION_FAILED"),
            ("from garbage", () => Client.GetAsync("/api/v1/gallery?from=yesterday"), "400 VALIDATION_FAILED"),
            ("to with a control character", () => Client.GetAsync("/api/v1/gallery?to=2026-01-01%00"), "400 VALIDATION_FAILED"),
            ("to out of range", () => Client.GetAsync("/api/v1/gallery?to=9999-12-31"), "200"),
            ("huge page", () => Client.GetAsync($"/api/v1/gallery?page={int.MaxValue}&limit=50"), "200"),
        };
        var outcomes = new List<string>();
        foreach (var (name, call, _) in calls)
        {
            outcomes.Add($"{name}: {await OutcomeAsync(await call())}");
        }

        Assert.Equal(calls.Select(c => $"{c.Name}: {c.Expected}"), outcomes);
    }

    [Fact]
    public async Task On_kestrel_the_gallery_takes_5_MB_and_other_endpoints_still_refuse_2_MB()
    {
        await using var factory = GalleryCalls.Frontend().Factory;
        factory.UseKestrel(0);
        factory.StartServer();
        var client = factory.CreateClient();
        var editor = await WithRoleAsync(client, "editor");
        using var noise = NetVips.Image.Gaussnoise(1100, 1100, mean: 128, sigma: 60).Cast(NetVips.Enums.BandFormat.Uchar);
        using var colour = noise.Bandjoin(noise.Rot90(), noise.FlipHor());
        var large = colour.PngsaveBuffer(compression: 0);
        Assert.InRange(large.Length, 2 * 1024 * 1024, 5 * 1024 * 1024);

        var accepted = await SendAsync(client, HttpMethod.Post, "/api/v1/gallery", editor, Form(large));
        var tooLarge = await SendAsync(client, HttpMethod.Post, "/api/v1/gallery", editor, Form(new byte[6 * 1024 * 1024]), expectContinue: true);
        var otherEndpoint = await SendAsync(client, HttpMethod.Post, "/api/v1/tags", editor,
            new StringContent($$"""{"name":"{{new string('x', 2 * 1024 * 1024)}}"}""", Encoding.UTF8, "application/json"), expectContinue: true);

        Assert.Equal("201", await OutcomeAsync(accepted));
        Assert.Equal("413 PAYLOAD_TOO_LARGE", await OutcomeAsync(tooLarge));
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Equal("413 PAYLOAD_TOO_LARGE", await OutcomeAsync(otherEndpoint));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, otherEndpoint.StatusCode);
    }
}
