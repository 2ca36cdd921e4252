using System.Collections.Frozen;
using System.Reflection;

namespace OrleansRides.GrainInterfaces.Errors;

/// <summary>One stable error code and the HTTP status it answers.</summary>
/// <param name="Code">The upper-snake-case code, e.g. <c>RIDE_NOT_FOUND</c>.</param>
/// <param name="Name">The <see cref="ErrorCodes"/> constant that holds it, e.g. <c>RideNotFound</c>.</param>
/// <param name="Status">The HTTP status, 400 to 599.</param>
public sealed record ErrorCodeEntry(string Code, string Name, int Status);

/// <summary>The lookup over <see cref="ErrorCodes"/>: every code with its status, read once from the constants'
/// <see cref="ErrorStatusAttribute"/>s.</summary>
public static class ErrorCatalog
{
    /// <summary>409: the status of a code the catalog does not know (only a newer silo in a rolling upgrade can send one).
    /// A grain's code is a rule it refused the call by, so "conflicts with the current state" fits best without knowing
    /// more; a 5xx would tell clients to retry, and a 400 blame their syntax.</summary>
    public const int UnknownCodeStatus = 409;

    private static readonly FrozenDictionary<string, ErrorCodeEntry> ByCode = Read().ToFrozenDictionary(e => e.Code);

    /// <summary>Every code, in declaration order.</summary>
    public static IReadOnlyList<ErrorCodeEntry> All { get; } = [.. Read()];

    /// <summary>The HTTP status of <paramref name="code"/>, or <see cref="UnknownCodeStatus"/> if it is not in the catalog.</summary>
    public static int StatusOf(string code) => ByCode.TryGetValue(code, out var entry) ? entry.Status : UnknownCodeStatus;

    /// <summary>Whether <paramref name="code"/> is in the catalog.</summary>
    public static bool Contains(string code) => ByCode.ContainsKey(code);

    private static IEnumerable<ErrorCodeEntry> Read() =>
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => new ErrorCodeEntry((string)f.GetRawConstantValue()!, f.Name,
                f.GetCustomAttribute<ErrorStatusAttribute>()?.Status ?? throw new InvalidOperationException(
                    $"{nameof(ErrorCodes)}.{f.Name} has no {nameof(ErrorStatusAttribute)}.")));
}
