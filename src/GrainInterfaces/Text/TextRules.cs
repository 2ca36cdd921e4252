namespace OrleansRides.GrainInterfaces.Text;

/// <summary>The project's rule for every text field: no Unicode control character (general category Cc: U+0000–U+001F,
/// U+007F–U+009F; only line feed and tab, and only in multi-line fields), no bidirectional embedding, override or isolate
/// control (U+202A–U+202E, U+2066–U+2069: the "Trojan Source" characters of CVE-2021-42574, which make text display in
/// another order than it reads; the plain marks U+200E/U+200F stay allowed for right-to-left writers) and no lone
/// surrogate. Such input is refused,
/// never stripped: PostgreSQL cannot store U+0000 at all (one such value used to fail a whole batch of chat messages,
/// issue 8), and the others have no meaning in a name, a key or a line of chat. Length limits stay with each field.</summary>
public static class TextRules
{
    /// <summary>Longest email address (RFC 5321's 254-character path limit; also keeps the <c>lower(email)</c> index
    /// entries far below PostgreSQL's btree row limit of about 2,700 bytes).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Why <paramref name="value"/> breaks the rule, for an error message (for example "contains the control
    /// character U+0000"), or <c>null</c> when it is clean. <c>null</c> and empty values are clean (required-ness is each
    /// field's own rule).</summary>
    /// <param name="value">The text as received.</param>
    /// <param name="multiLine">Whether line feeds and tabs are allowed (chat messages, descriptions, dedications).</param>
    public static string? Problem(string? value, bool multiLine = false)
    {
        if (value is null)
        {
            return null;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && !(multiLine && c is '\n' or '\t'))
            {
                return $"contains the control character U+{(int)c:X4}";
            }
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return $"contains the bidirectional control character U+{(int)c:X4}";
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"contains a lone surrogate (U+{(int)c:X4})";
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="value"/> is clean under <see cref="Problem"/>.</summary>
    public static bool IsClean(string? value, bool multiLine = false) => Problem(value, multiLine) is null;
}
