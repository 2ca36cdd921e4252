namespace OrleansRides.Runtime;

/// <summary>Hands out grain references, as Orleans' <c>IGrainFactory</c>.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrainInterface"/> with this key.
    /// The reference is usable at once; the first call activates the grain. No I/O happens here.</summary>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    /// <exception cref="InvalidOperationException">No implementation is registered for the interface.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
