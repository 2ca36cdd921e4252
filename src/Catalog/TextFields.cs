using FluentValidation;
using OrleansRides.GrainInterfaces.Text;

namespace OrleansRides.Catalog;

/// <summary>The project's text rule (<see cref="TextRules"/>: no control characters, bidirectional controls or lone
/// surrogates) plus a length limit, for the catalog's validators. FrontendHost's <c>TextValidation</c> does the same for
/// the endpoints it still validates; this copy exists because the catalog cannot see FrontendHost.</summary>
public static class TextFields
{
    /// <summary>The error code recorded for a <see cref="TextRules"/> failure (as FrontendHost's).</summary>
    public const string ControlCharacterCode = "CONTROL_CHARACTER";

    /// <summary>A one-line field: clean under <see cref="TextRules"/> and at most <paramref name="maxLength"/> UTF-16 code
    /// units. <c>null</c> passes (required-ness is the field's own rule).</summary>
    public static IRuleBuilderOptions<T, string?> CleanSingleLine<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(value => TextRules.IsClean(value))
            .WithErrorCode(ControlCharacterCode)
            .WithMessage("'{PropertyName}' contains a control character, a bidirectional control or a lone surrogate.")
            .MaximumLength(maxLength);
}
