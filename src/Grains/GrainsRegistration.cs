using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.GrainInterfaces.Sessions;
using OrleansRides.GrainInterfaces.Studio;
using OrleansRides.Grains.Chat;
using OrleansRides.Grains.Rides;
using OrleansRides.Grains.Sessions;
using OrleansRides.Grains.Studio;
using OrleansRides.Runtime.Hosting;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Grains;

/// <summary>Registers the application's grains with a grain runtime.</summary>
public static class GrainsRegistration
{
    /// <summary>Adds the ride grain, its options (section <c>Rides</c>) and its PostgreSQL store, and the JSON context.
    /// Needs an <see cref="Npgsql.NpgsqlDataSource"/> singleton.</summary>
    public static GrainRuntimeBuilder AddRideGrains(this GrainRuntimeBuilder builder)
    {
        builder.Services.AddOptions<RideOptions>().BindConfiguration(RideOptions.SectionName)
            .Validate(o => o.MaxUpdatesPerSecond > 0 && o.TrailLength > 0 && o.CheckpointInterval > TimeSpan.Zero
                    && o.TrackFlushInterval > TimeSpan.Zero,
                "Rides: MaxUpdatesPerSecond, TrailLength, CheckpointInterval and TrackFlushInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IRideStore, PostgresRideStore>();
        builder.Services.TryAddSingleton<PersistenceMetrics>();
        return builder.AddGrain<IRideGrain, RideGrain>()
            .AddJsonContext(GrainsJsonContext.Default)
            .AddTopicMessageTypesDerivedFrom<RideEvent>();
    }

    /// <summary>Adds the chat room and studio grains, their options (section <c>Chat</c>), their PostgreSQL stores and the
    /// JSON context. Needs an <see cref="Npgsql.NpgsqlDataSource"/> singleton.</summary>
    public static GrainRuntimeBuilder AddChatGrains(this GrainRuntimeBuilder builder)
    {
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.SectionName)
            .Validate(o => o.PresenceInterval > TimeSpan.Zero && o.PresenceDetailLimit >= 0,
                "Chat: PresenceInterval must be positive, PresenceDetailLimit not negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IChatStore, PostgresChatStore>();
        builder.Services.TryAddSingleton<PersistenceMetrics>();
        builder.Services.AddSingleton<ISongRequestStore, PostgresSongRequestStore>();
        return builder.AddGrain<IChatRoomGrain, ChatRoomGrain>()
            .AddGrain<IStudioGrain, StudioGrain>()
            .AddJsonContext(GrainsJsonContext.Default)
            .AddTopicMessageTypesDerivedFrom<ChatEvent>()
            .AddTopicMessageTypesDerivedFrom<StudioEvent>();
    }

    /// <summary>Adds the anonymous session grain (interests, connections, the live chat's per-session budget) and its
    /// PostgreSQL store. Needs an <see cref="Npgsql.NpgsqlDataSource"/> singleton.</summary>
    public static GrainRuntimeBuilder AddSessionGrains(this GrainRuntimeBuilder builder)
    {
        builder.Services.AddSingleton<ISessionStore, PostgresSessionStore>();
        return builder.AddGrain<ISessionGrain, SessionGrain>().AddJsonContext(GrainsJsonContext.Default);
    }
}
