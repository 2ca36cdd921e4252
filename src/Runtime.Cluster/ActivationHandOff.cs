using Microsoft.Extensions.Logging;
using OrleansRides.Runtime.Activation;

namespace OrleansRides.Runtime.Cluster;

/// <summary>On every view change, hands off the activations this silo no longer owns (<see cref="SiloOwnership"/>): each
/// deactivates and saves its state, and the new owner reactivates it on the next call. Subscribed to
/// <see cref="MembershipViewProvider.ViewChanged"/> by <see cref="ClusterLifecycle"/>.</summary>
internal sealed class ActivationHandOff(ActivationCatalog catalog, SiloOwnership ownership, ILogger<ActivationHandOff> logger)
{
    /// <summary>Hands off what this silo does not own under <paramref name="view"/>; answers how many began leaving.</summary>
    public int OnViewChanged(MembershipView view)
    {
        var moved = 0;
        foreach (var activation in catalog.Activations)
        {
            if (!ownership.Owns(view, activation.Id) && activation.HandOff())
            {
                moved++;
            }
        }
        if (moved > 0)
        {
            logger.LogInformation("Handing off {Count} activations after membership version {Version}", moved, view.Version);
        }
        return moved;
    }
}
