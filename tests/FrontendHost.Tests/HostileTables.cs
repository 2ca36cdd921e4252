using static OrleansRides.FrontendHost.Tests.CatalogCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>The site's hostile-input tables: each case a request and the outcome it must get (<c>"400 VALIDATION_FAILED
/// title"</c>), all cases run before one assertion lists every mismatch.</summary>
internal static class HostileTables
{
    /// <summary>NUL, ESC and RIGHT-TO-LEFT OVERRIDE as JSON escapes: what every text field must refuse.</summary>
    public static readonly string[] ControlCharacters = [@"\u0000", @"\u001B", @"\u202E"];

    /// <summary>Sends every case with <paramref name="method"/> and <paramref name="token"/>; fails listing each case whose
    /// outcome differs from the expected one.</summary>
    public static async Task AssertOutcomesAsync(
        HttpClient client, HttpMethod method, string? token, params (string Path, string? Json, string Expected)[] cases)
    {
        var wrong = new List<string>();
        foreach (var (path, json, expected) in cases)
        {
            var actual = await OutcomeAsync(await CallAsync(client, method, path, token, json));
            if (actual != expected)
            {
                wrong.Add($"{method} {path[..Math.Min(path.Length, 120)]} {json?[..Math.Min(json.Length, 120)]}: expected {expected}, got {actual}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>A case per field and control character: <paramref name="body"/>(field, <c>a{control}b</c>) → 400 naming the
    /// field.</summary>
    public static IEnumerable<(string, string?, string)> ControlCharacterCases(string path, Func<string, string, string> body, params string[] fields) =>
        from field in fields
        from control in ControlCharacters
        select (path, (string?)body(field, $"a{control}b"), $"400 VALIDATION_FAILED {field}");
}
