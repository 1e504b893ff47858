using Microsoft.Extensions.Configuration;
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
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027", Justification = "AddXxx(Action? configure = null) beside AddXxx(IConfiguration) is the Microsoft.Extensions shape; the two cannot be confused.")]
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

        // Health is stored as window metrics, so any provider that reads metrics serves it.
        services.TryAddSingleton<ModelMonitoring.Health.IModelHealthReader>(static sp => new ModelMonitoring.Health.Internal.StoredModelHealthReader(
            sp.GetRequiredService<ModelMonitoring.Storage.IMonitoringReader>(), sp.GetRequiredService<ModelMonitoring.Storage.IWindowMetricReader>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, LoggerAlertChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ModelMonitoringHostedService>());
        return new ModelMonitoringBuilder(services);
    }

    /// <summary>
    /// Registers the monitoring pipeline like <see cref="AddModelMonitoring(IServiceCollection, Action{ModelMonitoringOptions}?)"/>,
    /// with every setting bound from configuration, such as the <c>ModelMonitoring</c> section of
    /// <c>appsettings.json</c>: the options' properties, <c>Limits</c>, <c>Alerting</c> and <c>Models</c>
    /// (keyed by model name: <c>Version</c>, <c>Environment</c>, <c>NumericFeatures</c>,
    /// <c>CategoricalFeatures</c>, <c>CustomMetrics</c>, <c>Thresholds</c> keyed by metric, <c>Drift</c>,
    /// <c>StreamingDetectors</c> keyed by name, <c>ConceptDrift</c>).
    /// The <c>Storage</c> and <c>Channels</c> sections are left to their packages, such as
    /// <c>UseSqlite(section.GetSection("Storage:Sqlite"))</c>. Any other key, and any value of the wrong
    /// type, fails at start-up with a message naming it, together with every other invalid setting.
    /// </summary>
    /// <remarks>
    /// Code and configuration compose: <c>.Configure(o =&gt; …)</c> on the returned builder runs after the
    /// binding, so a model or threshold of the same name is completed key by key, a rule of the same name replaced. Binding the
    /// same section again declares nothing twice. When the configuration changes, thresholds, rules,
    /// silences, routes, suppression, escalation and the repeat interval are reloaded without a restart and
    /// apply from the next window evaluated; an invalid change is refused (logged and counted in
    /// <see cref="ModelMonitoring.Recording.MonitoringStatistics.ConfigurationReloadsRejected"/>) and the last valid
    /// settings stay. Other settings (models, features, buffers, drift, streaming detectors) take effect at the next start.
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section holding the settings.</param>
    /// <returns>A builder to add storage and channels with, such as <c>UseSqlite</c>.</returns>
    /// <example>
    /// <code>
    /// var section = builder.Configuration.GetSection("ModelMonitoring");
    /// builder.Services.AddModelMonitoring(section)
    ///     .Configure(o => o.AddModel("ranker"))   // optional: code adds to what the section declares
    ///     .UseSqlite(section.GetSection("Storage:Sqlite"));
    /// </code>
    /// </example>
    public static IModelMonitoringBuilder AddModelMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddModelMonitoring();
        services.Configure<ModelMonitoringOptions>(o => ModelMonitoringConfigurationBinder.Bind(configuration, o));
        services.AddSingleton<IOptionsChangeTokenSource<ModelMonitoringOptions>>(new ConfigurationChangeTokenSource<ModelMonitoringOptions>(configuration));
        return builder;
    }
}
