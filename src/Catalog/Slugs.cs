using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using ICU4N.Text;

namespace OrleansRides.Catalog;

/// <summary>URL slugs of regions and tags: 1 to <see cref="MaxLength"/> characters of <c>^[a-z0-9-]+$</c>, derived from
/// the name when the client gives none (<see cref="From"/>).</summary>
public static partial class Slugs
{
    /// <summary>Longest slug accepted or derived.</summary>
    public const int MaxLength = 60;

    /// <summary>Whether <paramref name="slug"/> is 1 to <see cref="MaxLength"/> characters of <c>[a-z0-9-]</c>.</summary>
    public static bool IsValid(string? slug) => slug is { Length: > 0 and <= MaxLength } && SlugPattern().IsMatch(slug);

    /// <summary>A slug derived from a display name: accents dropped (NFD by ICU4N, combining marks removed), lower case, every run
    /// of other characters one hyphen, no hyphen at either end, cut at <see cref="MaxLength"/>. "Café Run — Süd!" gives
    /// <c>cafe-run-sud</c>. Null when nothing usable is left (a name of symbols or non-Latin script only).</summary>
    public static string? From(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var slug = new StringBuilder(name.Length);
        // ICU4N's NFD, as Confusables uses: the runtime's own string.Normalize is a no-op under InvariantGlobalization.
        foreach (var c in Normalizer2.NFDInstance.Normalize(name))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(lower);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        result = result.Length > MaxLength ? result[..MaxLength].TrimEnd('-') : result;
        return result.Length == 0 ? null : result;
    }

    /// <summary>The rule for an optional slug field: absent, or <see cref="IsValid"/>.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalSlug<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(slug => slug is null || IsValid(slug))
            .WithMessage($"Use 1 to {MaxLength} characters of a-z, 0-9 and '-'.");

    /// <summary>The rules of a named item with an optional slug: the name one line of 1 to <paramref name="maxNameLength"/>
    /// characters, the slug absent or valid, and, when absent, derivable from the name.</summary>
    public static void NameAndSlug<T>(this AbstractValidator<T> validator, Func<T, string?> name, Func<T, string?> slug, int maxNameLength)
    {
        validator.RuleFor(item => name(item)).NotEmpty().SingleLineText(maxNameLength).OverridePropertyName("Name");
        validator.RuleFor(item => slug(item)).OptionalSlug().OverridePropertyName("Slug");
        validator.RuleFor(item => Effective(slug(item), name(item))).NotNull().OverridePropertyName("Slug")
            .WithMessage("No slug can be derived from this name; give one.")
            .When(item => slug(item) is null && !string.IsNullOrWhiteSpace(name(item)));
    }

    /// <summary>The slug to store: the given one, else one derived from <paramref name="name"/>.</summary>
    public static string? Effective(string? slug, string? name) => slug ?? From(name);

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
