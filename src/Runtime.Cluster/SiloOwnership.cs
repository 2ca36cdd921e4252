using OrleansRides.Runtime.Activation;

namespace OrleansRides.Runtime.Cluster;

/// <summary>Who owns a grain in a cluster: the silo that rendezvous placement (<see cref="MembershipView.OwnerOf"/>) picks
/// among the active silos of the current view. A silo creates activations only for grains it owns, serves calls only for
/// them and hands off the rest when the view changes.</summary>
public sealed class SiloOwnership(MembershipViewProvider membership, ClusterIdentity identity) : IGrainOwnershipPolicy
{
    /// <inheritdoc />
    public bool MayActivate(GrainId grain) => Owns(membership.Current, grain);

    /// <summary>Whether this silo owns <paramref name="grain"/> under <paramref name="view"/>.</summary>
    public bool Owns(MembershipView view, GrainId grain) => view.OwnerOf(grain)?.SiloId == identity.Id;
}
