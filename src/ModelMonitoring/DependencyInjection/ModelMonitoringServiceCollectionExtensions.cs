using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelMonitoring;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;
using ModelMonitoring.DependencyInjection;
using ModelMonitoring.Pipeline;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers model monitoring in an <see cref="IServiceCollection"/>.</summary>
public static class ModelMonitoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers the monitoring pipeline (<see cref="IModelMonitoring"/>), its background worker as a
    /// hosted service, and the logger alert channel. Calling it again only adds configuration.
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, LoggerAlertChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ModelMonitoringHostedService>());
        return new ModelMonitoringBuilder(services);
    }

    /// <summary>Adds configuration to the monitoring pipeline.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Declares models and settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder Configure(this IModelMonitoringBuilder builder, Action<ModelMonitoringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds an alert channel that receives every alert.</summary>
    /// <typeparam name="TChannel">The channel type, constructed by dependency injection.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddAlertChannel<TChannel>(this IModelMonitoringBuilder builder)
        where TChannel : class, IAlertChannel
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, TChannel>());
        return builder;
    }

    /// <summary>Adds an alert channel instance that receives every alert.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddAlertChannel(this IModelMonitoringBuilder builder, IAlertChannel channel)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(channel);
        return builder;
    }

    /// <summary>Adds a sink instance that receives every batch.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="sink">The sink.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddSink(this IModelMonitoringBuilder builder, ModelMonitoring.Storage.IMetricSink sink)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sink);
        return builder;
    }
}
