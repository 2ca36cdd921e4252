using System.Text.RegularExpressions;

namespace OrleansRides.Grains.Chat;

/// <summary>Matches a room's banned terms in a message: case-insensitive and as whole words, so a banned "ass" does not
/// refuse "class" (the Scunthorpe problem).</summary>
public sealed class BannedTerms
{
    private readonly Regex? _pattern;

    /// <summary>Builds the matcher; blank terms are ignored.</summary>
    public BannedTerms(IEnumerable<string> terms)
    {
        var alternatives = terms.Select(t => t.Trim()).Where(t => t.Length > 0).Select(Regex.Escape).ToList();
        if (alternatives.Count > 0)
        {
            _pattern = new Regex($@"(?<!\w)(?:{string.Join('|', alternatives)})(?!\w)",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Whether <paramref name="text"/> contains a banned term. A match that times out counts as a match.</summary>
    public bool AreIn(string text)
    {
        try
        {
            return _pattern?.IsMatch(text) ?? false;
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }
}
