namespace OrleansRides.Catalog.Tests;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Berlin", "berlin")]
    [InlineData("Café Run — Süd!", "cafe-run-sud")]
    [InlineData("  School   run ", "school-run")]
    [InlineData("São Paulo 2", "sao-paulo-2")]
    [InlineData("%_'; DROP TABLE routes; --", "drop-table-routes")]
    public void Slugs_are_derived_from_names(string name, string slug) => Assert.Equal(slug, Slugs.From(name));

    [Theory]
    [InlineData("東京")]
    [InlineData("!!!")]
    [InlineData("")]
    public void A_name_without_latin_letters_or_digits_gives_no_slug(string name) => Assert.Null(Slugs.From(name));

    [Fact]
    public void A_derived_slug_is_at_most_60_characters_and_does_not_end_in_a_hyphen()
    {
        var slug = Slugs.From(new string('a', 59) + " b c");

        Assert.Equal(new string('a', 59), slug);
        Assert.True(Slugs.IsValid(slug));
    }

    [Theory]
    [InlineData("berlin", true)]
    [InlineData("night-ride-2", true)]
    [InlineData("Berlin", false)]
    [InlineData("night ride", false)]
    [InlineData("night_ride", false)]
    [InlineData("", false)]
    public void Slugs_are_lower_case_letters_digits_and_hyphens(string slug, bool valid) => Assert.Equal(valid, Slugs.IsValid(slug));
}
