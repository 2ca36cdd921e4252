using System.Globalization;
using System.Text;
using ICU4N.Text;

namespace OrleansRides.GrainInterfaces.Text;

/// <summary>Folding text for comparison, so that look-alike spellings compare equal: <see cref="Fold"/> applies
/// NFKC_Casefold (NFKC, full case folding, and removal of default-ignorable code points such as zero-width spaces, bidi
/// overrides, soft hyphens and Hangul fillers), then the UTS #39 skeleton: NFD, each code point replaced by its
/// prototype from Unicode's confusables mapping (Cyrillic "а" → "a", fullwidth "ａ" → "a", "m" → "rn", "0" → "O"), NFD
/// again. Two strings whose folds are equal look alike; the fold is for matching only, never for display or storage.
/// Data: Unicode 10.0 (ICU4N 60 and the confusables table in <c>confusables.txt</c>, see
/// <c>tools/generate-confusables.mjs</c>). Limits: look-alikes that Unicode does not list as confusable ("1" for "i",
/// leetspeak, spacing letters apart) still differ.</summary>
public static class Confusables
{
    private static readonly Normalizer2 CaseFold = Normalizer2.NFKCCaseFoldInstance;
    private static readonly Normalizer2 Decompose = Normalizer2.NFDInstance;
    private static readonly Lazy<Dictionary<int, string>> Prototypes = new(Load);

    /// <summary>The comparison form of <paramref name="text"/>: skeleton(NFKC_Casefold(text)), lower-cased once more
    /// because some prototypes are capitals ("0" → "O").</summary>
    public static string Fold(string text)
    {
        var decomposed = Decompose.Normalize(CaseFold.Normalize(text));
        var mapped = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Prototypes.Value.TryGetValue(rune.Value, out var prototype))
            {
                mapped.Append(prototype);
            }
            else
            {
                mapped.Append(rune.ToString());
            }
        }
        return Decompose.Normalize(mapped.ToString()).ToLowerInvariant();
    }

    /// <summary>The number of source code points in the mapping (6,294 in Unicode 10.0).</summary>
    public static int MappingCount => Prototypes.Value.Count;

    private static Dictionary<int, string> Load()
    {
        using var stream = typeof(Confusables).Assembly.GetManifestResourceStream("OrleansRides.GrainInterfaces.Text.confusables.txt")
            ?? throw new InvalidOperationException("The confusables table is not embedded in OrleansRides.GrainInterfaces.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var (source, target) = line.Split('\t') is [var s, var t] ? (s, t) : throw new InvalidDataException($"Bad confusables line: {line}");
            table[int.Parse(source, NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = string.Concat(
                target.Split(' ').Select(cp => char.ConvertFromUtf32(int.Parse(cp, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
        }
        return table;
    }
}
