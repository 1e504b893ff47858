using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMonitoring.Fleet;
using ModelMonitoring.PostgreSql;
using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Internal.Fleet;
using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring;

/// <summary>Adds the PostgreSQL storage provider to model monitoring.</summary>
public static class PostgreSqlModelMonitoringBuilderExtensions
{
    /// <summary>Stores monitoring data in a PostgreSQL database and reads reports from it.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">The Npgsql connection string; the schema <c>model_monitoring</c> is created in that database when missing.</param>
    /// <returns>The builder.</returns>
    /// <example>
    /// <code>
    /// services.AddModelMonitoring(o => o.AddModel("fraud", m => m.NumericFeatures("amount")))
    ///     .UsePostgreSql("Host=db;Database=monitoring;Username=monitor;Password=...");
    /// </code>
    /// </example>
    public static IModelMonitoringBuilder UsePostgreSql(this IModelMonitoringBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return builder.UsePostgreSql(options => options.ConnectionString = connectionString);
    }

    /// <summary>Stores monitoring data through a data source the application configured; the store does not dispose it.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="dataSource">The data source.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder UsePostgreSql(this IModelMonitoringBuilder builder, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UsePostgreSql(options => options.DataSource = dataSource);
    }

    /// <summary>
    /// Stores monitoring data in a PostgreSQL database and reads reports from it. Registers one store as
    /// <see cref="IMetricSink"/>, <see cref="IMonitoringReader"/>, <see cref="IAlertStore"/>, <see cref="IAlertRuleStore"/>,
    /// <see cref="IReferenceProfileStore"/>, <see cref="IReplicaStore"/>, <see cref="IRealizedPerformanceStore"/> and <see cref="IConceptDriftStore"/>, and an advisory-lock
    /// <see cref="IMonitoringLease"/> so that replicas sharing the schema elect one leader; calling it again only adds configuration.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the connection and other settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder UsePostgreSql(this IModelMonitoringBuilder builder, Action<PostgreSqlStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<PostgreSqlStorageOptions>().Configure(configure);
        return AddStore(builder);
    }

    /// <summary>
    /// Stores monitoring data in a PostgreSQL database, with the settings bound from configuration
    /// (<c>ConnectionString</c>, <c>Schema</c>, <c>CommandTimeout</c>, <c>RawPredictionRetention</c>, <c>WindowRetention</c>, <c>HourlyRollupRetention</c>, <c>DailyRollupRetention</c>; see
    /// <see cref="PostgreSqlStorageOptions"/>). An unknown key or a value of the wrong type fails at start-up
    /// naming it; the settings are read once, at start.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section, by convention <c>ModelMonitoring:Storage:PostgreSql</c>.</param>
    /// <returns>The builder.</returns>
    /// <example>
    /// <code>
    /// var section = builder.Configuration.GetSection("ModelMonitoring");
    /// builder.Services.AddModelMonitoring(section).UsePostgreSql(section.GetSection("Storage:PostgreSql"));
    /// </code>
    /// </example>
    public static IModelMonitoringBuilder UsePostgreSql(this IModelMonitoringBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<PostgreSqlStorageOptions>().Bind(section, o => o.ErrorOnUnknownConfiguration = true);
        return AddStore(builder);
    }

    private static IModelMonitoringBuilder AddStore(IModelMonitoringBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PostgreSqlStorageOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStorageOptions>, PostgreSqlStorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelMonitoringOptions>, PostgreSqlTimeoutValidator>());
        services.TryAddSingleton<PostgreSqlMonitoringStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricSink, PostgreSqlMonitoringStore>(static sp => sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<IMonitoringReader>(static sp => new PostgreSqlMonitoringReader(sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<IPredictionReader>(static sp => new PostgreSqlMonitoringReader(sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<IWindowMetricReader>(static sp => new PostgreSqlMonitoringReader(sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<ModelMonitoring.Health.IHealthCheckReader>(static sp => new PostgreSqlMonitoringReader(sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<IAlertStore>(static sp => new PostgreSqlAlertStore(sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<IReferenceProfileStore>(static sp => new PostgreSqlReferenceProfileStore(sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<IAlertRuleStore>(static sp => new PostgreSqlAlertRuleStore(sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<IReplicaStore>(static sp => new PostgreSqlReplicaStore(sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<IRealizedPerformanceStore>(static sp => new PostgreSqlRealizedPerformanceStore(sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<ModelMonitoring.Trends.ITrendReader>(static sp => sp.GetRequiredService<PostgreSqlMonitoringStore>());
        services.TryAddSingleton<IWindowPartialStore>(static sp => new PostgreSqlWindowPartialStore(sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<IConceptDriftStore>(static sp => new PostgreSqlConceptDriftStore(sp.GetRequiredService<PostgreSqlMonitoringStore>()));
        services.TryAddSingleton<IMonitoringLease>(static sp => new PostgreSqlLeaderLease(sp.GetRequiredService<PostgreSqlMonitoringStore>(), sp.GetService<ILoggerFactory>()));
        return builder;
    }
}
