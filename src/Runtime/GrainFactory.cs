using System.Reflection;
using Microsoft.Extensions.Options;
using OrleansRides.Runtime.Activation;
using OrleansRides.Runtime.Calls;
using OrleansRides.Runtime.Hosting;

namespace OrleansRides.Runtime;

/// <summary>Creates grain references: <see cref="DispatchProxy"/> instances that send every call through the
/// configured <see cref="IGrainCallDispatcher"/>.</summary>
internal sealed class GrainFactory(
    GrainTypeRegistry registry, IGrainCallDispatcher dispatcher, TimeProvider timeProvider, IOptions<GrainRuntimeOptions> options)
    : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var id = new GrainId(registry.TypeNameOf<TGrainInterface>(), key);
        var proxy = DispatchProxy.Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)proxy).Initialize(id, dispatcher, timeProvider, options.Value.CallTimeout);
        return proxy;
    }
}
