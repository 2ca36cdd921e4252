using Dapper;
using Npgsql;

namespace OrleansRides.Site.Gallery;

/// <summary>Rows of <c>gallery_items</c> (<c>sql/013_site.sql</c>). Takes validated values; the files are
/// <see cref="GalleryUploads"/>' business.</summary>
public sealed class GalleryRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id AS Id, title AS Title, description AS Description, media_type AS MediaType, width AS Width, height AS Height,
        byte_size AS ByteSize, file_name AS FileName, thumbnail_name AS ThumbnailName, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    /// <summary>One page of items, newest first (ties by id), of <paramref name="mediaType"/> when given, uploaded in
    /// [<paramref name="from"/>, <paramref name="to"/>) when given (UTC).</summary>
    public async Task<PagedList<GalleryItem>> ListAsync(
        PageQuery page, string? mediaType, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        const string Filter = """
            WHERE (@mediaType::text IS NULL OR media_type = @mediaType)
              AND (@from::timestamptz IS NULL OR created_at >= @from)
              AND (@to::timestamptz IS NULL OR created_at < @to)
            """;
        var parameters = new { mediaType, from, to, limit = page.Limit, offset = page.Offset };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM gallery_items {Filter}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM gallery_items {Filter} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return new PagedList<GalleryItem>(rows.Select(r => r.ToRow().Item).ToList(), NumberedPagination.Of(page, total));
    }

    /// <summary>The row with this id, or null.</summary>
    public async Task<GalleryRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM gallery_items WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRow();
    }

    /// <summary>Stores a new row.</summary>
    public async Task<GalleryRow> InsertAsync(
        Guid id, GalleryFields fields, StoredFile file, Guid? uploadedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"""
            INSERT INTO gallery_items (id, title, description, media_type, file_name, thumbnail_name, width, height, byte_size, uploaded_by)
            VALUES (@id, @title, @description, @mediaType, @fileName, @thumbnailName, @width, @height, @byteSize, @uploadedBy)
            RETURNING {Columns}
            """,
            new
            {
                id, title = fields.Title, description = EmptyAsNull(fields.Description), mediaType = file.Format.MediaType(), file.FileName,
                file.ThumbnailName, file.Width, file.Height, file.ByteSize, uploadedBy,
            }, cancellationToken: cancellationToken));
        return row.ToRow();
    }

    /// <summary>Changes the title and description when given (an empty description clears it), and the file when
    /// <paramref name="file"/> is given. Returns the row before and after, or null when no row has this id.</summary>
    public async Task<(GalleryRow Before, GalleryRow After)?> UpdateAsync(
        Guid id, GalleryFields fields, StoredFile? file, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM gallery_items WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
        if (before is null)
        {
            return null;
        }
        var after = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"""
            UPDATE gallery_items SET
                title = coalesce(@title, title),
                description = CASE WHEN @keepDescription THEN description ELSE @description END,
                media_type = coalesce(@mediaType, media_type), file_name = coalesce(@fileName, file_name),
                thumbnail_name = coalesce(@thumbnailName, thumbnail_name), width = coalesce(@width, width),
                height = coalesce(@height, height), byte_size = coalesce(@byteSize, byte_size), updated_at = now()
            WHERE id = @id
            RETURNING {Columns}
            """,
            new
            {
                id, title = fields.Title, keepDescription = fields.Description is null, description = EmptyAsNull(fields.Description),
                mediaType = file?.Format.MediaType(), fileName = file?.FileName, thumbnailName = file?.ThumbnailName,
                width = file?.Width, height = file?.Height, byteSize = file?.ByteSize,
            }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (before.ToRow(), after.ToRow());
    }

    /// <summary>Deletes the row; returns it, or null when none had this id.</summary>
    public async Task<GalleryRow?> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"DELETE FROM gallery_items WHERE id = @id RETURNING {Columns}", new { id }, cancellationToken: cancellationToken));
        return row?.ToRow();
    }

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed record Row(
        Guid Id, string Title, string? Description, string MediaType, int Width, int Height, int ByteSize, string FileName,
        string ThumbnailName, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public GalleryRow ToRow() => new(
            new GalleryItem(Id, Title, Description, MediaType, Width, Height, ByteSize, $"/api/v1/gallery/{Id}/image",
                $"/api/v1/gallery/{Id}/thumbnail", CreatedAt, UpdatedAt),
            FileName, ThumbnailName);
    }
}

/// <summary>A new file for a row: its inspected image and generated names.</summary>
/// <param name="Format">The format.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="ByteSize">Bytes of the original.</param>
/// <param name="FileName">The original's generated name.</param>
/// <param name="ThumbnailName">The thumbnail's generated name.</param>
public sealed record StoredFile(ImageFormat Format, int Width, int Height, int ByteSize, string FileName, string ThumbnailName);
