using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansRides.Grains.Rides;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.GrainInterfaces.Studio;

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
[JsonSerializable(typeof(RideCancelled))]
[JsonSerializable(typeof(RideLiveState))]
[JsonSerializable(typeof(RideCancellation))]
[JsonSerializable(typeof(ChatMember))]
[JsonSerializable(typeof(ChatMessageInput))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(RoomSnapshot))]
[JsonSerializable(typeof(RoomSettings))]
[JsonSerializable(typeof(ModerationRequest))]
[JsonSerializable(typeof(NewMessage))]
[JsonSerializable(typeof(UserJoined))]
[JsonSerializable(typeof(UserLeft))]
[JsonSerializable(typeof(PresenceCount))]
[JsonSerializable(typeof(MessageModerated))]
[JsonSerializable(typeof(SystemAnnouncement))]
[JsonSerializable(typeof(MemberRemoved))]
[JsonSerializable(typeof(RoomClosed))]
[JsonSerializable(typeof(MemberMuted))]
[JsonSerializable(typeof(SongRequest))]
[JsonSerializable(typeof(IReadOnlyList<SongRequest>))]
[JsonSerializable(typeof(NewSongRequest))]
[JsonSerializable(typeof(RequestApproved))]
[JsonSerializable(typeof(RequestRejected))]
[JsonSerializable(typeof(IReadOnlyList<Guid>))]
public sealed partial class GrainsJsonContext : JsonSerializerContext;
