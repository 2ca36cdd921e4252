using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using OrleansRides.Runtime.Calls;
using OrleansRides.Runtime.Persistence;

namespace OrleansRides.Runtime.Cluster;

/// <summary>Turns grain calls, outcomes and topic events into wire bytes and back in one pass each way: values are written
/// straight into the message's JSON with their declared types and read straight out of it, never through an intermediate
/// <see cref="JsonElement"/> (decision 165). Shapes, camelCase:
/// a request <c>{"grainType","key","interface","method","deadlineUnixMs","traceparent"?,"tracestate"?,"arguments":[...]}</c>
/// (arguments last, so the receiver knows the method, hence the parameter types, before it reaches them; the W3C trace
/// context only when the caller traces the call, and ignored by a receiver that does not know it); a response <c>{"result":…}</c> or
/// <c>{"errorCode","errorMessage"}</c>; an event is the event's own JSON, its type name travelling in the message's
/// properties.</summary>
internal sealed class GrainWireFormat(GrainJsonOptions json)
{
    private readonly ConcurrentDictionary<MethodInfo, MethodShape> _shapes = new();
    private readonly JsonWriterOptions _writerOptions = new() { Encoder = json.Options.Encoder };

    public byte[] WriteRequest(GrainCall call)
    {
        var types = ShapeOf(call.Method).Parameters;
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("grainType", call.Target.Type);
            writer.WriteString("key", call.Target.Key);
            writer.WriteString("interface", call.Method.DeclaringType!.FullName);
            writer.WriteString("method", call.Method.Name);
            writer.WriteNumber("deadlineUnixMs", call.Deadline.ToUnixTimeMilliseconds());
            WriteTraceContext(writer, call.TraceContext);
            writer.WriteStartArray("arguments");
            for (var i = 0; i < types.Length; i++)
            {
                JsonSerializer.Serialize(writer, call.Arguments[i], json.Options.GetTypeInfo(types[i]));
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>Reads a request's header; its arguments stay in the body until <see cref="ReadArguments"/>.</summary>
    /// <exception cref="GrainException"><c>INVALID_REQUEST</c>: not a request of the shape above.</exception>
    public static WireRequest ReadRequest(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        string? grainType = null, key = null, grainInterface = null, method = null, traceParent = null, traceState = null;
        long deadline = 0;
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("arguments"u8))
            {
                Expect(grainType is not null && key is not null && grainInterface is not null && method is not null && reader.Read());
                // A missing or malformed context only makes the silo's span a root: the call runs all the same.
                ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var traceContext);
                return new WireRequest(new GrainId(grainType!, key!), grainInterface!, method!,
                    DateTimeOffset.FromUnixTimeMilliseconds(deadline), body, (int)reader.TokenStartIndex) { TraceContext = traceContext };
            }
            // Names compared as UTF-8, not read into strings: one allocation fewer per property.
            var name = PropertyOf(ref reader, RequestProperties);
            Expect(reader.Read());
            switch (name)
            {
                case 0: grainType = reader.GetString(); break;
                case 1: key = reader.GetString(); break;
                case 2: grainInterface = reader.GetString(); break;
                case 3: method = reader.GetString(); break;
                case 4: deadline = reader.GetInt64(); break;
                // Read only if someone here traces: otherwise the silo would allocate strings nobody looks at.
                case 5 when RuntimeTracing.Source.HasListeners(): traceParent = reader.GetString(); break;
                case 6 when RuntimeTracing.Source.HasListeners(): traceState = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }
        throw new GrainException(GrainErrorCodes.InvalidRequest, "The call message has no arguments.");
    }

