using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Reporting.Internal;
using ModelMonitoring.Storage;
using ModelMonitoring.Trends;

namespace ModelMonitoring.Reporting;

/// <summary>
/// Writes one self-contained HTML report of a model over a time range: summary, health, volume, errors and latency over
/// time, realized performance, drift per feature as a heat map, reference against current distributions, data quality
/// and the alerts. Charts are inline SVG; the file has no script and loads nothing from elsewhere. It is read from the
/// store's roll-ups and summaries, so its size grows with features and time buckets, not with predictions.
/// </summary>
public static class MonitoringReport
{
    /// <summary>Writes the report, reading through the storage provider registered in <paramref name="services"/>.</summary>
    /// <param name="services">A service provider with a storage provider (<c>UseSqlite</c>, <c>UsePostgreSql</c>).</param>
    /// <param name="options">The model and range.</param>
    /// <param name="output">Receives the UTF-8 HTML; left open.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>A task that completes when the report is written.</returns>
    /// <exception cref="ArgumentException">The options name no model, or the range ends before it starts.</exception>
    /// <exception cref="InvalidOperationException">No storage provider with roll-ups is registered.</exception>
    public static async Task WriteHtmlAsync(IServiceProvider services, MonitoringReportOptions options, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException("MonitoringReportOptions.Model: name the model to report on.", nameof(options));
        }

        if (options.To <= options.From)
        {
            throw new ArgumentException($"MonitoringReportOptions.To ({options.To:O}) must be after From ({options.From:O}).", nameof(options));
        }

        if (options.MaxDistributions is < 0 or > 200)
        {
            throw new ArgumentException($"MonitoringReportOptions.MaxDistributions: {options.MaxDistributions} is not allowed; use a value from 0 to 200.", nameof(options));
        }

        var reader = services.GetService<IMonitoringReader>();
        var trends = services.GetService<ITrendReader>();
        if (reader is null || trends is null)
        {
            throw new InvalidOperationException("The report reads a storage provider's summaries and roll-ups: register one with UseSqlite or UsePostgreSql.");
        }

        var data = await ReportData.ReadAsync(
            options,
            reader,
            trends,
            services.GetService<IReferenceProfileStore>(),
            services.GetService<IPredictionReader>(),
            services.GetService<Health.IModelHealthReader>(),
            cancellationToken).ConfigureAwait(false);
        var html = HtmlReportWriter.Write(data);
        await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(html), cancellationToken).ConfigureAwait(false);
    }
}
