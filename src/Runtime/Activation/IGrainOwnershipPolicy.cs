namespace OrleansRides.Runtime.Activation;

/// <summary>Decides whether this process may create a new activation of a grain: the one place where "who owns a grain"
/// is asked. Embedded, every grain is local (<see cref="LocalOwnership"/>); a cluster silo answers from its membership view
/// (rendezvous placement, <c>MembershipView.OwnerOf</c> in OrleansRides.Runtime.Cluster).</summary>
public interface IGrainOwnershipPolicy
{
    /// <summary>Whether a call for <paramref name="grain"/> that finds no activation here may create one. When false the
    /// call fails with <see cref="GrainErrorCodes.NotOwner"/> (it did not run) and its caller retries at the owner.</summary>
    bool MayActivate(GrainId grain);
}

/// <summary>One process hosts every grain: the answer is always yes.</summary>
public sealed class LocalOwnership : IGrainOwnershipPolicy
{
    /// <inheritdoc />
    public bool MayActivate(GrainId grain) => true;
}
