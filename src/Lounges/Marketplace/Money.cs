using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace OrleansRides.Lounges.Marketplace;

/// <summary>The active ISO 4217 currencies and their minor-unit exponents (digits after the decimal point), from the ISO 4217
/// maintenance agency's "List One" (SIX Group, https://www.six-group.com/en/products-services/financial-information/data-standards.html,
/// amendment 179). Fund codes, precious metals and testing codes (their minor unit is "N.A.") are left out: nothing is sold
/// in them.</summary>
public static class Currencies
{
    // Every listed code has exponent 2 unless it is named in one of the other groups below.
    private const string Codes =
        "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY " +
        "COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS " +
        "INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP " +
        "MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR " +
        "SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND " +
        "VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";
    private const string ExponentZero = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF";
    private const string ExponentThree = "BHD IQD JOD KWD LYD OMR TND";

    private static readonly FrozenDictionary<string, int> Exponents = Codes.Split(' ').ToFrozenDictionary(
        code => code, code => ExponentZero.Contains(code, StringComparison.Ordinal) ? 0 : ExponentThree.Contains(code, StringComparison.Ordinal) ? 3 : 2);

    /// <summary>Every code this platform accepts, in alphabetical order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Exponents.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The minor-unit exponent of <paramref name="code"/> (IDR 2, JPY 0, KWD 3), or <c>null</c> when it is not an
    /// active code (codes are upper case: <c>idr</c> is unknown).</summary>
    public static int? Exponent(string? code) => code is not null && Exponents.TryGetValue(code, out var exponent) ? exponent : null;

    /// <summary>Whether <paramref name="code"/> is an active ISO 4217 code.</summary>
    public static bool IsKnown(string? code) => Exponent(code) is not null;
}

/// <summary>An exact amount of money: a whole number of minor units (sen, cents; yen for JPY) in an ISO 4217 currency.
/// Never a floating-point number, in C#, SQL (<c>bigint</c>) or JSON.</summary>
/// <param name="AmountMinor">Minor units, 0 to <see cref="MaxAmountMinor"/> for a price.</param>
/// <param name="Currency">An active ISO 4217 code (<see cref="Currencies"/>).</param>
public readonly record struct Money(long AmountMinor, string Currency)
{
    /// <summary>The largest price in minor units (10^14, the <c>listings.price_minor</c> check): far below 2^53, so that a
    /// price stays exact as a JSON number in a browser.</summary>
    public const long MaxAmountMinor = 100_000_000_000_000;

    /// <summary>The amount as people read it: the code, a space, the major units with comma thousands separators and the
    /// currency's decimals, e.g. <c>IDR 150,000.00</c>, <c>JPY 1,500</c>, <c>KWD 1.250</c>, <c>USD -3.05</c>.</summary>
    /// <exception cref="ArgumentException">The currency is unknown.</exception>
    public string Display()
    {
        var exponent = Currencies.Exponent(Currency) ?? throw new ArgumentException($"Unknown currency {Currency}.", nameof(Currency));
        // Integer arithmetic on the magnitude (as ulong, so that long.MinValue has one too): no rounding anywhere.
        var magnitude = AmountMinor < 0 ? (ulong)(-(AmountMinor + 1)) + 1 : (ulong)AmountMinor;
        var divisor = 1UL;
        for (var i = 0; i < exponent; i++)
        {
            divisor *= 10;
        }
        var major = (magnitude / divisor).ToString("#,0", CultureInfo.InvariantCulture);
        var text = new StringBuilder(Currency).Append(' ');
        if (AmountMinor < 0)
        {
            text.Append('-');
        }
        text.Append(major);
        if (exponent > 0)
        {
            text.Append('.').Append((magnitude % divisor).ToString(CultureInfo.InvariantCulture).PadLeft(exponent, '0'));
        }
        return text.ToString();
    }

    /// <summary>The exact sum of <paramref name="amounts"/> (minor units of one currency).</summary>
    /// <exception cref="OverflowException">The sum does not fit in a <see cref="long"/>.</exception>
    public static long Sum(IEnumerable<long> amounts)
    {
        var sum = 0L;
        foreach (var amount in amounts)
        {
            sum = checked(sum + amount);
        }
        return sum;
    }

    /// <summary>A sum PostgreSQL computed exactly (<c>sum(bigint)</c> is <c>numeric</c>), as text, read back as minor units.</summary>
    /// <exception cref="OverflowException">It does not fit in a <see cref="long"/>.</exception>
    public static long ParseSum(string sum) =>
        long.TryParse(sum, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new OverflowException($"The total {sum} does not fit in 64-bit minor units.");
}
