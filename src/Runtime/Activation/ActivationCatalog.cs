using System.Collections.Concurrent;
using OrleansRides.Runtime.Calls;

namespace OrleansRides.Runtime.Activation;

/// <summary>The activations living in this process, at most one per grain id, and the local delivery of calls to them.</summary>
internal sealed class ActivationCatalog(GrainTypeRegistry registry, GrainRuntime runtime, IGrainOwnershipPolicy ownership)
    : IGrainCallDispatcher
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<GrainActivation> Activations => _activations.Values;

    public async Task<object?> InvokeAsync(GrainCall call)
    {
        var work = new CallWorkItem(call);
        try
        {
            while (true)
            {
                var (activation, created) = GetOrCreate(call.Target);
                var enqueued = activation.TryEnqueue(work);
                if (created)
                {
                    // Started only after the creating call is queued, so a failing activation fails that call rather
                    // than leaving its caller to retry on a successor (which, if activation always fails, never ends).
                    activation.Start();
                }
                if (enqueued)
                {
                    break;
                }
                // That activation is on its way out; its successor must not read state before it has saved it.
                await activation.Deactivated.WaitAsync(Remaining(call), runtime.TimeProvider).ConfigureAwait(false);
            }
            return await work.Completion.Task.WaitAsync(Remaining(call), runtime.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new GrainCallTimeoutException(call.Target, call.MethodName, runtime.Options.CallTimeout);
        }
    }

    private TimeSpan Remaining(GrainCall call)
    {
        var remaining = call.Deadline - runtime.TimeProvider.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>Deactivates every activation idle for longer than its type's collection age.</summary>
    public int CollectIdle()
    {
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.TryDeactivateIfIdle(registry.Get(activation.Id.Type).IdleAge ?? runtime.Options.DefaultIdleAge))
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

    /// <summary>The live activation for <paramref name="id"/>, or a new one that the caller must <see cref="GrainActivation.Start"/>.</summary>
    private (GrainActivation Activation, bool Created) GetOrCreate(GrainId id)
    {
        if (_activations.TryGetValue(id, out var existing))
        {
            return (existing, false);
        }
        if (!ownership.MayActivate(id))
        {
            throw new GrainException(GrainErrorCodes.NotOwner, $"This silo does not own {id}.");
        }
        var candidate = new GrainActivation(id, registry.Get(id.Type), runtime, this);
        var winner = _activations.GetOrAdd(id, candidate);
        return (winner, ReferenceEquals(winner, candidate));
    }
}
