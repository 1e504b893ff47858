using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Alerting;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Pipeline;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring;

/// <summary>
/// A monitoring pipeline owned by the caller, for applications without dependency injection or a
/// host. Disposing it stops recording, flushes everything within the shutdown timeout and releases
/// the storage.
/// </summary>
/// <example>
/// <code>
/// await using var monitoring = MonitoringPipeline.Create(builder => builder
///     .Configure(o => o.AddModel("fraud", m => m.NumericFeatures("amount", "age")))
///     .UseSqlite("monitoring.db"));
/// var fraud = monitoring.GetMonitor("fraud");
/// </code>
/// </example>
public sealed class MonitoringPipeline : IModelMonitoring, IAsyncDisposable, IDisposable
{
    private readonly ServiceProvider _services;
    private readonly ModelMonitoringService _pipeline;

    private MonitoringPipeline(ServiceProvider services)
    {
        _services = services;
        _pipeline = services.GetRequiredService<ModelMonitoringService>();
    }

    /// <summary>Gets the services the pipeline was built from (for example the storage's <see cref="IMonitoringReader"/>).</summary>
    public IServiceProvider Services => _services;

    /// <summary>Gets the reader of the registered storage provider.</summary>
    /// <exception cref="InvalidOperationException">No storage provider that can read was registered.</exception>
    public IMonitoringReader Reader => _services.GetService<IMonitoringReader>()
        ?? throw new InvalidOperationException("No storage provider that can read was registered; add one such as UseSqlite(\"monitoring.db\").");

    /// <summary>Gets continuous drift monitoring: each model's status, and replacing or resetting its reference.</summary>
    public IDriftMonitoring DriftMonitoring => _pipeline.Drift;

    /// <inheritdoc/>
    public IReadOnlyList<ModelSchema> Models => _pipeline.Models;

    /// <summary>Gets the alert lifecycle API: active alerts, history, acknowledge, resolve, silences.</summary>
    public IAlertManager Alerts => _pipeline.Alerts;

    /// <summary>Builds and starts a pipeline.</summary>
    /// <param name="configure">Declares models and settings and adds storage and channels; register a <see cref="TimeProvider"/> or logging through <see cref="IModelMonitoringBuilder.Services"/>.</param>
    /// <returns>The started pipeline.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The configuration is invalid; the message names every bad setting.</exception>
    public static MonitoringPipeline Create(Action<IModelMonitoringBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var services = new ServiceCollection();
        configure(services.AddModelMonitoring());
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            return new MonitoringPipeline(provider);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public IModelMonitor GetMonitor(string modelName) => _pipeline.GetMonitor(modelName);

    /// <inheritdoc/>
    public Task<bool> FlushAsync(CancellationToken cancellationToken = default) => _pipeline.FlushAsync(cancellationToken);

    /// <inheritdoc/>
    public MonitoringStatistics GetStatistics() => _pipeline.GetStatistics();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        // Stop first: the container disposes singletons in reverse order of resolution, which could
        // dispose a sink before the final flush had written to it.
        await _pipeline.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
