using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Alerting;

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
    /// <c>Routes</c> (severity → channel names). Invalid rules fail at start-up with a message naming each.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section holding the alerting settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddAlerting(this IModelMonitoringBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<ModelMonitoringOptions>(o => section.Bind(o.Alerting, b => b.ErrorOnUnknownConfiguration = true));
        return builder;
    }
}
