using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using OrleansRides.FrontendHost.Catalog;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary><c>GET /api/v1/hubs/contract.json</c>: the hub methods are not in the OpenAPI document, so this describes them
/// (see <see cref="HubContractDocument"/>), read by reflection over the hubs the endpoint table maps. A raw JSON
/// argument (<see cref="JsonElement"/>) is described by the record it is parsed into, found by name: <c>{Method}Request</c>
/// for a parameter named <c>request</c>, else <c>{Parameter}Input</c> or <c>{Parameter}Request</c> (PascalCase), looked up
/// in the hub's own assembly and the OrleansRides assemblies it references.</summary>
public static class HubContract
{
    /// <summary>Where the contract is served.</summary>
    public const string Path = "/api/v1/hubs/contract.json";

    // The hubs' argument conventions: camelCase, enums as camelCase strings (see RealtimeHubs and HubArguments).
    private static readonly JsonSerializerOptions SchemaOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Maps <see cref="Path"/> (anonymous: it tells no more than the public protocol document).</summary>
    public static IEndpointRouteBuilder MapHubContract(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async Task<Ok<DataEnvelope<HubContractDocument>>> (EndpointDataSource endpoints, IAuthorizationPolicyProvider policies) =>
                TypedResults.Ok(new DataEnvelope<HubContractDocument>(await DescribeAsync(endpoints.Endpoints, policies))))
            .WithTags("Hubs").WithSummary("The SignalR hubs, their methods and arguments, by reflection.");
        return app;
    }

    /// <summary>Describes every hub endpoint among <paramref name="endpoints"/> (negotiate endpoints skipped).</summary>
    public static async Task<HubContractDocument> DescribeAsync(IEnumerable<Endpoint> endpoints, IAuthorizationPolicyProvider policies)
    {
        var hubs = new List<HubDescription>();
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<HubMetadata>() is not { } hub || endpoint.Metadata.GetMetadata<NegotiateMetadata>() is not null)
            {
                continue;
            }
            var access = await AccessAsync(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), policies);
            hubs.Add(new HubDescription("/" + endpoint.RoutePattern.RawText!.Trim('/'), hub.HubType.Name, access, Methods(hub.HubType),
                Callbacks(hub.HubType)));
        }
        return new HubContractDocument(hubs);
    }

    /// <summary>Who the <c>[Authorize]</c> data of an endpoint admits; <c>null</c> when it has none.</summary>
    internal static async Task<HubAccess?> AccessAsync(IReadOnlyList<IAuthorizeData> authorize, IAuthorizationPolicyProvider policies)
    {
        if (authorize.Count == 0)
        {
            return null;
        }
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var data in authorize)
        {
            var policy = data.Policy is { } name ? await policies.GetPolicyAsync(name) : await policies.GetDefaultPolicyAsync();
            roles.UnionWith(policy?.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
                .SelectMany(r => r.AllowedRoles) ?? []);
            roles.UnionWith(data.Roles?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []);
        }
        return new HubAccess(true, roles.Count == 0 ? null : [.. roles]);
    }

    // SignalR's rule for what a client may invoke: public instance methods of the hub, not those of Hub itself or object.
    private static IReadOnlyList<HubMethodDescription> Methods(Type hubType) =>
        [.. hubType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType is { } owner
                && owner.Assembly != typeof(Hub).Assembly && owner != typeof(object))
            .Select(m => new HubMethodDescription(
                m.GetCustomAttribute<HubMethodNameAttribute>()?.Name ?? m.Name,
                [.. m.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => Parameter(hubType, m, p))],
                ResultName(m.ReturnType)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)];

    // A strongly typed hub (Hub<TClient>) pushes exactly the methods of TClient; a plain Hub declares none.
    private static IReadOnlyList<HubCallbackDescription> Callbacks(Type hubType)
    {
        var hub = hubType;
        while (hub is not null && !(hub.IsGenericType && hub.GetGenericTypeDefinition() == typeof(Hub<>)))
        {
            hub = hub.BaseType;
        }
        if (hub is null)
        {
            return [];
        }
        return [.. hub.GetGenericArguments()[0].GetMethods()
            .Select(m => (Method: m, Payload: m.GetParameters().FirstOrDefault()?.ParameterType))
            .Select(c => new HubCallbackDescription(JsonNamingPolicy.CamelCase.ConvertName(c.Method.Name), c.Payload?.Name,
                c.Payload is null ? null : Schema(c.Payload)))
            .OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    private static HubParameterDescription Parameter(Type hubType, MethodInfo method, ParameterInfo parameter)
    {
        var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
        if (parameter.ParameterType != typeof(JsonElement))
        {
            return new HubParameterDescription(name, JsonType(parameter.ParameterType), null, Schema(parameter.ParameterType));
        }
        var describedBy = DescribingRecord(hubType, method.Name, parameter.Name!);
        return new HubParameterDescription(name, "json", describedBy?.Name, describedBy is null ? null : Schema(describedBy));
    }

    private static Type? DescribingRecord(Type hubType, string method, string parameter)
    {
        var pascal = char.ToUpperInvariant(parameter[0]) + parameter[1..];
        string[] names = parameter == "request" ? [$"{method}Request"] : [$"{pascal}Input", $"{pascal}Request"];
        var prefix = hubType.Assembly.GetName().Name!.Split('.')[0] + ".";
        var assemblies = hubType.Assembly.GetReferencedAssemblies().Where(a => a.Name!.StartsWith(prefix, StringComparison.Ordinal))
            .Select(Assembly.Load).Prepend(hubType.Assembly);
        return assemblies.SelectMany(a => a.GetExportedTypes()).FirstOrDefault(t => names.Contains(t.Name, StringComparer.Ordinal));
    }

    private static JsonNode Schema(Type type) => JsonSchemaExporter.GetJsonSchemaAsNode(SchemaOptions, type);

    private static string JsonType(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) || t == typeof(Guid) || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t.IsEnum => "string",
        var t when t == typeof(bool) => "boolean",
        var t when t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) => "integer",
        var t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "number",
        var t when t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) => "array",
        _ => "object",
    };

    private static string ResultName(Type type)
    {
        var result = type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;
        if (result == typeof(void) || result == typeof(Task) || result == typeof(ValueTask))
        {
            return "void";
        }
        return result.IsGenericType ? $"{result.Name[..result.Name.IndexOf('`')]}<{string.Join(", ", result.GetGenericArguments().Select(ResultName))}>" : result.Name;
    }
}
