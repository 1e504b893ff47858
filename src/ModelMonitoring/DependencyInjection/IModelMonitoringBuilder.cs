using Microsoft.Extensions.DependencyInjection;

namespace ModelMonitoring;

/// <summary>Configures model monitoring: storage providers and channels add themselves through extension methods on it.</summary>
public interface IModelMonitoringBuilder
{
    /// <summary>Gets the service collection monitoring is registered in.</summary>
    IServiceCollection Services { get; }
}
