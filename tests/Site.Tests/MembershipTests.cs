using Dapper;
using OrleansRides.Catalog;
using OrleansRides.Site.Membership;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Site.Tests;

/// <summary>Issue 10: membership tiers (seeded, staff-edited) and registrations for an existing tier, newest first.</summary>
[Collection(SiteCollection.Name)]
public sealed class MembershipTests(TestDatabase database)
{
    private readonly TierRepository _tiers = new(database.DataSource);
    private readonly RegistrationRepository _registrations = new(database.DataSource);

    // Tiers hold their benefits in an array, which record equality compares by reference.
    private static string Json(Tier? tier) => System.Text.Json.JsonSerializer.Serialize(tier);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    private static RegistrationRequest Registration(string partnershipType, string? name = null) =>
        new(name ?? "Budi Santoso", " Budi@Example.ORG ", "+62 21 555-1234", partnershipType, "Saya ingin membantu.\nTerima kasih.");

    [Fact]
    public async Task The_station_s_tiers_are_seeded_in_display_order()
    {
        var tiers = await _tiers.ListAsync(CancellationToken.None);

        var seeded = tiers.Where(t => t.Slug is "sahabat" or "mitra" or "donatur").Select(t => t.Slug).ToArray();
        Assert.Equal(["sahabat", "mitra", "donatur"], seeded);
        Assert.All(tiers.Where(t => seeded.Contains(t.Slug)), t => Assert.NotEmpty(t.Benefits));
    }

    [Fact]
    public async Task A_tier_is_created_with_a_derived_slug_updated_in_part_and_deleted()
    {
        var name = $"Pendukung {Guid.NewGuid():N}";
        var created = await _tiers.CreateAsync(new TierRequest($"  {name} ", null, "For supporters.", [" Newsletter ", "Thanks on air"], 7), CancellationToken.None);
        var tier = created.Value!;
        Assert.Equal((name, Slugs.From(name), "For supporters.", 7), (tier.Name, tier.Slug, tier.Description, tier.Position));
        Assert.Equal(["Newsletter", "Thanks on air"], tier.Benefits);

        var updated = (await _tiers.UpdateAsync(tier.Id, new TierRequest(null, null, "", null, 8), CancellationToken.None)).Value!;
        Assert.Equal(Json(tier with { Description = null, Position = 8 }), Json(updated));
        Assert.Equal(Json(updated), Json(await _tiers.FindAsync(tier.Id, CancellationToken.None)));

        Assert.Equal(WriteFailure.None, await _tiers.DeleteAsync(tier.Id, CancellationToken.None));
        Assert.Equal(WriteFailure.NotFound, await _tiers.DeleteAsync(tier.Id, CancellationToken.None));
        Assert.Equal(WriteFailure.NotFound, (await _tiers.UpdateAsync(tier.Id, new TierRequest("X", null, null, null, null), CancellationToken.None)).Failure);
    }

    [Fact]
    public async Task A_taken_slug_is_refused_on_create_and_update()
    {
        var first = (await _tiers.CreateAsync(new TierRequest("First", Unique("first"), null, null, null), CancellationToken.None)).Value!;
        var second = (await _tiers.CreateAsync(new TierRequest("Second", Unique("second"), null, null, null), CancellationToken.None)).Value!;

        Assert.Equal(WriteFailure.SlugTaken, (await _tiers.CreateAsync(new TierRequest("Again", first.Slug, null, null, null), CancellationToken.None)).Failure);
        Assert.Equal(WriteFailure.SlugTaken, (await _tiers.UpdateAsync(second.Id, new TierRequest(null, first.Slug, null, null, null), CancellationToken.None)).Failure);
    }

    [Theory]
    [InlineData("""{"name":null}""", "Name")]
    [InlineData("""{"name":"   "}""", "Name")]
    [InlineData("""{"name":"!!!"}""", "Slug")]
    [InlineData("""{"name":"Ok","slug":"Not A Slug"}""", "Slug")]
    [InlineData("""{"name":"Ok","description":"a\u0000b"}""", "Description")]
    [InlineData("""{"name":"Ok\u202Eevil"}""", "Name")]
    [InlineData("""{"name":"Ok","benefits":["fine","line\nbreak"]}""", "Benefits[1]")]
    [InlineData("""{"name":"Ok","benefits":[" "]}""", "Benefits[0]")]
    [InlineData("""{"name":"Ok","position":-1}""", "Position")]
    [InlineData("""{"name":"Ok","position":1001}""", "Position")]
    public void A_new_tier_s_fields_are_checked(string json, string field)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<TierRequest>(json, System.Text.Json.JsonSerializerOptions.Web)!;

        var result = new NewTierValidator().Validate(request);

