using Npgsql;
using OrleansRides.Site.Gallery;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Site.Tests;

/// <summary>Issue 10: rows and files stay consistent, on real PostgreSQL and a directory of the test's own.</summary>
[Collection(SiteCollection.Name)]
public sealed class GalleryUploadsTests(TestDatabase database) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"gallery-site-{Guid.NewGuid():N}");

    private GalleryUploads Uploads() => new(new GalleryRepository(database.DataSource), new GalleryStorage(_directory));

    private string[] Files() => Directory.GetFiles(_directory).Select(f => Path.GetFileName(f)!).Order().ToArray();

    [Fact]
    public async Task An_upload_writes_two_generated_files_and_a_delete_removes_row_then_files()
    {
        var uploads = Uploads();

        var write = await uploads.CreateAsync(new GalleryFields("Concert", null, true), GalleryTestImages.Gif(50, 40), null, default);

        Assert.NotNull(write.Row);
        Assert.Equal([write.Row.FileName, write.Row.ThumbnailName], Files());
        Assert.Matches("^[0-9a-f-]{36}\\.gif$", write.Row.FileName);
        Assert.True(await uploads.DeleteAsync(write.Row.Item.Id, default));
        Assert.Empty(Files());
        Assert.Null(await new GalleryRepository(database.DataSource).FindAsync(write.Row.Item.Id, default));
        Assert.False(await uploads.DeleteAsync(write.Row.Item.Id, default));
    }

    [Fact]
    public async Task A_failed_insert_deletes_the_files_it_wrote()
    {
        // A title the validator would have refused reaches the NOT NULL column: the insert fails after both files exist.
        await Assert.ThrowsAsync<PostgresException>(() => Uploads().CreateAsync(new GalleryFields(null, null, true), GalleryTestImages.Jpeg(30, 30), null, default));

        Assert.Empty(Files());
    }

    [Fact]
    public async Task A_refused_file_or_an_unknown_id_leaves_no_file()
    {
        var uploads = Uploads();

        var refused = await uploads.CreateAsync(new GalleryFields("Bad", null, true), GalleryTestImages.Ascii("<html>"), null, default);
        var unknown = await uploads.UpdateAsync(Guid.NewGuid(), new GalleryFields(null, null, false), GalleryTestImages.Png(20, 20), default);

        Assert.Equal(ImageRejection.NotAnAcceptedFormat, refused.Rejection);
        Assert.True(unknown.NotFound);
        Assert.Empty(Files());
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("photo.jpg")]
    [InlineData("0b3c5f1e-0000-4000-8000-000000000000.jpg\0.php")]
    [InlineData("/tmp/0b3c5f1e-0000-4000-8000-000000000000.jpg")]
    [InlineData("0B3C5F1E-0000-4000-8000-000000000000.JPG")]
    public void Storage_paths_come_from_generated_names_only(string name)
    {
        Assert.Throws<ArgumentException>(() => new GalleryStorage(_directory).PathOf(name));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
