using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansRides.Tests.Shared;

/// <summary>Records the stopped activities of the grain runtime's source (<c>OrleansRides.Runtime</c>) that concern one
/// grain. Listeners are process-wide and tests run in parallel, so it keeps only the spans tagged with that grain's id.</summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder(string grainId)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "OrleansRides.Runtime",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("orleansrides.grain.id") as string == grainId)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyCollection<Activity> Stopped => _stopped;

    /// <summary>The first stopped span of <paramref name="kind"/>; a span may stop just after the caller resumes.</summary>
    public async Task<Activity> SpanAsync(ActivityKind kind)
    {
        await Eventually.TrueAsync(() => _stopped.Any(a => a.Kind == kind), $"a stopped {kind} span");
        return _stopped.First(a => a.Kind == kind);
    }

    public void Dispose() => _listener.Dispose();
}
