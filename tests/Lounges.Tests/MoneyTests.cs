using OrleansRides.Lounges.Marketplace;

namespace OrleansRides.Lounges.Tests;

/// <summary>Money is whole minor units with the ISO 4217 exponent of its currency: exact display, exact sums, overflow caught.</summary>
public sealed class MoneyTests
{
    [Theory]
    [InlineData("IDR", 2)]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("EUR", 2)]
    public void Active_codes_have_their_exponent(string code, int exponent) => Assert.Equal(exponent, Currencies.Exponent(code));

    [Theory]
    [InlineData("XXX")]
    [InlineData("idr")]
    [InlineData("XAU")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_codes_have_none(string? code)
    {
        Assert.Null(Currencies.Exponent(code));
        Assert.False(Currencies.IsKnown(code));
    }

    [Theory]
    [InlineData(15_000_000, "IDR", "IDR 150,000.00")]
    [InlineData(1_500, "JPY", "JPY 1,500")]
    [InlineData(1_250, "KWD", "KWD 1.250")]
    [InlineData(5, "USD", "USD 0.05")]
    [InlineData(0, "USD", "USD 0.00")]
    [InlineData(-305, "USD", "USD -3.05")]
    [InlineData(100_000_000_000_000, "IDR", "IDR 1,000,000,000,000.00")]
    [InlineData(long.MaxValue, "JPY", "JPY 9,223,372,036,854,775,807")]
    [InlineData(long.MinValue, "USD", "USD -92,233,720,368,547,758.08")]
    public void Display_is_exact(long amount, string currency, string expected) => Assert.Equal(expected, new Money(amount, currency).Display());

    [Fact]
    public void Display_of_an_unknown_currency_throws() => Assert.Throws<ArgumentException>(() => new Money(1, "XXX").Display());

    [Fact]
    public void Sums_are_exact_and_overflow_is_caught()
    {
        Assert.Equal(30_000_000_000_000_003, Money.Sum([10_000_000_000_000_001, 10_000_000_000_000_001, 10_000_000_000_000_001]));
        Assert.Equal(0, Money.Sum([]));
        Assert.Throws<OverflowException>(() => Money.Sum([long.MaxValue, 1]));
        Assert.Equal(long.MaxValue, Money.ParseSum("9223372036854775807"));
        Assert.Throws<OverflowException>(() => Money.ParseSum("9223372036854775808"));
    }

    [Theory]
    [InlineData(0, "IDR", true)]
    [InlineData(100_000_000_000_000, "IDR", true)]
    [InlineData(100_000_000_000_001, "IDR", false)]
    [InlineData(-1, "IDR", false)]
    [InlineData(100, "ABC", false)]
    public void Prices_are_validated(long amount, string currency, bool valid) =>
        Assert.Equal(valid, new PriceValidator().Validate(new PriceInput(amount, currency)).IsValid);

    [Fact]
    public void An_unknown_currency_carries_its_code() =>
        Assert.Contains(new PriceValidator().Validate(new PriceInput(1, "ABC")).Errors, e => e.ErrorCode == LoungeErrors.UnknownCurrency);
}
