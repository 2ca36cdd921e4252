using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using OrleansRides.Runtime.Calls;

namespace OrleansRides.Runtime;

/// <summary>An <see cref="Activity"/> per grain call on the source <c>OrleansRides.Runtime</c>: a client span where the
/// reference dispatches the call and a server span around its turn in the activation, the server span a child of the
/// client span, also across processes (cluster mode carries the W3C trace context in the request). Names and tags follow
/// OpenTelemetry's RPC conventions, as Orleans' <c>ActivitySources</c> do: span name <c>{rpc.service}/{rpc.method}</c>,
/// <c>rpc.system</c> = <c>orleansrides</c>, <c>rpc.service</c> (the grain interface's full name), <c>rpc.method</c>,
/// <c>orleansrides.grain.id</c> (<c>type/key</c>); a failed call has status <see cref="ActivityStatusCode.Error"/> with the
/// caller's error code as description and as <c>error.type</c>. Nothing is allocated while no listener samples the source.</summary>
public static class RuntimeTracing
{
    /// <summary>The activity source's name (add it to an OpenTelemetry tracer provider with <c>AddSource</c>).</summary>
    public const string ActivitySourceName = "OrleansRides.Runtime";

    /// <summary>The value of <c>rpc.system</c>.</summary>
    public const string RpcSystem = "orleansrides";

    // Static, as ActivitySources are (there is no factory for them): listeners subscribe by name.
    internal static readonly ActivitySource Source = new(ActivitySourceName);

    private static readonly ConcurrentDictionary<MethodInfo, string> SpanNames = new();

    /// <summary>Dispatches <paramref name="call"/> inside a client span, which it carries as the call's
    /// <see cref="GrainCall.TraceContext"/>. Only for when <see cref="Source"/> has listeners.</summary>
    internal static async Task<object?> InvokeTracedAsync(IGrainCallDispatcher dispatcher, GrainCall call)
    {
        // Started inside this async method, so Activity.Current is the span only for the dispatch, not for the caller.
        using var activity = Start(call, ActivityKind.Client, parent: default);
        try
        {
            return await dispatcher.InvokeAsync(activity is null ? call : call with { TraceContext = activity.Context });
        }
        catch (Exception ex)
        {
            Failed(activity, ex);
            throw;
        }
    }

    /// <summary>The server span of a call's turn, child of the caller's span; null when nobody listens.</summary>
    internal static Activity? StartServer(GrainCall call) =>
        Source.HasListeners() ? Start(call, ActivityKind.Server, call.TraceContext) : null;

    /// <summary>Marks <paramref name="activity"/> failed with the code of <paramref name="error"/> (a
    /// <see cref="GrainException"/>'s code, else the exception's type name).</summary>
    internal static void Failed(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }
        var code = error is GrainException grain ? grain.Code : error.GetType().FullName;
        activity.SetStatus(ActivityStatusCode.Error, code);
        activity.SetTag("error.type", code);
    }

    private static Activity? Start(GrainCall call, ActivityKind kind, ActivityContext parent)
    {
        // A default parent makes StartActivity take Activity.Current: the caller's own span, if any.
        var activity = Source.StartActivity(SpanNames.GetOrAdd(call.Method, static m => $"{m.DeclaringType?.FullName}/{m.Name}"), kind, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", RpcSystem);
            activity.SetTag("rpc.service", call.Method.DeclaringType?.FullName);
            activity.SetTag("rpc.method", call.Method.Name);
            activity.SetTag("orleansrides.grain.id", call.Target.ToString());
        }
        return activity;
    }
}
