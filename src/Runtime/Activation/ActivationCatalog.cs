using System.Collections.Concurrent;
using OrleansRides.Runtime.Calls;

namespace OrleansRides.Runtime.Activation;

/// <summary>The activations living in this process, at most one per grain id, and the local delivery of calls to them.</summary>
internal sealed class ActivationCatalog(GrainTypeRegistry registry, Lazy<GrainRuntime> runtime) : IGrainCallDispatcher
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<GrainActivation> Activations => _activations.Values;

    public async Task<object?> InvokeAsync(GrainCall call)
    {
        var work = new CallWorkItem(call);
        while (true)
        {
            var activation = GetOrCreate(call.Target);
            if (activation.TryEnqueue(work))
            {
                break;
            }
            // That activation is on its way out; its successor must not read state before it has saved it.
            await activation.Deactivated.ConfigureAwait(false);
        }
        var timeout = call.Deadline - runtime.Value.TimeProvider.GetUtcNow();
        try
        {
            return await work.Completion.Task.WaitAsync(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, runtime.Value.TimeProvider)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new GrainCallTimeoutException(call.Target, call.MethodName, runtime.Value.Options.CallTimeout);
        }
    }

    /// <summary>Deactivates every activation idle for longer than its type's collection age.</summary>
    public int CollectIdle()
    {
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.TryDeactivateIfIdle(registry.Get(activation.Id.Type).IdleAge ?? runtime.Value.Options.DefaultIdleAge))
            {
                collected++;
            }
        }
        return collected;
    }

    /// <summary>Deactivates everything (process shutdown) and waits for the last turns to finish.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        var all = _activations.Values.ToArray();
        foreach (var activation in all)
        {
            activation.BeginDeactivation(DeactivationReason.ShuttingDown);
        }
        await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Remove(GrainActivation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.Id, activation));

    private GrainActivation GetOrCreate(GrainId id)
    {
        if (_activations.TryGetValue(id, out var existing))
        {
            return existing;
        }
        var created = new GrainActivation(id, registry.Get(id.Type), runtime.Value);
        var winner = _activations.GetOrAdd(id, created);
        if (ReferenceEquals(winner, created))
        {
            created.Start();
        }
        return winner;
    }
}
