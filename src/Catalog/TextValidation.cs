using FluentValidation;
using OrleansRides.GrainInterfaces.Text;

namespace OrleansRides.Catalog;

/// <summary>FluentValidation rules for text fields: the project's <see cref="TextRules"/> (no control characters, no lone
/// surrogates) plus a maximum length, in one call so that no field gets one without the other. Failures become 400
/// <c>VALIDATION_FAILED</c> naming the field (FrontendHost's <c>ApiProblems.Validation</c>). In the catalog assembly so that
/// its validators (<c>src/Catalog</c>) and FrontendHost's share one set of rules.</summary>
public static class TextValidation
{
    /// <summary>The error code FluentValidation records for a <see cref="TextRules"/> failure.</summary>
    public const string ControlCharacterCode = "CONTROL_CHARACTER";

    /// <summary>The error code FluentValidation records for a refused display name.</summary>
    public const string DisplayNameCode = "DISPLAY_NAME";

    /// <summary>A one-line field (names, titles, keys): no control character at all, at most <paramref name="maxLength"/>
    /// UTF-16 code units.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLineText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Text(maxLength, multiLine: false);

    /// <summary>A multi-line field (chat text, descriptions, dedications): line feeds and tabs allowed, no other control
    /// character, at most <paramref name="maxLength"/> UTF-16 code units.</summary>
    public static IRuleBuilderOptions<T, string?> MultiLineText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Text(maxLength, multiLine: true);

    /// <summary>A display name given by someone who is not (yet) staff: <see cref="DisplayNames.Check"/> must accept it
    /// (clean, 1 to <see cref="DisplayNames.MaxLength"/> characters once normalised, no staff-looking word). Store
    /// <see cref="DisplayNames.Normalize"/> of the accepted value.</summary>
    public static IRuleBuilderOptions<T, string?> DisplayName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must((_, value, context) =>
            {
                if (DisplayNames.Check(value, isStaff: false).Error is not { } error)
                {
                    return true;
                }
                context.MessageFormatter.AppendArgument("Problem", error);
                return false;
            })
            .WithErrorCode(DisplayNameCode).WithMessage("'{PropertyName}' {Problem}.");

    private static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, int maxLength, bool multiLine) =>
        rule.Must((_, value, context) =>
            {
                if (TextRules.Problem(value, multiLine) is not { } problem)
                {
                    return true;
                }
                context.MessageFormatter.AppendArgument("Problem", problem);
                return false;
            })
            .WithErrorCode(ControlCharacterCode).WithMessage("'{PropertyName}' {Problem}.")
            .MaximumLength(maxLength);
}
