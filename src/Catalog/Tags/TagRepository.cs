using Dapper;
using Npgsql;

namespace OrleansRides.Catalog.Tags;

/// <summary>Tags in the <c>tags</c> table (<c>sql/008_catalog.sql</c>). Takes validated requests.</summary>
public sealed class TagRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = "id AS Id, name AS Name, slug AS Slug, is_active AS IsActive";

    /// <summary>Tags by name; only active (true) or inactive (false) ones when <paramref name="isActive"/> is given.</summary>
    public async Task<IReadOnlyList<Tag>> ListAsync(bool? isActive, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var tags = await connection.QueryAsync<Tag>(new CommandDefinition(
            $"SELECT {Columns} FROM tags WHERE @isActive::boolean IS NULL OR is_active = @isActive ORDER BY name, id",
            new { isActive }, cancellationToken: cancellationToken));
        return tags.ToList();
    }

    /// <summary>The tag with this id, or null.</summary>
    public async Task<Tag?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Tag>(new CommandDefinition(
            $"SELECT {Columns} FROM tags WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Stores a new tag; <see cref="WriteFailure.SlugTaken"/> when another tag has its slug.</summary>
    public Task<WriteResult<Tag>> CreateAsync(TagRequest request, CancellationToken cancellationToken) =>
        WriteAsync(
            $"""
            INSERT INTO tags (id, name, slug, is_active) VALUES (@Id, @Name, @Slug, coalesce(@IsActive, true))
            RETURNING {Columns}
            """, Guid.CreateVersion7(), request, cancellationToken);

    /// <summary>Replaces a tag's name and slug (and its activity when given); <see cref="WriteFailure.NotFound"/> or
    /// <see cref="WriteFailure.SlugTaken"/>.</summary>
    public Task<WriteResult<Tag>> UpdateAsync(Guid id, TagRequest request, CancellationToken cancellationToken) =>
        WriteAsync(
            $"""
            UPDATE tags SET name = @Name, slug = @Slug, is_active = coalesce(@IsActive, is_active), updated_at = now()
            WHERE id = @Id
            RETURNING {Columns}
            """, id, request, cancellationToken);

    /// <summary>Deletes a tag (routes lose it: <c>route_tags</c> cascades); <see cref="WriteFailure.NotFound"/>, or
    /// <see cref="WriteFailure.InUse"/> when a row without a cascade still references it.</summary>
    public Task<WriteFailure> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        CatalogWrites.DeleteAsync(dataSource, "DELETE FROM tags WHERE id = @id", id, cancellationToken);

    private Task<WriteResult<Tag>> WriteAsync(string sql, Guid id, TagRequest request, CancellationToken cancellationToken) =>
        CatalogWrites.WriteAsync<Tag, Tag>(dataSource, sql, new
        {
            Id = id,
            request.Name,
            Slug = Slugs.Effective(request.Slug, request.Name),
            request.IsActive,
        }, tag => tag, cancellationToken);
}
