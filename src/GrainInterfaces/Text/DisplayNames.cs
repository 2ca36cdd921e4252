using System.Text;
using System.Text.RegularExpressions;
using ICU4N;
using ICU4N.Globalization;
using ICU4N.Text;

namespace OrleansRides.GrainInterfaces.Text;

/// <summary>A display name after <see cref="DisplayNames.Check"/>: the name to show, or why it was refused.</summary>
/// <param name="Name">The normalised name, or <c>null</c> when refused.</param>
/// <param name="Error">A sentence for the error message ("contains the control character U+0000", "is reserved for
/// station staff"), or <c>null</c>.</param>
public sealed record DisplayNameCheck(string? Name, string? Error);

/// <summary>The rule for every name shown to others (account names, live-chat session names, ride follower names):
/// control characters and lone surrogates are refused (<see cref="TextRules"/>); the name is normalised to NFKC with
/// invisible (default-ignorable) code points such as zero-width spaces and bidi overrides removed and runs of white space
/// made one space; it must then be 1 to <see cref="MaxLength"/> characters; and a name with a word that looks like a staff
/// title (<see cref="ReservedWords"/>, compared on the <see cref="Confusables.Fold"/> of each word, so "ＡＤＭＩＮ", Cyrillic
/// "аdmin" and "ad\u200Bmin" count) is for staff only (issue 8, item 7).</summary>
public static partial class DisplayNames
{
    /// <summary>Longest display name, in UTF-16 code units after normalisation.</summary>
    public const int MaxLength = 40;

    /// <summary>Words only staff (admins, editors, DJs) may have in their name, in English and Indonesian. Each is matched as
    /// a whole word (a run of letters), also with a plural "s".</summary>
    public static readonly IReadOnlyList<string> ReservedWords =
        ["admin", "administrator", "moderator", "mod", "penyiar", "dj", "staff", "official", "resmi", "operator", "pengelola", "system", "sistem"];

    private static readonly HashSet<string> ReservedFolds = ReservedWords.Select(Confusables.Fold).ToHashSet(StringComparer.Ordinal);
    private static readonly Normalizer2 Nfkc = Normalizer2.NFKCInstance;

    /// <summary>Checks and normalises <paramref name="raw"/>.</summary>
    /// <param name="raw">The name as received.</param>
    /// <param name="isStaff">Whether the name's holder has a staff role, and so may use <see cref="ReservedWords"/>.</param>
    public static DisplayNameCheck Check(string? raw, bool isStaff)
    {
        if (TextRules.Problem(raw) is { } problem)
        {
            return new(null, problem);
        }
        var name = Normalize(raw ?? "");
        if (name.Length is 0 or > MaxLength)
        {
            return new(null, $"must be 1 to {MaxLength} characters");
        }
        if (!isStaff && IsReserved(name))
        {
            return new(null, "is reserved for station staff");
        }
        return new(name, null);
    }

    /// <summary>Whether a word of <paramref name="name"/> folds to a reserved word.</summary>
    public static bool IsReserved(string name) =>
        Word().Matches(Normalize(name)).Select(m => Confusables.Fold(m.Value))
            .Any(word => ReservedFolds.Contains(word) || (word.EndsWith('s') && ReservedFolds.Contains(word[..^1])));

    /// <summary>NFKC, default-ignorable code points removed, white space runs made one space, trimmed.</summary>
    public static string Normalize(string raw)
    {
        var visible = new StringBuilder(raw.Length);
        foreach (var rune in Nfkc.Normalize(raw).EnumerateRunes())
        {
            if (!UChar.HasBinaryProperty(rune.Value, UProperty.Default_Ignorable_Code_Point))
            {
                visible.Append(rune.ToString());
            }
        }
        return Spaces().Replace(visible.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"[\p{L}\p{M}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
