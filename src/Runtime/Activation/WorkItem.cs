using OrleansRides.Runtime.Calls;

namespace OrleansRides.Runtime.Activation;

/// <summary>One entry in an activation's mailbox; each runs as one turn.</summary>
internal abstract record WorkItem;

/// <summary>A grain call and the place its outcome goes.</summary>
internal sealed record CallWorkItem(GrainCall Call) : WorkItem
{
    public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A timer tick.</summary>
internal sealed record TimerWorkItem(GrainTimer Timer) : WorkItem;

/// <summary>The last turn: runs <see cref="Grain.OnDeactivateAsync"/>.</summary>
internal sealed record DeactivateWorkItem(DeactivationReason Reason) : WorkItem;
