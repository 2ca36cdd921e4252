namespace OrleansRides.Site.Gallery;

/// <summary>The outcome of a gallery write: the stored row, or why not.</summary>
/// <param name="Row">The row as stored, or null.</param>
/// <param name="Rejection">Why the file was refused (415), or null.</param>
/// <param name="NotFound">Whether no item had the id (404).</param>
public sealed record GalleryWrite(GalleryRow? Row, ImageRejection? Rejection, bool NotFound);

/// <summary>Keeps rows and files consistent: an upload is inspected, its original and thumbnail written, then the row
/// inserted, and the files deleted again when the insert fails; a replacement writes the new files before the row points
/// at them and deletes the old ones after; a delete removes the row first and then the files (a crash in between leaves
/// unreferenced files, never a row without its file).</summary>
public sealed class GalleryUploads(GalleryRepository repository, GalleryStorage storage)
{
    /// <summary>Stores a new item from <paramref name="file"/> (the whole upload) and its validated fields.</summary>
    public async Task<GalleryWrite> CreateAsync(GalleryFields fields, byte[] file, Guid? uploadedBy, CancellationToken cancellationToken)
    {
        var inspection = ImageInspector.Inspect(file);
        if (inspection.Image is not { } image)
        {
            return new(null, inspection.Rejection, false);
        }
        var stored = await SaveAsync(image, file, cancellationToken);
        try
        {
            return new(await repository.InsertAsync(Guid.CreateVersion7(), fields, stored, uploadedBy, cancellationToken), null, false);
        }
        catch
        {
            DeleteFiles(stored.FileName, stored.ThumbnailName);
            throw;
        }
    }

    /// <summary>Changes an item's fields and, when <paramref name="file"/> is given, its image.</summary>
    public async Task<GalleryWrite> UpdateAsync(Guid id, GalleryFields fields, byte[]? file, CancellationToken cancellationToken)
    {
        StoredFile? stored = null;
        if (file is not null)
        {
            var inspection = ImageInspector.Inspect(file);
            if (inspection.Image is not { } image)
            {
                return new(null, inspection.Rejection, false);
            }
            stored = await SaveAsync(image, file, cancellationToken);
        }
        (GalleryRow Before, GalleryRow After)? result;
        try
        {
            result = await repository.UpdateAsync(id, fields, stored, cancellationToken);
        }
        catch
        {
            DeleteNew(stored);
            throw;
        }
        if (result is not { } rows)
        {
            DeleteNew(stored);
            return new(null, null, true);
        }
        if (stored is not null)
        {
            DeleteFiles(rows.Before.FileName, rows.Before.ThumbnailName);
        }
        return new(rows.After, null, false);
    }

    /// <summary>Deletes an item's row, then its files; false when no item had the id.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await repository.DeleteAsync(id, cancellationToken) is not { } row)
        {
            return false;
        }
        DeleteFiles(row.FileName, row.ThumbnailName);
        return true;
    }

    private async Task<StoredFile> SaveAsync(InspectedImage image, byte[] file, CancellationToken cancellationToken)
    {
        var (fileName, thumbnailName) = GalleryStorage.NewNames(image.Format);
        try
        {
            await storage.SaveAsync(fileName, file, cancellationToken);
            await storage.SaveAsync(thumbnailName, image.Thumbnail, cancellationToken);
        }
        catch
        {
            DeleteFiles(fileName, thumbnailName);
            throw;
        }
        return new StoredFile(image.Format, image.Width, image.Height, file.Length, fileName, thumbnailName);
    }

    private void DeleteNew(StoredFile? stored)
    {
        if (stored is not null)
        {
            DeleteFiles(stored.FileName, stored.ThumbnailName);
        }
    }

    private void DeleteFiles(string fileName, string thumbnailName)
    {
        storage.Delete(fileName);
        storage.Delete(thumbnailName);
    }
}
