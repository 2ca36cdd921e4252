using System.Text.Json;

namespace OrleansRides.Runtime.Persistence;

internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}

internal sealed class PersistentState<TState>(GrainId grain, IGrainStorage storage, JsonSerializerOptions jsonOptions)
    : IPersistentState<TState>, IPersistentStateLoader where TState : class, new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await storage.ReadAsync(grain, cancellationToken);
        State = stored is null ? new() : (TState)JsonSerializer.Deserialize(stored.Json, jsonOptions.GetTypeInfo(typeof(TState)))!;
        Etag = stored?.Etag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(State, jsonOptions.GetTypeInfo(typeof(TState)));
        Etag = await storage.WriteAsync(grain, json, Etag, cancellationToken);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(grain, Etag, cancellationToken);
        Etag = null;
        State = new();
    }
}
