using System.Diagnostics.Metrics;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Pipeline;

/// <summary>
/// Publishes the pipeline's accounting through <see cref="System.Diagnostics.Metrics"/> (meter
/// <c>ModelMonitoring</c>), so OpenTelemetry and dotnet-counters see drops without extra code.
/// Observable instruments read the counters only when a listener collects.
/// </summary>
internal sealed class MonitoringInstruments : IDisposable
{
    public const string MeterName = "ModelMonitoring";
    private readonly Meter _meter = new(MeterName, typeof(MonitoringInstruments).Assembly.GetName().Version?.ToString());

    public MonitoringInstruments(IModelMonitoring pipeline, DriftMonitoringService drift, StageFailures? failures = null, Func<IEnumerable<(string Model, long Count)>>? notAggregated = null)
    {
        if (failures is not null)
        {
            _meter.CreateObservableCounter("modelmonitoring.stage.failures", () => ObserveStageFailures(pipeline, failures), "{failure}", "Worker stages that threw, by model and stage (aggregation, drift, alerting); the stage was skipped for that model in that cycle.");
        }

        if (notAggregated is not null)
        {
            _meter.CreateObservableCounter("modelmonitoring.records.not_aggregated", () => notAggregated().Select(m => new Measurement<long>(m.Count, new KeyValuePair<string, object?>("model", m.Model))), "{record}", "Records stored but left out of window metrics because no window could take them.");
        }

        _meter.CreateObservableCounter("modelmonitoring.records.received", () => pipeline.GetStatistics().Received, "{record}", "Records passed to a monitor.");
        _meter.CreateObservableCounter("modelmonitoring.records.stored", () => pipeline.GetStatistics().Stored, "{record}", "Records every sink accepted.");
        _meter.CreateObservableUpDownCounter("modelmonitoring.records.buffered", () => pipeline.GetStatistics().Buffered, "{record}", "Records accepted but not yet stored.");
        _meter.CreateObservableCounter("modelmonitoring.records.dropped", () => ObserveDrops(pipeline), "{record}", "Records dropped, by reason.");
        _meter.CreateObservableCounter("modelmonitoring.alert.notifications", () => ObserveNotifications(pipeline), "{notification}", "Alert notifications by channel and outcome (delivered, failed, dropped), and those withheld (suppressed, silenced).");
        _meter.CreateObservableGauge("modelmonitoring.fleet.leader", () => pipeline.GetStatistics().IsLeader ? 1 : 0, "{replica}", "1 while this pipeline leads its fleet (evaluates rules and drift, escalates and notifies), 0 while it follows.");
        _meter.CreateObservableCounter("modelmonitoring.drift.checks", () => ObserveDriftChecks(drift), "{check}", "Drift detector runs, by model and outcome (completed or failed).");
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> ObserveNotifications(IModelMonitoring pipeline)
    {
        var statistics = pipeline.GetStatistics();
        foreach (var channel in statistics.Channels)
        {
            var name = new KeyValuePair<string, object?>("channel", channel.Channel);
            yield return new Measurement<long>(channel.Delivered, name, new("outcome", "delivered"));
            yield return new Measurement<long>(channel.Failed, name, new("outcome", "failed"));
            yield return new Measurement<long>(channel.Dropped, name, new("outcome", "dropped"));
        }

        yield return new Measurement<long>(statistics.NotificationsSuppressed, new KeyValuePair<string, object?>("outcome", "suppressed"));
        yield return new Measurement<long>(statistics.NotificationsSilenced, new KeyValuePair<string, object?>("outcome", "silenced"));
    }

    private static IEnumerable<Measurement<long>> ObserveDriftChecks(DriftMonitoringService drift)
    {
        foreach (var monitor in drift.Monitors)
        {
            var model = new KeyValuePair<string, object?>("model", monitor.Model.Name);
            yield return new Measurement<long>(monitor.CheckCount, model, new KeyValuePair<string, object?>("outcome", "completed"));
            yield return new Measurement<long>(monitor.FailedCheckCount, model, new KeyValuePair<string, object?>("outcome", "failed"));
        }
    }

    private static IEnumerable<Measurement<long>> ObserveStageFailures(IModelMonitoring pipeline, StageFailures failures)
    {
        foreach (var model in pipeline.Models)
        {
            var name = new KeyValuePair<string, object?>("model", model.Name);
            foreach (var stage in Enum.GetValues<MonitoringStage>())
            {
                yield return new Measurement<long>(failures.Get(model.Name, stage), name, new KeyValuePair<string, object?>("stage", stage.ToString()));
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveDrops(IModelMonitoring pipeline)
    {
        var statistics = pipeline.GetStatistics();
        foreach (var reason in Enum.GetValues<DropReason>())
        {
            yield return new Measurement<long>(statistics.GetDropped(reason), new KeyValuePair<string, object?>("reason", reason.ToString()));
        }
    }
}