        Assert.Contains(field, result.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public void Tier_limits_are_at_their_boundaries()
    {
        var validator = new NewTierValidator();
        Assert.True(validator.Validate(new TierRequest(new string('n', 100), null, new string('d', 500), [.. Enumerable.Repeat(new string('b', 200), 20)], 1000)).IsValid);
        Assert.False(validator.Validate(new TierRequest(new string('n', 101), null, null, null, null)).IsValid);
        Assert.False(validator.Validate(new TierRequest("Ok", null, new string('d', 501), null, null)).IsValid);
        Assert.False(validator.Validate(new TierRequest("Ok", null, null, [.. Enumerable.Repeat("b", 21)], null)).IsValid);
        Assert.False(validator.Validate(new TierRequest("Ok", null, null, [new string('b', 201)], null)).IsValid);
        Assert.True(new TierValidator().Validate(new TierRequest(null, null, null, null, null)).IsValid);
    }

    [Theory]
    [InlineData("+62 21 555-1234", true)]
    [InlineData("(021) 5551234", true)]
    [InlineData("081234567890", true)]
    [InlineData("12345", false)]
    [InlineData("+1 234 567 890 123 456", false)]
    [InlineData("0812-abc-999", false)]
    [InlineData("0812.555.999", false)]
    public void Phone_numbers_are_digits_spaces_plus_hyphens_and_parentheses(string phone, bool valid) =>
        Assert.Equal(valid, RegistrationValidator.IsPhoneNumber(phone));

    [Fact]
    public void Registrations_are_checked_field_by_field()
    {
        var validator = new RegistrationValidator();
        string[] Fields(RegistrationRequest request) => [.. validator.Validate(request).Errors.Select(e => e.PropertyName).Distinct().Order()];

        Assert.Empty(Fields(Registration("sahabat")));
        Assert.Empty(Fields(Registration("sahabat") with { Phone = null, Message = null }));
        Assert.Equal(["Email", "Name", "PartnershipType"], Fields(new RegistrationRequest(null, null, null, null, null)));
        Assert.Equal(["Email"], Fields(Registration("sahabat") with { Email = "Budi <budi@example.org>" }));
        Assert.Equal(["Email"], Fields(Registration("sahabat") with { Email = "budi@localhost" }));
        Assert.Equal(["Phone"], Fields(Registration("sahabat") with { Phone = new string('1', 31) }));
        Assert.Equal(["Message"], Fields(Registration("sahabat") with { Message = new string('m', 2001) }));
        Assert.Empty(Fields(Registration("sahabat") with { Message = new string('m', 2000) }));
        Assert.Equal(["Message", "Name", "Phone"], Fields(new RegistrationRequest("a\u001Bb", "a@example.org", "0812\u0000555", "sahabat", "x\u202Ey")));
    }

    [Fact]
    public async Task A_registration_is_stored_for_an_existing_tier_only()
    {
        var receipt = await _registrations.RegisterAsync(Registration("mitra", "Gereja Kasih"), CancellationToken.None);
        var unknown = await _registrations.RegisterAsync(Registration(Unique("no-such-tier")), CancellationToken.None);

        Assert.NotNull(receipt);
        Assert.Null(unknown);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var stored = await connection.QuerySingleAsync<(string Email, string Phone, string Type, string Message)>(
            "SELECT email, phone, partnership_type, message FROM membership_registrations WHERE id = @id", new { id = receipt!.Id });
        Assert.Equal(("budi@example.org", "+62 21 555-1234", "mitra", "Saya ingin membantu.\nTerima kasih."), stored);
    }

    [Fact]
    public async Task Registrations_list_newest_first_and_pages_count_from_the_total()
    {
        var names = Enumerable.Range(1, 3).Select(i => $"Pendaftar {i} {Guid.NewGuid():N}").ToArray();
        foreach (var name in names)
        {
            await _registrations.RegisterAsync(Registration("sahabat", name), CancellationToken.None);
        }

        var first = await _registrations.ListAsync(new PageQuery(1, 50), CancellationToken.None);
        Assert.Equal(names.Reverse(), first.Items.Select(r => r.Name).Where(names.Contains));
        Assert.True(first.Items.Zip(first.Items.Skip(1)).All(pair => pair.First.CreatedAt >= pair.Second.CreatedAt));

        var one = await _registrations.ListAsync(new PageQuery(1, 1), CancellationToken.None);
        Assert.Single(one.Items);
        Assert.Equal((one.Pagination.Total, true, false), (one.Pagination.TotalPages, one.Pagination.HasNext, one.Pagination.HasPrev));
        var past = await _registrations.ListAsync(new PageQuery(int.MaxValue, 50), CancellationToken.None);
        Assert.Empty(past.Items);
        Assert.True(past.Pagination is { HasNext: false, HasPrev: true } && past.Pagination.Total >= 3);
    }
}
