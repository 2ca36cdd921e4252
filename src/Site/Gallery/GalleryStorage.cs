using System.Text.RegularExpressions;

namespace OrleansRides.Site.Gallery;

/// <summary>Options of the gallery (section <c>Site</c>).</summary>
public sealed class GalleryOptions
{
    /// <summary><c>Site:UploadsPath</c>: the directory of originals and thumbnails, outside the web root. A relative path is
    /// resolved against the process's working directory, which <c>./run</c> sets to the repository root, so that it stores
    /// under the repository's <c>.data/uploads</c> (git-ignored) by default.</summary>
    public string UploadsPath { get; set; } = ".data/uploads";
}

/// <summary>The files of gallery items in one directory, under generated names only (<c>&lt;uuid&gt;.&lt;ext&gt;</c>,
/// <c>&lt;uuid&gt;.thumb.jpg</c>): a client's file name never reaches a path. Each file is written to a temporary name in the
/// same directory and then renamed, so that a reader never sees half a file.</summary>
public sealed partial class GalleryStorage
{
    private readonly string _directory;

    /// <summary>Storage in <paramref name="directory"/>, created when missing.</summary>
    public GalleryStorage(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    /// <summary>The absolute directory.</summary>
    public string Root => _directory;

    /// <summary>A new original's name for <paramref name="format"/> and its thumbnail's name.</summary>
    public static (string File, string Thumbnail) NewNames(ImageFormat format)
    {
        var stem = Guid.NewGuid().ToString("D");
        return ($"{stem}.{format.Extension()}", $"{stem}.thumb.jpg");
    }

    /// <summary>Writes <paramref name="bytes"/> under <paramref name="name"/> (temporary file, then an atomic rename).</summary>
    public async Task SaveAsync(string name, byte[] bytes, CancellationToken cancellationToken)
    {
        var target = PathOf(name);
        var temporary = Path.Combine(_directory, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, target, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Deletes the file named <paramref name="name"/> if it exists.</summary>
    public void Delete(string name) => File.Delete(PathOf(name));

    /// <summary>The absolute path of a stored file; throws for anything but a generated name.</summary>
    public string PathOf(string name) =>
        GeneratedName().IsMatch(name) ? Path.Combine(_directory, name) : throw new ArgumentException("Not a generated gallery file name.", nameof(name));

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\\.jpg|\\.png|\\.gif|\\.webp|\\.thumb\\.jpg)$")]
    private static partial Regex GeneratedName();
}
