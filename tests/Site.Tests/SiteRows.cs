using Dapper;
using Npgsql;
using OrleansRides.Site.Articles;
using OrleansRides.Site.Categories;

namespace OrleansRides.Site.Tests;

/// <summary>Rows the site tests make for themselves: accounts (authors), categories and articles, each unique.</summary>
internal static class SiteRows
{
    /// <summary>A new account with <paramref name="role"/>; its id.</summary>
    public static async Task<Guid> AuthorAsync(NpgsqlDataSource dataSource, string role = "editor", string name = "Redaksi Uji")
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO users (id, email, name, password_hash, role) VALUES (@id, @email, @name, 'x', @role)",
            new { id, email = $"author-{id:N}@tests.example.org", name, role });
        return id;
    }

    /// <summary>A new category; its id.</summary>
    public static async Task<Category> CategoryAsync(NpgsqlDataSource dataSource)
    {
        var result = await new CategoryRepository(dataSource).CreateAsync(new CategoryRequest($"Kategori {Guid.NewGuid():N}", null, null), CancellationToken.None);
        return result.Value!;
    }

    /// <summary>A request with the given title and defaults for the rest.</summary>
    public static ArticleRequest Request(string title, string content = "<p>Isi artikel yang cukup panjang.</p>", string? status = null,
        Guid? categoryId = null, string? slug = null, string? excerpt = null) =>
        new(title, content, excerpt, slug, status, categoryId, null);

    /// <summary>Creates an article that must succeed.</summary>
    public static async Task<Article> CreateAsync(ArticleRepository repository, ArticleRequest request, Guid author)
    {
        var write = await repository.CreateAsync(request, author, CancellationToken.None);
        Assert.Equal(ArticleWriteFailure.None, write.Failure);
        return write.Article!;
    }

    /// <summary>A title nobody else uses.</summary>
    public static string UniqueTitle(string prefix = "Berita") => $"{prefix} {Guid.NewGuid():N}";
}
