namespace OrleansRides.Site.Tests;

public sealed class PaginationTests
{
    [Theory]
    [InlineData(1, 10, 0, 0, false, false)]
    [InlineData(1, 10, 10, 1, false, false)]
    [InlineData(1, 10, 11, 2, true, false)]
    [InlineData(2, 10, 11, 2, false, true)]
    [InlineData(3, 10, 11, 2, false, true)]
    [InlineData(1, 50, 1, 1, false, false)]
    public void Pages_are_counted_from_the_total(int page, int limit, long total, long totalPages, bool hasNext, bool hasPrev)
    {
        var pagination = NumberedPagination.Of(new PageQuery(page, limit), total);

        Assert.Equal(new NumberedPagination(page, limit, total, totalPages, hasNext, hasPrev), pagination);
    }

    [Fact]
    public void A_huge_page_number_does_not_overflow_the_offset()
    {
        Assert.Equal((int.MaxValue - 1L) * 50, new PageQuery(int.MaxValue, 50).Offset);
    }
}
