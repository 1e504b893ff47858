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
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    /// <summary>Creates the meter through the application's <see cref="IMeterFactory"/> when it has one (so its metrics pipeline scopes and disposes it), else on its own.</summary>
    public MonitoringInstruments(IMeterFactory? meterFactory = null)
    {
        var version = typeof(MonitoringInstruments).Assembly.GetName().Version?.ToString();
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(MeterName) { Version = version }) ?? new Meter(MeterName, version);
        PredictionDuration = _meter.CreateHistogram<double>("modelmonitoring.model.prediction.duration", "ms", "Latency of each stored prediction, by model and version (recorded by the worker as it drains predictions).");
        Predictions = _meter.CreateCounter<long>("modelmonitoring.model.predictions", "{prediction}", "Stored predictions, by model, version and status (success or error); the error rate is errors over all.");
    }

    public Histogram<double> PredictionDuration { get; }

    public Counter<long> Predictions { get; }

    /// <summary>Publishes the pipeline's accounting and the models' latest window, health and drift values as observable instruments.</summary>
    public void Publish(IModelMonitoring pipeline, DriftMonitoringService drift, StageFailures? failures, Func<IEnumerable<(string Model, long Count)>>? notAggregated, IReadOnlyList<ModelTelemetry> models, Func<string, DropReason, long> modelDrops)
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

        _meter.CreateObservableCounter("modelmonitoring.model.records.dropped", () => ObserveModelDrops(models, modelDrops), "{record}", "Records dropped, by model and reason.");
        _meter.CreateObservableGauge("modelmonitoring.model.error_rate", () => ObserveWindow(models, Aggregation.WindowMetricNames.ErrorRate, metricTag: false), description: "Share of failed predictions (0 to 1) in the model's latest closed window.");
        _meter.CreateObservableGauge("modelmonitoring.model.health.score", () => ObserveWindow(models, Health.HealthMetricNames.Score, metricTag: false), description: "Health score (0 to 100) of the model's latest closed window (docs/health.md).");
        _meter.CreateObservableGauge("modelmonitoring.model.performance", () => ObserveWindow(models, null, metricTag: true), description: "Performance of the model's latest closed window, by metric: accuracy or mae (labels joined in the window) and the estimated.* metrics of performance estimation.");
        _meter.CreateObservableGauge("modelmonitoring.model.drift.score", () => ObserveDriftScores(models), description: "Drift score (0 to 1) of each feature in the model's latest drift check.");
    }

    private static IEnumerable<Measurement<long>> ObserveModelDrops(IReadOnlyList<ModelTelemetry> models, Func<string, DropReason, long> drops)
    {
        foreach (var model in models)
        {
            foreach (var reason in Enum.GetValues<DropReason>())
            {
                yield return new Measurement<long>(drops(model.Model.Name, reason), model.ModelTag, new KeyValuePair<string, object?>("reason", reason.ToString()));
            }
        }
    }

    /// <summary>One window value per model (<paramref name="name"/>), or every performance value tagged by metric.</summary>
    private static IEnumerable<Measurement<double>> ObserveWindow(IReadOnlyList<ModelTelemetry> models, string? name, bool metricTag)
    {
        foreach (var model in models)
        {
            foreach (var (metric, value) in model.LatestWindow)
            {
                if (metricTag && metric is not (Aggregation.WindowMetricNames.ErrorRate or Health.HealthMetricNames.Score))
                {
                    yield return new Measurement<double>(value, model.ModelTag, model.VersionTag, new KeyValuePair<string, object?>("metric", metric));
                }
                else if (!metricTag && metric == name)
                {
                    yield return new Measurement<double>(value, model.ModelTag, model.VersionTag);
                }
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveDriftScores(IReadOnlyList<ModelTelemetry> models)
    {
        foreach (var model in models)
        {
            foreach (var (feature, score) in model.LatestDrift)
            {
                yield return new Measurement<double>(score, model.ModelTag, new KeyValuePair<string, object?>("feature", feature));
            }
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

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
