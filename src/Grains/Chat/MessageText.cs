using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Text;

namespace OrleansRides.Grains.Chat;

/// <summary>The text a room accepts for a message (a user's send or a system announcement): clean under
/// <see cref="TextRules"/> as a multi-line field (line feeds and tabs allowed), then trimmed, then 1 to
/// <see cref="ChatRules.MaxMessageLength"/> characters (UTF-16 code units, so an emoji outside the BMP counts 2). The grain
/// checks again what the hub checked at the edge, since any caller may reach it.</summary>
public static class MessageText
{
    /// <summary>The trimmed text to store.</summary>
    /// <param name="raw">The text as received; null counts as empty.</param>
    /// <exception cref="ChatException"><see cref="ChatErrorCodes.InvalidRequest"/> for a control character, a
    /// bidirectional control or a lone surrogate (refused rather than stripped: U+0000 cannot be stored at all, and a
    /// message is not silently altered; this is checked before trimming) or for text empty after trimming;
    /// <see cref="ChatErrorCodes.MessageTooLong"/> beyond <see cref="ChatRules.MaxMessageLength"/>.</exception>
    public static string Clean(string? raw)
    {
        if (TextRules.Problem(raw, multiLine: true) is { } problem)
        {
            throw new ChatException(ChatErrorCodes.InvalidRequest, $"text {problem}.");
        }
        var text = (raw ?? "").Trim();
        if (text.Length == 0)
        {
            throw new ChatException(ChatErrorCodes.InvalidRequest, "text must not be empty.");
        }
        if (text.Length > ChatRules.MaxMessageLength)
        {
            throw new ChatException(ChatErrorCodes.MessageTooLong, $"At most {ChatRules.MaxMessageLength} characters ({text.Length} sent).");
        }
        return text;
    }
}
