using FluentValidation;
using OrleansRides.Catalog;
using OrleansRides.Catalog.Subscriptions;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Text;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>Field rules for <see cref="SubscribeRequest"/>. Whether the ids exist is checked afterwards, against the
/// database (<see cref="SubscriptionService.UnknownFilterIdsAsync"/>).</summary>
public sealed class SubscribeValidator : AbstractValidator<SubscribeRequest>
{
    /// <summary>Builds the rules.</summary>
    public SubscribeValidator()
    {
        // The text rule refuses CR and LF first, so "a@b.c\r\nBcc: x@y.z" never reaches a mail header.
        RuleFor(r => r.Email).NotEmpty().SingleLineText(TextRules.MaxEmailLength).Must(EmailAddresses.IsValid).WithMessage("Not a valid email address.");
        RuleFor(r => r.Frequency).NotNull().WithMessage("daily, weekly or monthly.");
        RuleFor(r => r.RegionIds).AtMostFilterIds();
        RuleFor(r => r.TagIds).AtMostFilterIds();
    }
}

/// <summary>Field rules for <see cref="UpdateSubscriptionRequest"/> (every field optional).</summary>
public sealed class UpdateSubscriptionValidator : AbstractValidator<UpdateSubscriptionRequest>
{
    /// <summary>Builds the rules.</summary>
    public UpdateSubscriptionValidator()
    {
        RuleFor(r => r.RegionIds).AtMostFilterIds();
        RuleFor(r => r.TagIds).AtMostFilterIds();
    }
}

/// <summary>The bound on a subscription's region and tag filters.</summary>
public static class SubscriptionFilterRules
{
    /// <summary>Most ids in one filter.</summary>
    public const int MaxIds = 20;

    /// <summary>At most <see cref="MaxIds"/> ids.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<Guid>?> AtMostFilterIds<T>(this IRuleBuilder<T, IReadOnlyList<Guid>?> rule) =>
        rule.Must(ids => ids is null || ids.Count <= MaxIds).WithMessage($"At most {MaxIds} ids.");
}
