using System.Reflection;
using System.Text.Json;
using OrleansRides.Runtime.Calls;
using OrleansRides.Runtime.Persistence;

namespace OrleansRides.Runtime.Cluster;

/// <summary>Turns grain calls and outcomes into wire messages and back, with the method's declared types and the
/// registered source-generated JSON contexts.</summary>
internal sealed class GrainWireFormat(GrainJsonOptions json)
{
    public CallRequest ToRequest(GrainCall call)
    {
        var parameters = call.Method.GetParameters();
        var arguments = new JsonElement[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = JsonSerializer.SerializeToElement(call.Arguments[i], json.Options.GetTypeInfo(parameters[i].ParameterType));
        }
        return new CallRequest(call.Target.Type, call.Target.Key, call.Method.DeclaringType!.FullName!, call.Method.Name, arguments,
            call.Deadline.ToUnixTimeMilliseconds());
    }

    public object?[] ReadArguments(MethodInfo method, JsonElement[] arguments)
    {
        var parameters = method.GetParameters();
        if (parameters.Length != arguments.Length)
        {
            throw new GrainException("INVALID_REQUEST", $"{method.Name} takes {parameters.Length} arguments, got {arguments.Length}.");
        }
        return [.. parameters.Select((p, i) => arguments[i].Deserialize(json.Options.GetTypeInfo(p.ParameterType)))];
    }

    public CallResponse ToResponse(MethodInfo method, object? result) =>
        ResultType(method) is { } type ? new CallResponse(JsonSerializer.SerializeToElement(result, json.Options.GetTypeInfo(type)), null, null)
            : new CallResponse(null, null, null);

    public static CallResponse ToResponse(Exception error) => error is GrainException grain
        ? new CallResponse(null, grain.Code, grain.Message)
        : new CallResponse(null, "INTERNAL_ERROR", "The grain failed unexpectedly.");

    public object? ReadResult(MethodInfo method, CallResponse response)
    {
        if (response.ErrorCode is { } code)
        {
            throw new GrainException(code, response.ErrorMessage ?? code);
        }
        return ResultType(method) is { } type && response.Result is { } result ? result.Deserialize(json.Options.GetTypeInfo(type)) : null;
    }

    /// <summary>T of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>; null for <c>Task</c>/<c>ValueTask</c>.</summary>
    private static Type? ResultType(MethodInfo method) =>
        method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null;
}
