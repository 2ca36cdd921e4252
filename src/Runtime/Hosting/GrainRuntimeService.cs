using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRides.Runtime.Activation;

namespace OrleansRides.Runtime.Hosting;

/// <summary>Collects idle activations periodically and deactivates everything (saving state) on shutdown.</summary>
internal sealed class GrainRuntimeService(
    ActivationCatalog catalog, GrainRuntime runtime, GrainRuntimeStatistics statistics, RuntimeMetrics metrics, TimeProvider timeProvider, IOptions<GrainRuntimeOptions> options, ILogger<GrainRuntimeService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveQueueDepth(statistics);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.IdleCollectionInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var collected = catalog.CollectIdle();
            if (collected > 0)
            {
                logger.LogDebug("Collected {Count} idle activations", collected);
            }
        }
    }

    /// <summary>Cancels the tokens of call, timer and activation turns at once (<see cref="GrainRuntime.Stopping"/>), then
    /// deactivates every activation, whose <c>OnDeactivateAsync</c> tokens are cancelled only when
    /// <see cref="GrainRuntimeOptions.ShutdownTimeout"/> has passed (<see cref="GrainRuntime.ShutdownExpired"/>).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await runtime.BeginStoppingAsync();
        await base.StopAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ShutdownTimeout);
        try
        {
            await catalog.DeactivateAllAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("{Count} activations did not deactivate within {Timeout}", catalog.Count, options.Value.ShutdownTimeout);
        }
    }
}
