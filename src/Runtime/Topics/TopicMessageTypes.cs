namespace OrleansRides.Runtime.Topics;

/// <summary>The event types that may travel on topics between processes, by full name: a bus that carries events over the
/// wire (the RabbitMQ topic bus) deserializes only these. Filled by
/// <see cref="Hosting.GrainRuntimeBuilder.AddTopicMessageTypesDerivedFrom{TBase}"/>.</summary>
public sealed class TopicMessageTypes
{
    private readonly Dictionary<string, Type> _types = [];

    internal void Add(Type type) => _types[type.FullName!] = type;

    internal Type Resolve(string name) =>
        _types.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"'{name}' is not a registered topic message type.");
}
