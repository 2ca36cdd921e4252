using OrleansRides.Catalog;
using OrleansRides.Site.Pages;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Site.Tests;

[Collection(SiteCollection.Name)]
public sealed class PageRepositoryTests(TestDatabase database)
{
    private readonly PageRepository _pages = new(database.DataSource);

    [Fact]
    public async Task A_page_is_stored_sanitised_under_a_slug_derived_from_its_title()
    {
        var title = $"Tentang Kami {Guid.NewGuid():N}"[..24];

        var page = (await _pages.CreateAsync(new PageEditRequest(null, title, "<p onclick=\"x()\">Halo</p><script>alert(1)</script>"), null, default)).Value!;

        Assert.Equal(Slugs.From(title), page.Slug);
        // SiteHtml keeps a removed element's text (KeepChildNodes): the script's text stays, inert.
        Assert.StartsWith("<p>Halo</p>", page.Content);
        Assert.DoesNotContain("<script", page.Content);
        Assert.DoesNotContain("onclick", page.Content);
        Assert.Equal(page, await _pages.FindAsync(page.Slug, default));
        Assert.Contains(await _pages.ListAsync(default), p => p.Slug == page.Slug && p.Title == title);
    }

    [Fact]
    public async Task An_update_is_partial_a_taken_slug_is_refused_and_a_delete_removes_it()
    {
        var slug = $"kontak-{Guid.NewGuid():N}";
        var other = $"other-{Guid.NewGuid():N}";
        var page = (await _pages.CreateAsync(new PageEditRequest(slug, "Kontak", "<p>Telepon</p>"), null, default)).Value!;
        await _pages.CreateAsync(new PageEditRequest(other, "Other", "<p>x</p>"), null, default);

        var changed = (await _pages.UpdateAsync(slug, new PageEditRequest(null, "Hubungi Kami", null), null, default)).Value!;

        Assert.Equal(("Hubungi Kami", "<p>Telepon</p>"), (changed.Title, changed.Content));
        Assert.True(changed.UpdatedAt >= page.UpdatedAt);
        Assert.Equal(WriteFailure.SlugTaken, (await _pages.UpdateAsync(slug, new PageEditRequest(other, null, null), null, default)).Failure);
        Assert.Equal(WriteFailure.SlugTaken, (await _pages.CreateAsync(new PageEditRequest(slug, "Again", "<p>x</p>"), null, default)).Failure);
        Assert.Equal(WriteFailure.NotFound, (await _pages.UpdateAsync("no-such-page-here", new PageEditRequest(null, "T", null), null, default)).Failure);
        Assert.True(await _pages.DeleteAsync(slug, default));
        Assert.Null(await _pages.FindAsync(slug, default));
    }
}
