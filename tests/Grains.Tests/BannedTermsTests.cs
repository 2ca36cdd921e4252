using OrleansRides.Grains.Chat;

namespace OrleansRides.Grains.Tests;

/// <summary>Issue 8, item 7: banned terms are matched on the confusable skeleton, so the usual disguises do not pass.</summary>
public sealed class BannedTermsTests
{
    private readonly BannedTerms _terms = new(["spam", "buy now", "bodoh"]);

    [Theory]
    [InlineData("this is spam")]
    [InlineData("this is SpAm!")]
    [InlineData("this is sp\u200Bam")] // zero-width space inside the word
    [InlineData("this is s\u200Dp\u2060a\uFEFFm")] // zero-width joiner, word joiner, BOM
    [InlineData("this is \u0455\u0440\u0430m")] // Cyrillic ѕ, р, а
    [InlineData("this is sp\u0430m")] // one Cyrillic а
    [InlineData("this is \uFF53\uFF50\uFF41\uFF4D")] // fullwidth ｓｐａｍ
    [InlineData("this is \U0001D42C\U0001D429\U0001D41A\U0001D426")] // mathematical bold 𝐬𝐩𝐚𝐦
    [InlineData("this is \u202Espam")] // right-to-left override before it
    [InlineData("b\u043Edoh kamu")] // Indonesian term, Cyrillic о
    [InlineData("BUY\u00A0NOW")] // no-break space inside the phrase
    public void Disguised_terms_are_caught(string text) => Assert.True(_terms.AreIn(text), text);

    [Theory]
    [InlineData("spammer? no, spamalot")]
    [InlineData("Selamat pagi, apa kabar?")]
    [InlineData("Terima kasih, Pak Budi!")]
    [InlineData("Café crème à la José, señor Ñúñez")]
    [InlineData("Naïve façade, Zoë")]
    [InlineData("buying now")]
    [InlineData("class assignment")]
    public void Ordinary_words_pass(string text) => Assert.False(_terms.AreIn(text), text);

    [Fact]
    public void Terms_written_in_look_alikes_match_plain_text() =>
        Assert.True(new BannedTerms(["\uFF53\u0440am"]).AreIn("no spam here"));
}
