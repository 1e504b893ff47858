using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ModelMonitoring.Internal;

namespace ModelMonitoring.DependencyInjection;

/// <summary>
/// Rebuilds <see cref="ModelMonitoringOptions"/> when their configuration changes and hands valid ones to
/// the pipeline. Unlike <see cref="IOptionsMonitor{TOptions}"/>, whose change callback throws into the
/// configuration provider when the new settings fail validation, an invalid change is refused here:
/// logged, counted, and the last valid settings stay in force.
/// </summary>
internal sealed class ConfigurationReloader : IDisposable
{
    private readonly IOptionsFactory<ModelMonitoringOptions> _factory;
    private readonly Action<ModelMonitoringOptions> _apply;
    private readonly ILogger _logger;
    private readonly IDisposable? _registration;
    private long _rejected;

    public ConfigurationReloader(
        IOptionsFactory<ModelMonitoringOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<ModelMonitoringOptions>> sources,
        Action<ModelMonitoringOptions> apply,
        ILogger logger)
    {
        _factory = factory;
        _apply = apply;
        _logger = logger;
        var ours = sources.Where(s => (s.Name ?? Options.DefaultName) == Options.DefaultName).ToArray();
        if (ours.Length > 0)
        {
            // One change of a file reaches every source bound to it (AddModelMonitoring and AddAlerting may both
            // watch it): a composite token makes it one reload, so a bad edit is counted once.
            _registration = ChangeToken.OnChange(() => new CompositeChangeToken([.. ours.Select(s => s.GetChangeToken())]), Reload);
        }
    }

    /// <summary>Gets how many changes were refused because the new settings were invalid.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public void Dispose() => _registration?.Dispose();

    private void Reload()
    {
        try
        {
            var options = _factory.Create(Options.DefaultName);
            _apply(options);
            Log.ConfigurationReloaded(_logger);
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException or FormatException or ArgumentException)
        {
            // Thrown into the configuration provider, the error would reach no one who could act on it.
            Interlocked.Increment(ref _rejected);
            Log.ConfigurationReloadRejected(_logger, ex.Message);
        }
    }
}
