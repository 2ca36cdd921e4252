using OrleansRides.GrainInterfaces.Errors;
using OrleansRides.Runtime;

namespace OrleansRides.GrainInterfaces.Studio;

/// <summary>The stable error codes of the studio API (aliases of <see cref="ErrorCodes"/>, which gives each its HTTP
/// status); a failed <c>/hubs/studio</c> invocation's message starts with one.</summary>
public static class StudioErrorCodes
{
    /// <inheritdoc cref="ErrorCodes.RequestNotFound"/>
    public const string RequestNotFound = ErrorCodes.RequestNotFound;
    /// <inheritdoc cref="ErrorCodes.Unauthorized"/>
    public const string Unauthorized = ErrorCodes.Unauthorized;
    /// <inheritdoc cref="ErrorCodes.InvalidRequest"/>
    public const string InvalidRequest = ErrorCodes.InvalidRequest;
}

/// <summary>A studio rule was broken; <see cref="GrainException.Code"/> is one of <see cref="StudioErrorCodes"/>.</summary>
public sealed class StudioException(string code, string message) : GrainException(code, message);
