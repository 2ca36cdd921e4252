using OrleansRides.Site.Articles;

namespace OrleansRides.Site.Tests;

/// <summary>Issue 10: article rules without a database — excerpts, featured images, field validation.</summary>
public sealed class ArticleRulesTests
{
    [Fact]
    public void A_short_text_is_its_own_excerpt_and_a_long_one_is_cut_at_a_word_with_an_ellipsis()
    {
        var text = string.Join(' ', Enumerable.Repeat("siaran", 80));

        var excerpt = ArticleRules.GenerateExcerpt(text);

        Assert.Equal("Pendek saja.", ArticleRules.GenerateExcerpt("Pendek saja."));
        Assert.True(excerpt.Length <= 300);
        Assert.EndsWith("siaran…", excerpt, StringComparison.Ordinal);
        Assert.Equal(new string('x', 299) + "…", ArticleRules.GenerateExcerpt(new string('x', 400)));
    }

    [Theory]
    [InlineData("https://cdn.example.org/a.jpg", true)]
    [InlineData("http://cdn.example.org/a.jpg", true)]
    [InlineData("/api/v1/gallery/0192b0c4-0000-7000-8000-000000000001/image", true)]
    [InlineData("/api/v1/gallery/not-a-uuid/image", false)]
    [InlineData("/api/v1/gallery/0192b0c4-0000-7000-8000-000000000001/image/../../admin", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:image/png;base64,AAAA", false)]
    [InlineData("ftp://example.org/a.jpg", false)]
    [InlineData("//evil.example/a.jpg", false)]
    [InlineData("https://exa mple.org/a.jpg", false)]
    public void Featured_images_are_http_urls_or_gallery_images(string url, bool accepted)
    {
        Assert.Equal(accepted, ArticleRules.IsFeaturedImage(url));
    }

    [Fact]
    public void A_featured_image_url_longer_than_2048_is_refused()
    {
        Assert.False(ArticleRules.IsFeaturedImage("https://example.org/" + new string('a', 2030)));
    }

    [Theory]
    [InlineData("Judul", "<p>cukup panjang</p>", null, true)]
    [InlineData("Judu", "<p>cukup panjang</p>", "Title", false)]
    [InlineData("Judul\u001B", "<p>cukup panjang</p>", "Title", false)]
    [InlineData("Judul \u202E", "<p>cukup panjang</p>", "Title", false)]
    [InlineData("Judul", "<p>pendek", "Content", false)]
    [InlineData("Judul", "<script>alert('only a script')</script>", "Content", false)]
    [InlineData("Judul", "<p>cukup\u0000 panjang</p>", "Content", false)]
    public void Create_requests_are_checked_field_by_field(string title, string content, string? failingField, bool valid)
    {
        var result = new CreateArticleValidator().Validate(new ArticleRequest(title, content, null, null, null, null, null));

        Assert.Equal(valid, result.IsValid);
        if (failingField is not null)
        {
            Assert.Contains(result.Errors, e => e.PropertyName == failingField);
        }
    }
}
