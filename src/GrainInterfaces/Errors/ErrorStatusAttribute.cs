namespace OrleansRides.GrainInterfaces.Errors;

/// <summary>The HTTP status a code of <see cref="ErrorCodes"/> answers over REST (RFC 9110 §15); the meaning is the
/// constant's XML summary. <see cref="ErrorCatalog"/> reads it.</summary>
/// <param name="status">The status, 400 to 599.</param>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ErrorStatusAttribute(int status) : Attribute
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;
}
