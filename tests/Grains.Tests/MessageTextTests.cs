using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Grains.Chat;

namespace OrleansRides.Grains.Tests;

public sealed class MessageTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void Text_empty_after_trimming_is_INVALID_REQUEST(string? raw)
    {
        var error = Assert.Throws<ChatException>(() => MessageText.Clean(raw));

        Assert.Equal(ChatErrorCodes.InvalidRequest, error.Code);
        Assert.Equal("text must not be empty.", error.Message);
    }

    [Theory]
    [InlineData("x\u0000", "text contains the control character U+0000.")]
    [InlineData("   \u0007  ", "text contains the control character U+0007.")]
    [InlineData("carriage\rreturn", "text contains the control character U+000D.")]
    [InlineData("flip \u202Eit", "text contains the bidirectional control character U+202E.")]
    public void Control_characters_are_refused_before_trimming_not_stripped(string raw, string message)
    {
        var error = Assert.Throws<ChatException>(() => MessageText.Clean(raw));

        Assert.Equal(ChatErrorCodes.InvalidRequest, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_lone_surrogate_is_refused() =>
        Assert.Equal(ChatErrorCodes.InvalidRequest, Assert.Throws<ChatException>(() => MessageText.Clean("lone \ud800")).Code);

    [Fact]
    public void Line_feeds_tabs_and_emoji_stay_and_the_ends_are_trimmed() =>
        Assert.Equal("line one\n\tline two 🎵", MessageText.Clean("  line one\n\tline two 🎵 \n"));

    [Fact]
    public void Text_may_be_500_characters_after_trimming_but_not_501()
    {
        Assert.Equal(500, MessageText.Clean("  " + new string('a', 500) + "\n ").Length);
        var error = Assert.Throws<ChatException>(() => MessageText.Clean(new string('a', 501)));

        Assert.Equal(ChatErrorCodes.MessageTooLong, error.Code);
        Assert.Equal("At most 500 characters (501 sent).", error.Message);
    }

    [Fact]
    public void Length_counts_UTF16_code_units()
    {
        var notes = string.Concat(Enumerable.Repeat("🎵", 251));

        Assert.Equal(ChatErrorCodes.MessageTooLong, Assert.Throws<ChatException>(() => MessageText.Clean(notes)).Code);
    }
}
