using Microsoft.AspNetCore.SignalR;
using OrleansRides.GrainInterfaces.Errors;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Every hub invocation passes here: a per-connection flood limit (<c>Hubs:MaxInvocationsPerSecond</c>, default 60,
/// refused with <c>HUB_FLOOD_LIMITED</c>, apart from the rules' own <c>RATE_LIMITED</c>), and the mapping of failures to a typed <see cref="HubException"/> for that caller only. Unexpected exceptions are
/// logged and reported as <c>INTERNAL_ERROR</c>; PostgreSQL being down is <c>SERVICE_UNAVAILABLE</c> (retryable) without details; the connection and the hub stay up.</summary>
public sealed class HubErrorFilter(HubConnectionStates connections, ILogger<HubErrorFilter> logger) : IHubFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!connections.Of(context.Context).Invocations.TryTake())
        {
            throw new HubException($"{ErrorCodes.HubFloodLimited}: at most {connections.InvocationsPerSecond} calls per second per connection.");
        }
        try
        {
            return await next(context);
        }
        catch (HubException)
        {
            throw;
        }
        catch (GrainException ex)
        {
            throw new HubException($"{ex.Code}: {ex.Message}");
        }
        catch (Exception ex) when (PostgresErrors.ToCallerError(ex) is GrainException translated)
        {
            // The hub's own PostgreSQL work (token checks, repositories) failed: typed and retryable, like a grain's.
            throw new HubException($"{translated.Code}: {translated.Message}");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Hub method {Method} failed", context.HubMethodName);
            throw new HubException($"{ErrorCodes.InternalError}: the server could not complete the call.");
        }
    }

    /// <inheritdoc />
    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            // After the hub's OnDisconnectedAsync, which leaves what the connection joined.
            connections.Forget(context.Context);
        }
    }
}
