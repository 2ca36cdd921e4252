using System.Reflection;

namespace OrleansRides.Runtime.Calls;

/// <summary>The object behind every grain reference: turns an interface call into a <see cref="GrainCall"/>.
/// Public and unsealed only because <see cref="DispatchProxy"/> requires it.</summary>
public class GrainProxy : DispatchProxy
{
    private GrainId _target;
    private IGrainCallDispatcher? _dispatcher;
    private TimeProvider? _timeProvider;
    private TimeSpan _callTimeout;

    internal void Initialize(GrainId target, IGrainCallDispatcher dispatcher, TimeProvider timeProvider, TimeSpan callTimeout)
    {
        _target = target;
        _dispatcher = dispatcher;
        _timeProvider = timeProvider;
        _callTimeout = callTimeout;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.DeclaringType == typeof(object))
        {
            return targetMethod.Name == nameof(ToString) ? _target.ToString() : targetMethod.Invoke(this, args);
        }
        var invoker = GrainMethodInvoker.For(targetMethod);
        var deadline = _timeProvider!.GetUtcNow() + _callTimeout;
        var call = new GrainCall(_target, targetMethod, args ?? [], deadline);
        // Without listeners no span and no extra allocation: the call goes straight to the dispatcher.
        return invoker.ToDeclaredReturn(RuntimeTracing.Source.HasListeners()
            ? RuntimeTracing.InvokeTracedAsync(_dispatcher!, call)
            : _dispatcher!.InvokeAsync(call));
    }
}
