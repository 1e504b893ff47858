using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Storage;

namespace ModelMonitoring;

/// <summary>Adds configuration, sinks and alert channels to a monitoring pipeline.</summary>
public static class ModelMonitoringBuilderExtensions
{
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
    public static IModelMonitoringBuilder AddSink(this IModelMonitoringBuilder builder, IMetricSink sink)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sink);
        return builder;
    }

    /// <summary>
    /// Adds a drift detector that checks the window of every model with drift monitoring, after the
    /// built-in <see cref="DatasetDriftDetector"/>; each check stores one record per detector.
    /// </summary>
    /// <typeparam name="TDetector">The detector type, constructed by dependency injection.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddDriftDetector<TDetector>(this IModelMonitoringBuilder builder)
        where TDetector : class, IDriftDetector
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IDriftDetector, TDetector>());
        return builder;
    }

    /// <summary>Adds a drift detector instance that checks the window of every model with drift monitoring, after the built-in one.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="detector">The detector.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddDriftDetector(this IModelMonitoringBuilder builder, IDriftDetector detector)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(detector);
        builder.Services.AddSingleton(detector);
        return builder;
    }
}
