using System.Text.RegularExpressions;
using OrleansRides.GrainInterfaces.Text;

namespace OrleansRides.Grains.Chat;

/// <summary>Matches a room's banned terms in a message as whole words, on the <see cref="Confusables.Fold"/> of both: case,
/// width (fullwidth "ｓｐａｍ"), look-alike letters from other scripts (Cyrillic "ѕраm") and invisible characters inside a
/// word ("sp\u200Bam") do not hide a term (issue 8, item 7). Whole words, so a banned "ass" does not refuse "class" (the
/// Scunthorpe problem).</summary>
public sealed class BannedTerms
{
    private readonly Regex? _pattern;

    /// <summary>Builds the matcher; blank terms are ignored.</summary>
    public BannedTerms(IEnumerable<string> terms)
    {
        var alternatives = terms.Select(t => t.Trim()).Where(t => t.Length > 0).Select(t => Regex.Escape(Confusables.Fold(t)))
            .Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (alternatives.Count > 0)
        {
            _pattern = new Regex($@"(?<!\w)(?:{string.Join('|', alternatives)})(?!\w)",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Whether <paramref name="text"/> contains a banned term. A match that times out counts as a match.</summary>
    public bool AreIn(string text)
    {
        if (_pattern is null)
        {
            return false;
        }
        try
        {
            return _pattern.IsMatch(Confusables.Fold(text));
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }
}
