using System.Text.Json.Nodes;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>What <c>GET /api/v1/hubs/contract.json</c> returns: every SignalR hub this frontend maps, read by reflection
/// at start-up, so a new hub or hub method appears with no extra code (the hostile-input suite reads it to cover them).</summary>
/// <param name="Hubs">One entry per mapped hub, in mapping order.</param>
public sealed record HubContractDocument(IReadOnlyList<HubDescription> Hubs);

/// <summary>A hub.</summary>
/// <param name="Path">Its URL path, for example <c>/hubs/ride</c>.</param>
/// <param name="Name">The hub class, for example <c>RideHub</c>.</param>
/// <param name="Access">Who may connect; <c>null</c> when anyone may (no authorization on the hub).</param>
/// <param name="Methods">The methods a client may invoke, by name (ordinal order).</param>
/// <param name="Callbacks">The events the server pushes to clients (the hub's client interface), by name (ordinal order).</param>
public sealed record HubDescription(
    string Path, string Name, HubAccess? Access, IReadOnlyList<HubMethodDescription> Methods, IReadOnlyList<HubCallbackDescription> Callbacks);

/// <summary>An event the server pushes (<c>connection.on(name, …)</c>).</summary>
/// <param name="Name">The callback's name, camelCase as clients register it (SignalR matches it case-insensitively).</param>
/// <param name="Payload">The .NET type of its one argument, or <c>null</c> for none.</param>
/// <param name="Schema">The JSON Schema of that argument, or <c>null</c>.</param>
public sealed record HubCallbackDescription(string Name, string? Payload, JsonNode? Schema);

/// <summary>Who may connect to a hub (from its <c>[Authorize]</c> policies).</summary>
/// <param name="Authenticated">Always <c>true</c>: a valid token is needed (HTTP 401 at negotiation without one).</param>
/// <param name="Roles">The roles the policies allow (HTTP 403 for any other), or <c>null</c> when any signed-in caller may.</param>
public sealed record HubAccess(bool Authenticated, IReadOnlyList<string>? Roles);

/// <summary>A hub method.</summary>
/// <param name="Name">The name to invoke, case-insensitive (SignalR's rule).</param>
/// <param name="Parameters">Its arguments, in order; a call must pass exactly these.</param>
/// <param name="Returns">The result's .NET type name (<c>void</c> for none).</param>
public sealed record HubMethodDescription(string Name, IReadOnlyList<HubParameterDescription> Parameters, string Returns);

/// <summary>One argument of a hub method.</summary>
/// <param name="Name">The parameter's name (camelCase).</param>
/// <param name="Type">Its JSON type: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>array</c>, <c>object</c>,
/// or <c>json</c> for a raw JSON argument the hub checks itself (any JSON value binds; a wrong one is a typed error).</param>
/// <param name="DescribedBy">For a <c>json</c> argument, the record it is parsed into when one is found by the naming rule
/// of <see cref="HubContract"/>; else <c>null</c>.</param>
/// <param name="Schema">The JSON Schema of <paramref name="DescribedBy"/> (or of a typed parameter), or <c>null</c>.</param>
public sealed record HubParameterDescription(string Name, string Type, string? DescribedBy, JsonNode? Schema);
