using Dapper;
using OrleansRides.Site.Testimonials;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Site.Tests;

/// <summary>Issue 10: testimonials are submitted pending, decided once by staff (who and when recorded), and public only
/// once approved.</summary>
[Collection(SiteCollection.Name)]
public sealed class TestimonialTests(TestDatabase database)
{
    private readonly TestimonialRepository _testimonials = new(database.DataSource);

    private async Task<Guid> SubmitAsync(string name, string? location = null) =>
        (await _testimonials.SubmitAsync(new TestimonialRequest($" {name} ", "Siarannya menguatkan.\nTerima kasih!", location), CancellationToken.None)).Id;

    private async Task<Guid> StaffAsync()
    {
        var id = Guid.CreateVersion7();
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO users (id, email, password_hash, name, role) VALUES (@id, @email, 'x', 'Editor', 'editor')",
            new { id, email = $"editor-{id:N}@tests.example.org" });
        return id;
    }

    [Fact]
    public async Task A_submission_waits_pending_and_is_not_public()
    {
        var name = $"Ibu Sari {Guid.NewGuid():N}";
        var id = await SubmitAsync(name, "  Bandung ");

        var approved = await _testimonials.ListApprovedAsync(new PageQuery(1, 50), CancellationToken.None);
        Assert.DoesNotContain(approved.Items, t => t.Id == id);
        var pending = await LastPendingAsync(1);
        Assert.Equal((id, name, "Bandung", TestimonialStatus.Pending, (DateTimeOffset?)null),
            (pending[0].Id, pending[0].Name, pending[0].Location, pending[0].Status, pending[0].DecidedAt));
    }

    [Fact]
    public async Task The_pending_queue_is_oldest_first()
    {
        var ids = new[] { await SubmitAsync("Satu"), await SubmitAsync("Dua"), await SubmitAsync("Tiga") };

        Assert.Equal(ids, (await LastPendingAsync(3)).Select(t => t.Id));
    }

    [Fact]
    public async Task Approved_testimonials_list_newest_first()
    {
        var staff = await StaffAsync();
        var ids = new[] { await SubmitAsync("Pertama"), await SubmitAsync("Kedua"), await SubmitAsync("Ketiga") };
        foreach (var id in ids)
        {
            await _testimonials.DecideAsync(id, TestimonialStatus.Approved, staff, CancellationToken.None);
        }

        var approved = await _testimonials.ListApprovedAsync(new PageQuery(1, 50), CancellationToken.None);

        Assert.Equal(ids.Reverse(), approved.Items.Select(t => t.Id).Where(ids.Contains));
        Assert.True(approved.Items.Zip(approved.Items.Skip(1)).All(pair => pair.First.CreatedAt >= pair.Second.CreatedAt));
    }

    [Fact]
    public async Task A_decision_records_who_and_when_and_is_final()
    {
        var staff = await StaffAsync();
        var id = await SubmitAsync("Pak Yohanes");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var rejected = await _testimonials.DecideAsync(id, TestimonialStatus.Rejected, staff, CancellationToken.None);
        var again = await _testimonials.DecideAsync(id, TestimonialStatus.Approved, staff, CancellationToken.None);
        var unknown = await _testimonials.DecideAsync(Guid.NewGuid(), TestimonialStatus.Approved, staff, CancellationToken.None);

        Assert.False(rejected.AlreadyDecided);
        Assert.Equal(TestimonialStatus.Rejected, rejected.Testimonial!.Status);
        Assert.InRange(rejected.Testimonial.DecidedAt!.Value, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.True(again.AlreadyDecided);
        Assert.Equal(rejected.Testimonial, again.Testimonial);
        Assert.Equal(new TestimonialDecision(null, false), unknown);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        Assert.Equal(staff, await connection.QuerySingleAsync<Guid>("SELECT decided_by FROM testimonials WHERE id = @id", new { id }));
        var approved = await _testimonials.ListApprovedAsync(new PageQuery(1, 50), CancellationToken.None);
        Assert.DoesNotContain(approved.Items, t => t.Id == id);
    }

    [Fact]
    public async Task Of_two_decisions_at_once_exactly_one_wins()
    {
        var staff = await StaffAsync();
        var id = await SubmitAsync("Bersamaan");

        var outcomes = await Task.WhenAll(
            _testimonials.DecideAsync(id, TestimonialStatus.Approved, staff, CancellationToken.None),
            _testimonials.DecideAsync(id, TestimonialStatus.Rejected, staff, CancellationToken.None));

        Assert.Single(outcomes, o => !o.AlreadyDecided);
    }

    [Fact]
    public async Task Pages_past_the_end_are_empty_and_say_so()
    {
        await SubmitAsync("Halaman");

        var first = await _testimonials.ListPendingAsync(new PageQuery(1, 1), CancellationToken.None);
        var past = await _testimonials.ListPendingAsync(new PageQuery(int.MaxValue, 50), CancellationToken.None);

        Assert.Equal(first.Pagination.Total, first.Pagination.TotalPages);
        Assert.Equal(first.Pagination.Total > 1, first.Pagination.HasNext);
        Assert.Empty(past.Items);
        Assert.True(past.Pagination is { HasNext: false, HasPrev: true });
    }

    [Theory]
    [InlineData(null, "Text", null, "Name")]
    [InlineData("  ", "Text", null, "Name")]
    [InlineData("Ann", " ", null, "Text")]
    [InlineData("Ann\u0000", "Text", null, "Name")]
    [InlineData("Ann", "Text\u001B[31m", null, "Text")]
    [InlineData("Ann", "Text", "Kota\u202E", "Location")]
    [InlineData("Ann", "Text", "Kota\nBaru", "Location")]
    public void Fields_are_checked(string? name, string? text, string? location, string field) =>
        Assert.Contains(field, new TestimonialValidator().Validate(new TestimonialRequest(name, text, location)).Errors.Select(e => e.PropertyName));

    [Fact]
    public void Lengths_are_checked_at_their_boundaries()
    {
        var validator = new TestimonialValidator();
        Assert.True(validator.Validate(new TestimonialRequest(new string('n', 100), new string('t', 2000), new string('l', 100))).IsValid);
        Assert.Equal(["Location", "Name", "Text"], validator.Validate(new TestimonialRequest(new string('n', 101), new string('t', 2001), new string('l', 101)))
            .Errors.Select(e => e.PropertyName).Distinct().Order());
        Assert.True(validator.Validate(new TestimonialRequest("Ann", "Baris satu\nBaris dua\tdengan tab", null)).IsValid);
    }

    /// <summary>The last <paramref name="count"/> items of the pending queue (oldest first), read one per page from the end
    /// so that older tests' pending rows do not matter.</summary>
    private async Task<IReadOnlyList<StaffTestimonial>> LastPendingAsync(int count)
    {
        var total = (await _testimonials.ListPendingAsync(new PageQuery(1, 1), CancellationToken.None)).Pagination.Total;
        var items = new List<StaffTestimonial>();
        for (var page = total - count + 1; page <= total; page++)
        {
            items.AddRange((await _testimonials.ListPendingAsync(new PageQuery((int)page, 1), CancellationToken.None)).Items);
        }
        return items;
    }
}
