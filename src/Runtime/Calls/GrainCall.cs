using System.Diagnostics;
using System.Reflection;

namespace OrleansRides.Runtime.Calls;

/// <summary>One method call addressed to a grain.</summary>
/// <param name="Target">The grain the call is for.</param>
/// <param name="Method">The grain-interface method being called.</param>
/// <param name="Arguments">The call's arguments, in declaration order.</param>
/// <param name="Deadline">When the caller stops waiting (UTC); a call still queued then is dropped, not run.</param>
public sealed record GrainCall(GrainId Target, MethodInfo Method, object?[] Arguments, DateTimeOffset Deadline)
{
    /// <summary><c>IRideGrain.Join</c>-style name for logs and errors.</summary>
    public string MethodName => $"{Method.DeclaringType?.Name}.{Method.Name}";

    /// <summary>The W3C trace context of the caller's client span (<c>default</c> when nobody traces): the server span of
    /// the call's turn is its child, in this process or, carried in the request, on a silo (<see cref="RuntimeTracing"/>).</summary>
    public ActivityContext TraceContext { get; init; }
}

/// <summary>Delivers grain calls to wherever the target's activation lives: in this process (embedded mode, unit tests)
/// or, in cluster mode, on the silo that owns it.</summary>
public interface IGrainCallDispatcher
{
    /// <summary>Runs the call as a turn of the target's activation and returns its result (<c>null</c> for <c>Task</c>).</summary>
    /// <exception cref="GrainCallTimeoutException">No result before <see cref="GrainCall.Deadline"/>.</exception>
    /// <exception cref="GrainException">The grain rejected the call; other exceptions thrown by the grain pass through as they are.</exception>
    Task<object?> InvokeAsync(GrainCall call);
}
