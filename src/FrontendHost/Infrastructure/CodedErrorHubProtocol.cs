using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>The JSON hub protocol, with invocation errors rewritten so that the client's error message starts with our
/// stable code. SignalR itself prefixes every <see cref="HubException"/> message with
/// "An unexpected error occurred invoking 'X' on the server. HubException: " (its internal ErrorMessageHelper), and reports
/// argument binding failures in its own words; clients should not have to parse either.</summary>
public sealed partial class CodedErrorHubProtocol(IHubProtocol json) : IHubProtocol
{
    /// <inheritdoc />
    public string Name => json.Name;

    /// <inheritdoc />
    public int Version => json.Version;

    /// <inheritdoc />
    public TransferFormat TransferFormat => json.TransferFormat;

    /// <inheritdoc />
    public bool IsVersionSupported(int version) => json.IsVersionSupported(version);

    /// <summary>Parses the next message. A message of a type the protocol does not know (which it skips, for forward
    /// compatibility, by consuming it and answering <c>false</c>) comes out as a <see cref="PingMessage"/>: SignalR's read
    /// loop takes any <c>false</c> for "incomplete" and re-reads from the same place, so one such message would otherwise
    /// stall the connection for good.</summary>
    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var length = input.Length;
        if (json.TryParseMessage(ref input, binder, out message))
        {
            return true;
        }
        if (input.Length == length)
        {
            return false;
        }
        message = PingMessage.Instance;
        return true;
    }

    /// <inheritdoc />
    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => json.WriteMessage(Rewrite(message), output);

    /// <inheritdoc />
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => json.GetMessageBytes(Rewrite(message));

    /// <summary>Rewrites SignalR's error wording: "… HubException: CODE: text" → "CODE: text"; binding failures and
    /// unknown methods → "INVALID_REQUEST: …".</summary>
    public static string RewriteError(string error)
    {
        if (UnknownMethod().Match(error) is { Success: true } unknown)
        {
            return $"INVALID_REQUEST: there is no hub method {unknown.Groups["method"].Value}.";
        }
        if (HubExceptionPrefix().Match(error) is { Success: true } hub)
        {
            return hub.Groups["rest"].Value;
        }
        if (BindingFailure().Match(error) is { Success: true } binding)
        {
            return $"INVALID_REQUEST: the arguments of {binding.Groups["method"].Value} do not match its signature.";
        }
        return error;
    }

    private static HubMessage Rewrite(HubMessage message) =>
        message is CompletionMessage { Error: { } error } completion
            ? CompletionMessage.WithError(completion.InvocationId!, RewriteError(error))
            : message;

    [GeneratedRegex(@"^An unexpected error occurred invoking '[^']*' on the server\. HubException: (?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex HubExceptionPrefix();

    [GeneratedRegex(@"^Failed to invoke '(?<method>[^']*)' due to an error on the server\.")]
    private static partial Regex BindingFailure();

    [GeneratedRegex(@"^Failed to invoke '(?<method>[^']*)' due to an error on the server\. HubException: Method does not exist\.")]
    private static partial Regex UnknownMethod();
}
