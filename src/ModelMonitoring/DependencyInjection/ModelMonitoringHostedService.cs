using Microsoft.Extensions.Hosting;
using ModelMonitoring.Pipeline;

namespace ModelMonitoring.DependencyInjection;

/// <summary>Under a host: creates the pipeline at start (so configuration errors stop start-up) and flushes it at stop.</summary>
internal sealed class ModelMonitoringHostedService(ModelMonitoringService pipeline) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => pipeline.StopAsync(cancellationToken);
}
