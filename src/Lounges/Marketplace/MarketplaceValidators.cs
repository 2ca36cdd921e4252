using FluentValidation;
using OrleansRides.Catalog;

namespace OrleansRides.Lounges.Marketplace;

/// <summary>A price: a whole amount 0 to <see cref="Money.MaxAmountMinor"/> and an active ISO 4217 code (error code
/// <c>UNKNOWN_CURRENCY</c>).</summary>
public sealed class PriceValidator : AbstractValidator<PriceInput>
{
    /// <summary>The rules.</summary>
    public PriceValidator()
    {
        RuleFor(p => p.AmountMinor).NotNull().InclusiveBetween(0, Money.MaxAmountMinor);
        RuleFor(p => p.Currency).NotEmpty().Must(Currencies.IsKnown)
            .WithErrorCode(LoungeErrors.UnknownCurrency).WithMessage("Not an active ISO 4217 currency code (upper case, e.g. IDR).");
    }
}

/// <summary>A new or changed listing.</summary>
public sealed class ListingRequestValidator : AbstractValidator<ListingRequest>
{
    /// <summary>The rules.</summary>
    public ListingRequestValidator()
    {
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.Title).NotEmpty().SingleLineText(120);
        RuleFor(r => r.Description).MultiLineText(2000);
        RuleFor(r => r.Price).NotNull().SetValidator(new PriceValidator()!);
    }
}

/// <summary>A purchase: the idempotency key is 1 to 64 printable ASCII characters (U+0021 to U+007E).</summary>
public sealed class PurchaseRequestValidator : AbstractValidator<PurchaseRequest>
{
    /// <summary>The rules.</summary>
    public PurchaseRequestValidator()
    {
        RuleFor(r => r.IdempotencyKey).NotEmpty().MaximumLength(64)
            .Must(key => key is null || key.All(c => c is >= '!' and <= '~'))
            .WithErrorCode(TextValidation.ControlCharacterCode).WithMessage("Only printable ASCII characters, no spaces.");
    }
}
