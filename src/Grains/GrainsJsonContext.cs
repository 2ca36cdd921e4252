using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansRides.Grains.Rides;
using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.Grains;

/// <summary>Source-generated JSON metadata for grain state, grain call arguments and results, and the events grains publish.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RideState))]
[JsonSerializable(typeof(RideJoin))]
[JsonSerializable(typeof(PositionInput))]
[JsonSerializable(typeof(Position))]
[JsonSerializable(typeof(RideSnapshot))]
[JsonSerializable(typeof(LocationUpdated))]
[JsonSerializable(typeof(FollowerJoined))]
[JsonSerializable(typeof(FollowerLeft))]
[JsonSerializable(typeof(FollowersCount))]
[JsonSerializable(typeof(RideStarted))]
[JsonSerializable(typeof(LeaderOffline))]
[JsonSerializable(typeof(LeaderOnline))]
[JsonSerializable(typeof(RideEnded))]
public sealed partial class GrainsJsonContext : JsonSerializerContext;
