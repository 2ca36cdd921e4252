namespace OrleansRides.Site.Membership;

/// <summary>A partnership tier of the station: <c>{ id, slug, name, description, benefits, position }</c>.</summary>
/// <param name="Id">Tier id.</param>
/// <param name="Slug">URL slug, unique among tiers; what a registration's <c>partnershipType</c> names.</param>
/// <param name="Name">Display name (for example <c>Sahabat</c>).</param>
/// <param name="Description">Who the tier is for, or null.</param>
/// <param name="Benefits">What a partner of this tier receives, one line each, in display order.</param>
/// <param name="Position">Display order: lower first (ties by name).</param>
public sealed record Tier(Guid Id, string Slug, string Name, string? Description, IReadOnlyList<string> Benefits, int Position);

/// <summary><c>GET /api/v1/membership/info</c>: the tiers in display order.</summary>
/// <param name="Tiers">Every tier, by <see cref="Tier.Position"/>.</param>
public sealed record MembershipInfo(IReadOnlyList<Tier> Tiers);

/// <summary><c>POST /api/v1/membership/tiers</c> and <c>PUT /api/v1/membership/tiers/{id}</c> body. On create,
/// <see cref="Name"/> is required; on update every absent field keeps its value (a partial update).</summary>
/// <param name="Name">1–100 characters, one line.</param>
/// <param name="Slug">Optional <c>^[a-z0-9-]+$</c>, at most 60; on create derived from the name when absent; on update
/// changed only when given (registrations keep the slug they were made with).</param>
/// <param name="Description">At most 500 characters, multi-line; an empty string clears it on update.</param>
/// <param name="Benefits">At most <see cref="TierValidator.MaxBenefits"/> lines of 1–200 characters each.</param>
/// <param name="Position">Display order, 0–1000; 0 when absent on create.</param>
public sealed record TierRequest(string? Name, string? Slug, string? Description, IReadOnlyList<string?>? Benefits, int? Position);

/// <summary><c>POST /api/v1/membership/register</c> body: someone who wants to become a partner of the station.</summary>
/// <param name="Name">1–100 characters, one line.</param>
/// <param name="Email">A plain address (<c>local@domain.tld</c>), at most 254 characters; stored trimmed and lower-cased.</param>
/// <param name="Phone">Optional, at most 30 characters of digits, spaces, <c>+</c>, <c>-</c> and parentheses, with at
/// least 6 digits (E.164 numbers have up to 15).</param>
/// <param name="PartnershipType">The slug of an existing tier.</param>
/// <param name="Message">Optional, at most 2,000 characters, multi-line.</param>
public sealed record RegistrationRequest(string? Name, string? Email, string? Phone, string? PartnershipType, string? Message);

/// <summary>The answer to a registration: <c>{ id, createdAt }</c> (nothing else is echoed to an anonymous caller).</summary>
/// <param name="Id">Registration id.</param>
/// <param name="CreatedAt">When it was stored, UTC.</param>
public sealed record RegistrationReceipt(Guid Id, DateTimeOffset CreatedAt);

/// <summary>A stored registration as staff see it in <c>GET /api/v1/membership/registrations</c>.</summary>
/// <param name="Id">Registration id.</param>
/// <param name="Name">Who registered.</param>
/// <param name="Email">Their address, lower-cased.</param>
/// <param name="Phone">Their phone number as given, or null.</param>
/// <param name="PartnershipType">The tier slug chosen when registering (kept if the tier is later renamed or removed).</param>
/// <param name="Message">Their message, or null.</param>
/// <param name="CreatedAt">When it was stored, UTC.</param>
public sealed record Registration(Guid Id, string Name, string Email, string? Phone, string PartnershipType, string? Message, DateTimeOffset CreatedAt);
