using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using OrleansRides.FrontendHost.Chat;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.FrontendHost.Rides;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 8, item 1: control characters and lone surrogates in any text field are a typed 400, never a 5xx.</summary>
[Collection(FrontendCollection.Name)]
public sealed class TextHygieneTests : IAsyncLifetime
{
    // JSON escapes, so that the body carries exactly these code units: NUL, BEL, ESC, NEL (C1) and a lone high surrogate.
    public static TheoryData<string> BadText => new() { @"x\u0000", @"bell\u0007", @"esc\u001b[31m", @"next\u0085line", @"lone\ud800", @"rtl\u202eevil", @"isolate\u2066x" };

    // One frontend for every case (a frontend costs close to a second to start; these cases leave nothing behind), with
    // the per-address limits of the endpoints they post to lifted, since all cases come from one address.
    private static readonly Lazy<FrontendFactory> SharedFactory = new(() => Frontend()
        .With("RateLimits:ChatSessionsPerMinute", "100000").With("RateLimits:SignupsPerHour", "100000")
        .With("RateLimits:RouteCreationsPerMinute", "100000").With("RateLimits:ServiceRequestsPerMinute", "100000")
        .With("RateLimits:SessionsPerMinute", "100000").With("RateLimits:DemandRequestsPerMinute", "100000")
        .With("RateLimits:SubscriptionsPerHour", "100000").With("RateLimits:TestimonialsPerHour", "100000")
        .With("RateLimits:MembershipRegistrationsPerHour", "100000").With("RateLimits:RefreshesPerHour", "100000"));
    private readonly FrontendFactory _factory = SharedFactory.Value;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task A_live_chat_session_name_with_a_control_character_is_a_400(string bad)
    {
        var response = await PostRawAsync("/api/v1/livechat/session", $$"""{"displayName":"{{bad}}"}""", null);

        await AssertTypedBadRequestAsync(response, "displayName");
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task Signup_and_login_fields_with_a_control_character_are_a_400(string bad)
    {
        var email = NewEmail();
        await AssertTypedBadRequestAsync(await PostRawAsync("/api/v1/auth/signup", $$"""{"email":"{{email}}","password":"password-1","name":"{{bad}}"}""", null), "name");
        await AssertTypedBadRequestAsync(await PostRawAsync("/api/v1/auth/signup", $$"""{"email":"{{bad}}@x.org","password":"password-1","name":"A"}""", null), "email");
        await AssertTypedBadRequestAsync(await PostRawAsync("/api/v1/auth/signup", $$"""{"email":"{{email}}","password":"password-1{{bad}}","name":"A"}""", null), "password");
        await AssertTypedBadRequestAsync(await PostRawAsync("/api/v1/auth/login", $$"""{"email":"{{email}}{{bad}}","password":"password-1"}""", null), "email");
    }

    [Fact]
    public async Task A_5_KB_email_is_a_400_on_signup_and_login_not_a_503()
    {
        var huge = new string('a', 5000) + "@example.org";
        await AssertTypedBadRequestAsync(await _client.PostAsJsonAsync("/api/v1/auth/signup", new { email = huge, password = "password-1", name = "A" }), "email");
        await AssertTypedBadRequestAsync(await _client.PostAsJsonAsync("/api/v1/auth/login", new { email = huge, password = "password-1" }), "email");
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task Route_names_descriptions_and_waypoint_names_with_a_control_character_are_a_400(string bad)
    {
        string Route(string name, string description, string waypoint) =>
            $$"""{"name":"{{name}}","description":"{{description}}","departureTime":"07:30","regionId":"{{SeededCatalog.BerlinJson}}","waypoints":[{"lat":-6.2,"lng":106.8,"name":"{{waypoint}}"}]}""";

        await AssertTypedBadRequestAsync(await PostRawAsync("/api/v1/routes", Route(bad, "d", "w"), null), "name");
        await AssertTypedBadRequestAsync(await PostRawAsync("/api/v1/routes", Route("n", bad, "w"), null), "description");
        await AssertTypedBadRequestAsync(await PostRawAsync("/api/v1/routes", Route("n", "d", bad), null), "waypoints[0].name");
    }

    [Fact]
    public async Task Multi_line_fields_keep_line_feeds_and_tabs_one_line_fields_refuse_them()
    {
        var multi = await PostRawAsync("/api/v1/routes",
            $$"""{"name":"Sunday ride","description":"Meet at 7.\n\tBring water.","departureTime":"07:30","regionId":"{{SeededCatalog.BerlinJson}}","waypoints":[{"lat":-6.2,"lng":106.8}]}""", null);
        var single = await PostRawAsync("/api/v1/routes",
            $$"""{"name":"Sunday\nride","departureTime":"07:30","regionId":"{{SeededCatalog.BerlinJson}}","waypoints":[{"lat":-6.2,"lng":106.8}]}""", null);

        Assert.Equal(HttpStatusCode.Created, multi.StatusCode);
        Assert.Equal("Meet at 7.\n\tBring water.", (await multi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("description").GetString());
        await AssertTypedBadRequestAsync(single, "name");
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task Song_and_prayer_requests_with_a_control_character_are_a_400(string bad)
    {
        await AssertTypedBadRequestAsync(await PostRawAsync("/api/v1/services/song_request", $$"""{"title":"{{bad}}","requesterName":"Ann"}""", null), "title");
        await AssertTypedBadRequestAsync(await PostRawAsync("/api/v1/services/song_request", $$"""{"title":"Song","requesterName":"Ann","message":"{{bad}}"}""", null), "message");
        await AssertTypedBadRequestAsync(await PostRawAsync("/api/v1/services/prayer", $$"""{"request":"{{bad}}"}""", null), "request");
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task Lounges_moderation_reasons_and_banned_terms_with_a_control_character_are_a_400(string bad)
    {
        var admin = await AdminTokenAsync(_client);

        await AssertTypedBadRequestAsync(await PostRawAsync("/api/v1/lounges", $$"""{"name":"{{bad}}"}""", admin), "name");
        await AssertTypedBadRequestAsync(await PostRawAsync($"/api/v1/livechat/messages/{Guid.NewGuid()}/moderate", $$"""{"action":"hide","reason":"{{bad}}"}""", admin), "reason");
        using var settings = new HttpRequestMessage(HttpMethod.Put, "/api/v1/rooms/radio/live/settings")
        {
            Content = new StringContent($$"""{"bannedTerms":["ok","{{bad}}"]}""", Encoding.UTF8, "application/json"),
        };
        settings.Headers.Authorization = new("Bearer", admin);
        await AssertTypedBadRequestAsync(await _client.SendAsync(settings), "bannedTerms[1]");
    }

    [Fact]
    public async Task Every_JSON_body_of_every_endpoint_has_a_validator_that_refuses_NUL_in_each_string_field()
    {
        var bodyTypes = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAcceptsMetadata>())
            .Select(m => m.RequestType).OfType<Type>().Distinct().ToList();
        Assert.NotEmpty(bodyTypes);

        foreach (var type in bodyTypes)
        {
            var validator = (IValidator?)_factory.Services.GetService(typeof(IValidator<>).MakeGenericType(type));
            Assert.True(validator is not null, $"{type.Name} has no IValidator<{type.Name}> registered");
            var (instance, paths) = Poisoned(type, "");
            var failed = validator.Validate(new ValidationContext<object>(instance)).Errors.Select(e => e.PropertyName).ToHashSet();
            foreach (var path in paths)
            {
                Assert.True(failed.Contains(path), $"{type.Name}.{path} accepts U+0000 (errors: {string.Join(", ", failed)})");
            }
        }
    }

    [Fact]
    public void Every_string_of_a_hub_request_is_checked_and_only_chat_text_may_span_lines()
    {
        static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

        var name = Assert.Throws<HubException>(() => HubArguments.Parse<JoinRideRequest>(Json("""{"accessCode":"ABCDEF","role":"follower","displayName":"x\u0000"}"""), "INVALID_REQUEST"));
        var key = Assert.Throws<HubException>(() => HubArguments.Parse<JoinRideRequest>(Json("""{"accessCode":"ABCDEF","role":"leader","leaderKey":"k\u001b"}"""), "INVALID_REQUEST"));
        var surrogate = Assert.Throws<HubException>(() => HubArguments.Parse<SendMessageRequest>(Json("""{"room":"radio/live","text":"\ud800"}"""), "INVALID_REQUEST"));
        var clientId = Assert.Throws<HubException>(() => HubArguments.Parse<SendMessageRequest>(Json("""{"room":"radio/live","text":"hi","clientMessageId":"a\nb"}"""), "INVALID_REQUEST"));
        var bareString = Assert.Throws<HubException>(() => HubArguments.String(Json("""["\udc00"]""")[0], "room", "INVALID_REQUEST"));
        var text = HubArguments.Parse<SendMessageRequest>(Json("""{"room":"radio/live","text":"one\n\ttwo"}"""), "INVALID_REQUEST");

        Assert.Equal("INVALID_REQUEST: displayName contains the control character U+0000.", name.Message);
        Assert.StartsWith("INVALID_REQUEST: leaderKey contains the control character", key.Message);
        Assert.StartsWith("INVALID_REQUEST: text", surrogate.Message);
        Assert.StartsWith("INVALID_REQUEST: clientMessageId contains the control character U+000A", clientId.Message);
        Assert.StartsWith("INVALID_REQUEST: room contains a lone surrogate", bareString.Message);
        Assert.Equal("one\n\ttwo", text.Text);
    }

    /// <summary>An instance of a request record whose every string (also inside lists and nested records) is "x\0", and the
    /// FluentValidation property paths of those strings.</summary>
    private static (object Instance, List<string> Paths) Poisoned(Type type, string prefix)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var paths = new List<string>();
        var arguments = constructor.GetParameters().Select(p =>
        {
            var name = char.ToUpperInvariant(p.Name![0]) + p.Name[1..];
            var path = prefix + name;
            var parameterType = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            if (parameterType == typeof(string))
            {
                paths.Add(path);
                return "x\0";
            }
            var element = parameterType.IsArray ? parameterType.GetElementType()
                : parameterType.IsGenericType && parameterType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? parameterType.GetGenericArguments()[0] : null;
            if (element == typeof(string))
            {
                paths.Add($"{path}[0]");
                return new[] { "x\0" };
            }
            if (element is { IsClass: true })
            {
                var (item, itemPaths) = Poisoned(element, $"{path}[0].");
                paths.AddRange(itemPaths);
                var array = Array.CreateInstance(element, 1);
                array.SetValue(item, 0);
                return array;
            }
            return p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null;
        }).ToArray();
        return (constructor.Invoke(arguments), paths);
    }

    private async Task<HttpResponseMessage> PostRawAsync(string path, string json, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        return await _client.SendAsync(request);
    }

    /// <summary>400 with a stable code naming the field: VALIDATION_FAILED from the text rule, or MALFORMED_JSON where
    /// System.Text.Json itself refuses to make a string of a lone surrogate.</summary>
    private static async Task AssertTypedBadRequestAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Contains(problem.GetProperty("code").GetString(), new[] { ApiProblems.ValidationFailed, ApiProblems.MalformedJson });
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
    }
}
