using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;

namespace ModelMonitoring;

/// <summary>Configures alerting on a monitoring pipeline, in code or from configuration.</summary>
public static class AlertingBuilderExtensions
{
    /// <summary>Configures alerting in code: rules, routes, escalation, suppression and silences.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the alerting settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddAlerting(this IModelMonitoringBuilder builder, Action<AlertingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure<ModelMonitoringOptions>(o => configure(o.Alerting));
        return builder;
    }

    /// <summary>
    /// Binds alerting settings from configuration, such as the <c>ModelMonitoring:Alerting</c> section of
    /// <c>appsettings.json</c>. Property names match <see cref="AlertingOptions"/>: <c>RepeatInterval</c>,
    /// <c>Rules</c> (each an <see cref="AlertRule"/>), <c>Suppression</c>, <c>Silences</c>, <c>Escalation</c>,
    /// <c>Routes</c> (severity → channel names). Invalid rules and unknown keys fail at start-up with a
    /// message naming each. Rules, silences and routes reload when the configuration changes.
    /// A rule replaces the rule of the same name, so binding the section again (it is also bound by
    /// <c>AddModelMonitoring(configuration)</c> as its <c>Alerting</c> section) declares nothing twice.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section holding the alerting settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddAlerting(this IModelMonitoringBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<ModelMonitoringOptions>(o => AlertingConfigurationBinder.Bind(section, o.Alerting, o.ConfigurationErrors));
        builder.Services.AddSingleton<IOptionsChangeTokenSource<ModelMonitoringOptions>>(new ConfigurationChangeTokenSource<ModelMonitoringOptions>(section));
        return builder;
    }
}
