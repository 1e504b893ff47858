using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelMonitoring.Sqlite;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Storage;

namespace ModelMonitoring;

/// <summary>Adds the SQLite storage provider to model monitoring.</summary>
public static class SqliteModelMonitoringBuilderExtensions
{
    /// <summary>Stores monitoring data in a SQLite database file and reads reports from it.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The database file; created when missing, in a directory that must exist.</param>
    /// <returns>The builder.</returns>
    /// <example>
    /// <code>
    /// services.AddModelMonitoring(o => o.AddModel("fraud", m => m.NumericFeatures("amount")))
    ///     .UseSqlite("monitoring.db");
    /// </code>
    /// </example>
    public static IModelMonitoringBuilder UseSqlite(this IModelMonitoringBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return builder.UseSqlite(options => options.Path = path);
    }

    /// <summary>
    /// Stores monitoring data in a SQLite database file and reads reports from it. Registers one store
    /// as <see cref="IMetricSink"/>, <see cref="IMonitoringReader"/>, <see cref="IAlertStore"/>, <see cref="IAlertRuleStore"/>, <see cref="IReferenceProfileStore"/>, <see cref="ModelMonitoring.Fleet.IReplicaStore"/>, <see cref="IRealizedPerformanceStore"/>, <see cref="ModelMonitoring.Trends.ITrendReader"/> and <see cref="IConceptDriftStore"/>;
    /// calling it again only adds configuration.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the path and other settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder UseSqlite(this IModelMonitoringBuilder builder, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SqliteStorageOptions>().Configure(configure);
        return AddStore(builder);
    }

    /// <summary>
    /// Stores monitoring data in a SQLite database file, with the settings bound from configuration
    /// (<c>Path</c>, <c>BusyTimeout</c>, <c>SynchronousMode</c>, <c>RawPredictionRetention</c>, <c>WindowRetention</c>, <c>HourlyRollupRetention</c>, <c>DailyRollupRetention</c>; see <see cref="SqliteStorageOptions"/>).
    /// An unknown key or a value of the wrong type fails at start-up naming it; the settings are read once, at start.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section, by convention <c>ModelMonitoring:Storage:Sqlite</c>.</param>
    /// <returns>The builder.</returns>
    /// <example>
    /// <code>
    /// var section = builder.Configuration.GetSection("ModelMonitoring");
    /// builder.Services.AddModelMonitoring(section).UseSqlite(section.GetSection("Storage:Sqlite"));
    /// </code>
    /// </example>
    public static IModelMonitoringBuilder UseSqlite(this IModelMonitoringBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<SqliteStorageOptions>().Bind(section, o => o.ErrorOnUnknownConfiguration = true);
        return AddStore(builder);
    }

    private static IModelMonitoringBuilder AddStore(IModelMonitoringBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SqliteStorageOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelMonitoringOptions>, SqliteTimeoutValidator>());
        services.TryAddSingleton<SqliteMonitoringStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricSink, SqliteMonitoringStore>(static sp => sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<IMonitoringReader>(static sp => new SqliteMonitoringReader(sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<IPredictionReader>(static sp => new SqliteMonitoringReader(sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<IWindowMetricReader>(static sp => new SqliteMonitoringReader(sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<ModelMonitoring.Health.IHealthCheckReader>(static sp => new SqliteMonitoringReader(sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<IAlertStore>(static sp => sp.GetRequiredService<SqliteMonitoringStore>());
        services.TryAddSingleton<IReferenceProfileStore>(static sp => new SqliteReferenceProfileStore(sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<IAlertRuleStore>(static sp => new SqliteAlertRuleStore(sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<ModelMonitoring.Fleet.IReplicaStore>(static sp => new SqliteReplicaStore(sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<IRealizedPerformanceStore>(static sp => new SqliteRealizedPerformanceStore(sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<ModelMonitoring.Trends.ITrendReader>(static sp => sp.GetRequiredService<SqliteMonitoringStore>());
        services.TryAddSingleton<ModelMonitoring.Fleet.IWindowPartialStore>(static sp => new SqliteWindowPartialStore(sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<IConceptDriftStore>(static sp => new SqliteConceptDriftStore(sp.GetRequiredService<SqliteMonitoringStore>()));
        return builder;
    }
}
