using Dapper;
using Npgsql;
using OrleansRides.Catalog;
using OrleansRides.Site.Articles;

namespace OrleansRides.Site.Categories;

/// <summary>Categories in the <c>categories</c> table (<c>sql/013_site.sql</c>). Takes validated requests.</summary>
public sealed class CategoryRepository(NpgsqlDataSource dataSource)
{
    private const string Select = """
        SELECT c.id AS Id, c.name AS Name, c.slug AS Slug, c.description AS Description,
               (SELECT count(*) FROM articles a WHERE a.category_id = c.id AND a.status = 'published') AS ArticleCount
        FROM categories c
        """;

    /// <summary>Every category, by name.</summary>
    public async Task<IReadOnlyList<Category>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Category>(new CommandDefinition(
            $"{Select} ORDER BY lower(c.name), c.id", cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The category with this id, or null.</summary>
    public async Task<Category?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, id, cancellationToken);
    }

    /// <summary>Stores a new category; <see cref="WriteFailure.SlugTaken"/> when another has its slug.</summary>
    public async Task<WriteResult<Category>> CreateAsync(CategoryRequest request, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var name = request.Name!.Trim();
        return await WriteAsync(
            "INSERT INTO categories (id, name, slug, description) VALUES (@Id, @Name, @Slug, @Description)",
            new { Id = id, Name = name, Slug = request.Slug ?? ArticleRules.BaseSlug(name, id, "category"), Description = Blank(request.Description) },
            id, cancellationToken);
    }

    /// <summary>Lays <paramref name="patch"/> over the category (absent fields keep their value; a blank description
    /// clears it); <see cref="WriteFailure.NotFound"/> or <see cref="WriteFailure.SlugTaken"/>.</summary>
    public Task<WriteResult<Category>> UpdateAsync(Guid id, CategoryRequest patch, CancellationToken cancellationToken) =>
        WriteAsync(
            """
            UPDATE categories
            SET name = coalesce(@Name, name), slug = coalesce(@Slug, slug),
                description = CASE WHEN @KeepDescription THEN description ELSE @Description END, updated_at = now()
            WHERE id = @Id
            """,
            new { Id = id, Name = patch.Name?.Trim(), patch.Slug, KeepDescription = patch.Description is null, Description = Blank(patch.Description) },
            id, cancellationToken);

    /// <summary>Deletes the category; <see cref="WriteFailure.NotFound"/>, or <see cref="WriteFailure.InUse"/> while articles
    /// (of any status, archived ones too) use it.</summary>
    public async Task<WriteFailure> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var deleted = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM categories WHERE id = @id", new { id }, cancellationToken: cancellationToken));
            return deleted == 0 ? WriteFailure.NotFound : WriteFailure.None;
        }
        catch (PostgresException ex) when (CatalogErrors.IsReferenced(ex))
        {
            return WriteFailure.InUse;
        }
    }

    private async Task<WriteResult<Category>> WriteAsync(string sql, object parameters, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var written = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            return written == 0 ? WriteResult<Category>.Failed(WriteFailure.NotFound) : WriteResult<Category>.Done((await FindAsync(connection, id, cancellationToken))!);
        }
        catch (PostgresException ex) when (CatalogErrors.IsUniqueViolation(ex))
        {
            return WriteResult<Category>.Failed(WriteFailure.SlugTaken);
        }
    }

    private static Task<Category?> FindAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Category>(new CommandDefinition($"{Select} WHERE c.id = @id", new { id }, cancellationToken: cancellationToken));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
