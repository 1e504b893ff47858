using Microsoft.Extensions.DependencyInjection;

namespace ModelMonitoring.DependencyInjection;

internal sealed class ModelMonitoringBuilder(IServiceCollection services) : IModelMonitoringBuilder
{
    public IServiceCollection Services { get; } = services;
}
