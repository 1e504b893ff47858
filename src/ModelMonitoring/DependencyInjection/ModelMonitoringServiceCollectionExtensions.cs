using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelMonitoring;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;
using ModelMonitoring.DependencyInjection;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Pipeline;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers model monitoring in an <see cref="IServiceCollection"/>.</summary>
public static class ModelMonitoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers the monitoring pipeline (<see cref="IModelMonitoring"/>, with continuous drift
    /// monitoring as <see cref="IDriftMonitoring"/>), its background worker as a hosted service, and
    /// the logger alert channel. Calling it again only adds configuration.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Declares models and settings.</param>
    /// <returns>A builder to add storage and channels with, such as <c>UseSqlite</c>.</returns>
    public static IModelMonitoringBuilder AddModelMonitoring(this IServiceCollection services, Action<ModelMonitoringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ModelMonitoringOptions>().ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelMonitoringOptions>, ModelMonitoringOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelMonitoringService>();
        services.TryAddSingleton<IModelMonitoring>(sp => sp.GetRequiredService<ModelMonitoringService>());
        services.TryAddSingleton<IAlertManager>(sp => sp.GetRequiredService<ModelMonitoringService>().Alerts);
        services.TryAddSingleton<IDriftMonitoring>(sp => sp.GetRequiredService<ModelMonitoringService>().Drift);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, LoggerAlertChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ModelMonitoringHostedService>());
        return new ModelMonitoringBuilder(services);
    }
}
