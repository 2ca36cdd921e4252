using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansRides.Runtime.Persistence;

namespace OrleansRides.Runtime.Activation;

/// <summary>How to build and activate grains of one type.</summary>
internal sealed class GrainTypeRegistration
{
    private readonly Type _implementation;
    private readonly Type? _stateType;

    public GrainTypeRegistration(string typeName, Type implementation, TimeSpan? idleAge)
    {
        TypeName = typeName;
        _implementation = implementation;
        IdleAge = idleAge;
        var stateParameters = implementation.GetConstructors().Single().GetParameters()
            .Where(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .ToArray();
        if (stateParameters.Length > 1)
        {
            throw new InvalidOperationException($"{implementation.Name} takes more than one IPersistentState<T>; one state per grain is supported.");
        }
        _stateType = stateParameters.SingleOrDefault()?.ParameterType.GetGenericArguments()[0];
    }

    public string TypeName { get; }

    /// <summary>Collection age for this type; <c>null</c> means the configured default.</summary>
    public TimeSpan? IdleAge { get; }

    /// <summary>Creates the grain, reads its persistent state, binds it and runs <see cref="Grain.OnActivateAsync"/>.</summary>
    public async Task<Grain> ActivateAsync(GrainActivation activation, CancellationToken cancellationToken)
    {
        var runtime = activation.Runtime;
        object[] extraArguments = [];
        if (_stateType is not null)
        {
            var state = (IPersistentStateLoader)Activator.CreateInstance(
                typeof(PersistentState<>).MakeGenericType(_stateType), activation.Id, runtime.Storage, runtime.JsonOptions)!;
            await state.ReadStateAsync(cancellationToken);
            extraArguments = [state];
        }
        var grain = (Grain)ActivatorUtilities.CreateInstance(runtime.Services, _implementation, extraArguments);
        grain.Bind(activation, runtime.Services.GetRequiredService<IGrainFactory>());
        await grain.OnActivateAsync(cancellationToken);
        return grain;
    }
}

/// <summary>Grain interfaces and their implementations, by interface and by grain type name.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, string> _typeNames = [];
    private readonly Dictionary<string, GrainTypeRegistration> _registrations = [];
    private readonly Dictionary<(string Interface, string Method), MethodInfo> _methodsByName = [];

    internal void Add(Type grainInterface, Type implementation, TimeSpan? idleAge)
    {
        var typeName = TypeNameOf(grainInterface);
        if (grainInterface.GetMethods().GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1) is { } overloaded)
        {
            throw new InvalidOperationException($"{grainInterface.Name}.{overloaded.Key} is overloaded; grain methods are addressed by name.");
        }
        _typeNames[grainInterface] = typeName;
        foreach (var method in grainInterface.GetMethods())
        {
            _methodsByName[(grainInterface.FullName!, method.Name)] = method;
        }
        _registrations[typeName] = new GrainTypeRegistration(typeName, implementation, idleAge);
    }

    internal string TypeNameOf<TGrainInterface>() =>
        _typeNames.TryGetValue(typeof(TGrainInterface), out var name)
            ? name
            : throw new InvalidOperationException($"No grain implementation is registered for {typeof(TGrainInterface).Name}.");

    internal GrainTypeRegistration Get(string typeName) =>
        _registrations.TryGetValue(typeName, out var registration)
            ? registration
            : throw new InvalidOperationException($"Unknown grain type '{typeName}'.");

    /// <summary>The method <paramref name="methodName"/> of the registered grain interface named <paramref name="interfaceName"/>
    /// (its full name), for calls that arrive as messages; null when unknown.</summary>
    internal MethodInfo? FindMethod(string interfaceName, string methodName) =>
        _methodsByName.GetValueOrDefault((interfaceName, methodName));

    /// <summary>The grain type name of an interface: <c>IRideGrain</c> → <c>ride</c>, <c>IChatRoomGrain</c> → <c>chatroom</c>.
    /// It keys persisted state, so renaming an interface orphans its stored state.</summary>
    public static string TypeNameOf(MemberInfo grainInterface)
    {
        var name = grainInterface.Name;
        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name[1..];
        }
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }
        return name.ToLowerInvariant();
    }
}
