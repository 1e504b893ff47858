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
    /// as <see cref="IMetricSink"/>, <see cref="IMonitoringReader"/> and <see cref="IReferenceProfileStore"/>;
    /// calling it again only adds configuration.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the path and other settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder UseSqlite(this IModelMonitoringBuilder builder, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SqliteStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelMonitoringOptions>, SqliteTimeoutValidator>());
        services.TryAddSingleton<SqliteMonitoringStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricSink, SqliteMonitoringStore>(static sp => sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<IMonitoringReader>(static sp => new SqliteMonitoringReader(sp.GetRequiredService<SqliteMonitoringStore>()));
        services.TryAddSingleton<IAlertStore>(static sp => sp.GetRequiredService<SqliteMonitoringStore>());
        services.TryAddSingleton<IReferenceProfileStore>(static sp => new SqliteReferenceProfileStore(sp.GetRequiredService<SqliteMonitoringStore>()));
        return builder;
    }
}