    /// <exception cref="GrainException"><c>INVALID_REQUEST</c>: not as many arguments as <paramref name="method"/> takes,
    /// or one that does not read as its parameter's type.</exception>
    public object?[] ReadArguments(MethodInfo method, WireRequest request)
    {
        var types = ShapeOf(method).Parameters;
        var reader = new Utf8JsonReader(request.Body.AsSpan(request.ArgumentsOffset));
        var arguments = new object?[types.Length];
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartArray);
        var count = 0;
        for (; reader.Read() && reader.TokenType != JsonTokenType.EndArray; count++)
        {
            if (count < types.Length)
            {
                arguments[count] = JsonSerializer.Deserialize(ref reader, json.Options.GetTypeInfo(types[count]));
            }
            else
            {
                reader.Skip();
            }
        }
        if (count != types.Length)
        {
            throw new GrainException(GrainErrorCodes.InvalidRequest, $"{method.Name} takes {types.Length} arguments, got {count}.");
        }
        return arguments;
    }

    // traceparent "00-{trace id}-{span id}-{flags}" (W3C Trace Context, version 00), written from a stack buffer.
    private static void WriteTraceContext(Utf8JsonWriter writer, ActivityContext context)
    {
        if (context == default)
        {
            return;
        }
        Span<char> traceParent = stackalloc char[55];
        "00-".CopyTo(traceParent);
        context.TraceId.ToHexString().CopyTo(traceParent[3..]);
        traceParent[35] = '-';
        context.SpanId.ToHexString().CopyTo(traceParent[36..]);
        traceParent[52] = '-';
        traceParent[53] = '0';
        traceParent[54] = (context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? '1' : '0';
        writer.WriteString("traceparent", traceParent);
        if (!string.IsNullOrEmpty(context.TraceState))
        {
            writer.WriteString("tracestate", context.TraceState);
        }
    }

    public byte[] WriteResponse(MethodInfo method, object? result) => Write(writer =>
    {
        writer.WriteStartObject();
        if (ShapeOf(method).Result is { } type)
        {
            writer.WritePropertyName("result");
            JsonSerializer.Serialize(writer, result, json.Options.GetTypeInfo(type));
        }
        writer.WriteEndObject();
    });

    public static byte[] WriteError(string code, string message) => Write(ref t_errorWriter, default, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("errorCode", code);
        writer.WriteString("errorMessage", message);
        writer.WriteEndObject();
    });

    public static byte[] WriteError(Exception error) => error is GrainException grain
        ? WriteError(grain.Code, grain.Message)
        : WriteError(GrainErrorCodes.InternalError, "The grain failed unexpectedly.");

    /// <summary>The call's result, or its error thrown as a <see cref="GrainException"/>.</summary>
    public object? ReadResult(MethodInfo method, byte[] response)
    {
        var reader = new Utf8JsonReader(response);
        string? code = null, message = null;
        object? result = null;
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyOf(ref reader, ResponseProperties);
            Expect(reader.Read());
            switch (name)
            {
                case 0 when ShapeOf(method).Result is { } type: result = JsonSerializer.Deserialize(ref reader, json.Options.GetTypeInfo(type)); break;
                case 1: code = reader.GetString(); break;
                case 2: message = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }
        return code is null ? result : throw new GrainException(code, message ?? code);
    }

    public byte[] WriteEvent(object message) => JsonSerializer.SerializeToUtf8Bytes(message, json.Options.GetTypeInfo(message.GetType()));

    public object ReadEvent(Type type, byte[] payload) => JsonSerializer.Deserialize(payload, json.Options.GetTypeInfo(type))!;

    private byte[] Write(Action<Utf8JsonWriter> write) => Write(ref t_writer, _writerOptions, write);

    // One buffer per thread and one writer per thread and options (requests and responses use the grains' encoder,
    // errors the default), reset for each message (writing never awaits): the message's byte[] is the only allocation
    // left, instead of a buffer, a writer and the copy.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;
    [ThreadStatic] private static Utf8JsonWriter? t_errorWriter;

    private static byte[] Write(ref Utf8JsonWriter? cached, JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        if (cached is null || !Equals(cached.Options.Encoder, options.Encoder))
        {
            cached = new Utf8JsonWriter(buffer, options);
        }
        var writer = cached;
        writer.Reset(buffer);
        write(writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static readonly byte[][] RequestProperties = [.. new[] { "grainType", "key", "interface", "method", "deadlineUnixMs", "traceparent", "tracestate" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] ResponseProperties = [.. new[] { "result", "errorCode", "errorMessage" }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The index of the property name the reader is on in <paramref name="names"/>, or -1.</summary>
    private static int PropertyOf(ref Utf8JsonReader reader, byte[][] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private MethodShape ShapeOf(MethodInfo method) => _shapes.GetOrAdd(method, static m => new MethodShape(
        [.. m.GetParameters().Select(p => p.ParameterType)],
        m.ReturnType.IsGenericType ? m.ReturnType.GetGenericArguments()[0] : null));

    private static void Expect(bool condition)
    {
        if (!condition)
        {
            throw new GrainException(GrainErrorCodes.InvalidRequest, "The message is not in the cluster's wire format.");
        }
    }

    /// <summary>What a grain method's messages carry, read once per method: its parameter types, and T of
    /// <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c> (null for <c>Task</c>/<c>ValueTask</c>).</summary>
    private sealed record MethodShape(Type[] Parameters, Type? Result);
}

/// <summary>A call's header as read from the wire; its arguments are read once the method is known.</summary>
/// <param name="Grain">The target grain.</param>
/// <param name="Interface">Full name of the grain interface.</param>
/// <param name="Method">Method name (grain methods are not overloaded).</param>
/// <param name="Deadline">The caller's deadline (UTC).</param>
/// <param name="Body">The whole message.</param>
/// <param name="ArgumentsOffset">Where the arguments array starts in <paramref name="Body"/>.</param>
internal sealed record WireRequest(GrainId Grain, string Interface, string Method, DateTimeOffset Deadline, byte[] Body, int ArgumentsOffset)
{
    /// <summary>The caller's trace context (remote); <c>default</c> when the request carries none or nobody here traces.</summary>
    public ActivityContext TraceContext { get; init; }
}
