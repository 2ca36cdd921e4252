using FluentValidation;

namespace OrleansRides.Catalog.Sessions;

/// <summary>The rule of a <c>fingerprint</c> field wherever a request may name its session by one.</summary>
public static class SessionFields
{
    /// <summary>Absent, or 1 to <see cref="SessionRules.MaxFingerprintLength"/> characters of one clean line.</summary>
    public static IRuleBuilderOptions<T, string?> Fingerprint<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(fingerprint => fingerprint is null || fingerprint.Length > 0).WithMessage("'{PropertyName}' must not be empty.")
            .SingleLineText(SessionRules.MaxFingerprintLength);
}
