using System.Collections.Concurrent;
using System.Reflection;

namespace OrleansRides.Runtime.Calls;

/// <summary>Bridges a grain-interface method's declared return type (<c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c>,
/// <c>ValueTask&lt;T&gt;</c>) and the untyped <c>Task&lt;object?&gt;</c> the runtime moves around. Built once per method.</summary>
internal sealed class GrainMethodInvoker
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethodInvoker> Cache = new();

    private readonly Func<object, Task<object?>> _toUntyped;
    private readonly Func<Task<object?>, object> _toDeclared;

    private GrainMethodInvoker(Func<object, Task<object?>> toUntyped, Func<Task<object?>, object> toDeclared)
    {
        _toUntyped = toUntyped;
        _toDeclared = toDeclared;
    }

    public static GrainMethodInvoker For(MethodInfo method) => Cache.GetOrAdd(method, Create);

    /// <summary>Calls the method on the grain instance and awaits whatever it returned.</summary>
    public Task<object?> InvokeOnGrain(object grain, MethodInfo method, object?[] arguments)
    {
        var returned = method.Invoke(grain, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        return _toUntyped(returned!);
    }

    /// <summary>Turns the runtime's untyped result back into the method's declared return type, for the proxy.</summary>
    public object ToDeclaredReturn(Task<object?> untyped) => _toDeclared(untyped);

    private static GrainMethodInvoker Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(Task))
        {
            return new(r => AwaitTask((Task)r), t => t);
        }
        if (returnType == typeof(ValueTask))
        {
            return new(r => AwaitTask(((ValueTask)r).AsTask()), t => new ValueTask(t));
        }
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Task<>) || definition == typeof(ValueTask<>)))
        {
            var helper = typeof(GrainMethodInvoker).GetMethod(
                definition == typeof(Task<>) ? nameof(ForTaskOf) : nameof(ForValueTaskOf),
                BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(returnType.GetGenericArguments()[0]);
            return (GrainMethodInvoker)helper.Invoke(null, null)!;
        }
        throw new InvalidOperationException(
            $"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>.");
    }

    private static GrainMethodInvoker ForTaskOf<T>() =>
        new(r => AwaitResult((Task<T>)r), t => CastResult<T>(t));

    private static GrainMethodInvoker ForValueTaskOf<T>() =>
        new(r => AwaitResult(((ValueTask<T>)r).AsTask()), t => new ValueTask<T>(CastResult<T>(t)));

    private static async Task<object?> AwaitTask(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async Task<object?> AwaitResult<T>(Task<T> task) => await task.ConfigureAwait(false);

    private static async Task<T> CastResult<T>(Task<object?> task) => (T)(await task.ConfigureAwait(false))!;
}
