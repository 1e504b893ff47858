using System.Diagnostics;
using System.Diagnostics.Metrics;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Estimation;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Pipeline;

/// <summary>
/// One model's instruments on the <c>ModelMonitoring</c> meter: every drained prediction's latency and outcome
/// (recorded by the worker, never on the recording path), and the latest closed window's error rate, performance and
/// health and the latest drift check's per-feature scores, read by the observable gauges when a listener collects.
/// </summary>
/// <remarks>
/// The worker writes the latest values; a collector reads them from another thread, so each is replaced whole (an
/// immutable array) rather than changed in place.
/// </remarks>
internal sealed class ModelTelemetry
{
    private static readonly object Success = "success";
    private static readonly object Error = "error";
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _predictions;
    private readonly KeyValuePair<string, object?> _model;
    private readonly KeyValuePair<string, object?> _version;
    private (string Name, double Value)[] _window = [];
    private (string Feature, double Score)[] _drift = [];

    public ModelTelemetry(ModelSchema model, Histogram<double> duration, Counter<long> predictions)
    {
        Model = model;
        _duration = duration;
        _predictions = predictions;
        _model = new("model", model.Name);
        _version = new("version", model.Version);
    }

    public ModelSchema Model { get; }

    /// <summary>Gets the latest window's error rate, performance and health values by window metric name.</summary>
    public IReadOnlyList<(string Name, double Value)> LatestWindow => Volatile.Read(ref _window);

    /// <summary>Gets the latest drift check's score per feature.</summary>
    public IReadOnlyList<(string Feature, double Score)> LatestDrift => Volatile.Read(ref _drift);

    public KeyValuePair<string, object?> ModelTag => _model;

    public KeyValuePair<string, object?> VersionTag => _version;

    /// <summary>Counts a drained prediction and records its latency in milliseconds; no allocation (a <see cref="TagList"/> of three).</summary>
    public void Prediction(in PredictionRecord record)
    {
        var tags = new TagList { _model, _version };
        if (_duration.Enabled)
        {
            _duration.Record(record.Latency.TotalMilliseconds, tags);
        }

        if (_predictions.Enabled)
        {
            tags.Add("status", record.Status == PredictionStatus.Success ? Success : Error);
            _predictions.Add(1, tags);
        }
    }

    /// <summary>Keeps the values of a closed window that the gauges publish.</summary>
    public void Window(IReadOnlyDictionary<string, double> values)
    {
        var kept = new List<(string, double)>(8);
        foreach (var (name, value) in values)
        {
            if (double.IsFinite(value) && Published(name))
            {
                kept.Add((name, value));
            }
        }

        Volatile.Write(ref _window, [.. kept]);
    }

    /// <summary>Keeps the per-feature scores of the model's latest drift check.</summary>
    public void DriftChecked(DriftCheckRecord latest) =>
        Volatile.Write(ref _drift, [.. latest.Features.Where(f => double.IsFinite(f.Score)).Select(f => (f.Feature, f.Score))]);

    private static bool Published(string name) =>
        name is WindowMetricNames.ErrorRate or WindowMetricNames.Accuracy or WindowMetricNames.MeanAbsoluteError or Health.HealthMetricNames.Score
        || EstimatedMetricNames.All.Contains(name);
}
