using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift.Streaming;
using ModelMonitoring.Estimation;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Aggregation;

/// <summary>
/// Folds one model's drained records into fixed windows aligned to the Unix epoch and, once a
/// window can no longer receive records, turns it into window metrics and threshold alerts.
/// Runs on the worker thread only.
/// </summary>
/// <remarks>
/// Robust by itself, whatever times reach it: a window is opened only when its end plus the grace
/// period is a representable time, and at most <see cref="MaxOpenWindows"/> are open. A record that
/// finds no window for either reason is still stored; it is counted (<see cref="NotAggregated"/>) and
/// logged, at most once per <see cref="LogInterval"/>.
/// </remarks>
internal sealed class WindowAggregator
{
    public const int MaxOpenWindows = 64;
    public static readonly TimeSpan LogInterval = TimeSpan.FromHours(1);
    private readonly long _windowTicks;
    private readonly TimeSpan _grace;
    private readonly long _lastIndex;
    private readonly string _model;
    private readonly ILogger _logger;
    private long _notAggregated;
    private long _loggedNotAggregated;
    private DateTimeOffset _loggedAt = DateTimeOffset.MinValue;
    private long _loggedUnused;
    private DateTimeOffset _unusedLoggedAt = DateTimeOffset.MinValue;
    private readonly LabelJoinCache _labels;
    private readonly ThresholdEvaluator _thresholds;
    private readonly SortedDictionary<long, WindowState> _open = [];
    private readonly Stack<WindowState> _pool = new();
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _customMetrics;
    private readonly int _customMetricCount;
    private long _closedBefore = long.MinValue;
    private long _groupedAsOther;
    private ConceptDriftWatch[] _concept = [];
    private readonly List<Alert> _conceptObservations = [];
    private readonly List<Alert> _estimationObservations = [];

    public WindowAggregator(TimeSpan window, TimeSpan grace, int labelJoinCapacity, ThresholdEvaluator thresholds, string model = "", ILogger? logger = null)
    {
        _windowTicks = window.Ticks;
        _grace = grace;

        // The last window whose end plus the grace period is still a DateTimeOffset: (index + 1) · window + grace ≤ max.
        _lastIndex = ((DateTimeOffset.MaxValue.UtcTicks - grace.Ticks) / _windowTicks) - 1;
        _model = model;
        _logger = logger ?? NullLogger.Instance;
        _labels = new LabelJoinCache(labelJoinCapacity);
        _thresholds = thresholds;
        _customMetricCount = thresholds.CustomMetrics.Count;
        _customMetrics = new Dictionary<string, int>(_customMetricCount, StringComparer.Ordinal);
        for (var slot = 0; slot < _customMetricCount; slot++)
        {
            // Slots follow the declaration order the evaluator reads them in; a repeated name keeps its first slot.
            _customMetrics.TryAdd(thresholds.CustomMetrics[slot], slot);
        }
    }

    /// <summary>Gets the most distinct predicted classes a window tracks; the rest are counted under <see cref="RecordingLimits.OtherValue"/>.</summary>
    public int MaxDistinctClassLabels { get; init; } = new RecordingLimits().MaxDistinctClassLabels;

    /// <summary>Gets the model's streaming detectors, fed each label's error as it joins its prediction (concept drift).</summary>
    public IReadOnlyList<ConceptDriftWatch> ConceptDrift
    {
        get => _concept;
        init => _concept = [.. value];
    }

    /// <summary>Gets the model's performance estimation (CBPE), or <see langword="null"/> when it has none; not run for fleet windows.</summary>
    public PerformanceEstimationWatch? Estimation { get; init; }

    /// <summary>Gets how many predictions were counted under <see cref="RecordingLimits.OtherValue"/>; may be read from any thread.</summary>
    public long GroupedAsOther => Volatile.Read(ref _groupedAsOther);

    /// <summary>Gets the number of records that were left out of window metrics because no window could take them (may be read from any thread).</summary>
    public long NotAggregated => Interlocked.Read(ref _notAggregated);

    public void Observe(in PredictionRecord prediction)
    {
        _labels.Remember(prediction.Id, prediction.PredictedClass, prediction.PredictedValue ?? double.NaN);
        if (WindowFor(prediction.Timestamp) is not { } window)
        {
            return;
        }

        window.Count++;
        if (prediction.Status == PredictionStatus.Error)
        {
            window.Errors++;
        }

        var latencyMs = prediction.Latency.TotalMilliseconds;
        window.LatencySumMs += latencyMs;
        window.Latency.Add(latencyMs);
        if (prediction.Confidence is { } confidence)
        {
            window.ConfidenceSum += confidence;
            window.ConfidenceCount++;
        }

        if (prediction.PredictedClass is { } predictedClass)
        {
            CountClass(window.ClassCounts, predictedClass);
            if (Estimation is { } estimation && prediction.Status == PredictionStatus.Success)
            {
                estimation.Observe(window, predictedClass, prediction.Confidence, prediction.ClassProbabilities.Span);
            }
        }

        Quality?.Observe(window, prediction);
    }

    /// <summary>Gets the feature names of the quality counts, in slot order (none without a tracker).</summary>
    public IReadOnlyList<string> QualityFeatures => Quality?.Features ?? [];

    /// <summary>Gets the tracker of the model's feature quality (<c>quality.*</c> metrics), or <see langword="null"/> for none.</summary>
    public Quality.FeatureQualityTracker? Quality { get; init; }

    public void Observe(in GroundTruthRecord label)
    {
        if (!_labels.TryTake(label.PredictionId, out var predictedClass, out var predictedValue))
        {
            return;
        }

        if (_concept.Length > 0)
        {
            ObserveError(label, predictedClass, predictedValue);
        }

        if (WindowFor(label.Timestamp) is not { } window)
        {
            return;
        }

        window.LabelCount++;
        if (label.ActualClass is { } actualClass && predictedClass is not null)
        {
            window.ClassLabelCount++;
            if (string.Equals(actualClass, predictedClass, StringComparison.Ordinal))
            {
                window.CorrectCount++;
            }
        }
        else if (label.ActualValue is { } actualValue && !double.IsNaN(predictedValue))
        {
            window.ValueLabelCount++;
            window.AbsoluteErrorSum += Math.Abs(predictedValue - actualValue);
        }
    }

    /// <summary>
    /// Feeds the label's error to the streaming detectors whatever its window: a label that arrives after its window
    /// closed still says whether the model was right. Classification: 1 when the label differs from the predicted
    /// class, else 0; regression: the absolute error.
    /// </summary>
    private void ObserveError(in GroundTruthRecord label, string? predictedClass, double predictedValue)
    {
        bool absolute;
        double error;
        if (label.ActualClass is { } actualClass && predictedClass is not null)
        {
            absolute = false;
            error = string.Equals(actualClass, predictedClass, StringComparison.Ordinal) ? 0 : 1;
        }
        else if (label.ActualValue is { } actualValue && !double.IsNaN(predictedValue))
        {
            absolute = true;
            error = Math.Abs(predictedValue - actualValue);
        }
        else
        {
            return;
        }

        foreach (var watch in _concept)
        {
            if (watch.ReadsAbsoluteError == absolute)
            {
                watch.Update(error, label.Timestamp, _conceptObservations);
            }
        }
    }

    /// <summary>
    /// Folds a value recorded with <c>RecordMetric</c> into its window when the model declared the name as a custom
    /// metric. Other names are only stored: the declared names bound the per-window state. Any recorded metric of a
    /// model with custom metrics opens its window, so a model that records only misspelt names still closes windows
    /// and its missing custom metric is reported.
    /// </summary>
    public void Observe(in MetricRecord metric)
    {
        if (_customMetricCount == 0 || WindowFor(metric.Timestamp) is not { } window || !_customMetrics.TryGetValue(metric.Name, out var slot))
        {
            return;
        }

        if (window.CustomMetrics.Length != _customMetricCount)
        {
            window.CustomMetrics = new CustomMetricWindow[_customMetricCount];
        }

        window.CustomMetrics[slot].Add(metric.Value, metric.Timestamp.UtcTicks);
    }

    /// <summary>Counts a class, or <see cref="RecordingLimits.OtherValue"/> once the window tracks <see cref="MaxDistinctClassLabels"/> others: each class is a stored metric per window.</summary>
    private void CountClass(Dictionary<string, long> counts, string label)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(counts, label);
        if (Unsafe.IsNullRef(ref count))
        {
            var tracked = counts.Count - (counts.ContainsKey(RecordingLimits.OtherValue) ? 1 : 0);
            if (tracked >= MaxDistinctClassLabels)
            {
                label = RecordingLimits.OtherValue;
                Volatile.Write(ref _groupedAsOther, _groupedAsOther + 1);
            }

            count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, label, out _);
        }

        count++;
    }

    /// <summary>Closes every window that ended at least the grace period before <paramref name="now"/>, or every window when <paramref name="all"/>.</summary>
    public void CloseWindows(DateTimeOffset now, bool all, ArrayBuilder<MetricRecord> metrics, List<Alert> alerts)
    {
        LogNotAggregated(now);
        LogUnusedForEstimation(now);

        // Detections are handed to the alert manager with the cycle's threshold observations.
        alerts.AddRange(_conceptObservations);
        _conceptObservations.Clear();
        while (_open.Count > 0)
        {
            // WindowFor opens no window whose end plus the grace period would overflow.
            var (index, window) = _open.First();
            var start = new DateTimeOffset(index * _windowTicks, TimeSpan.Zero);
            var end = new DateTimeOffset((index + 1) * _windowTicks, TimeSpan.Zero);
            if (!all && now < end + _grace)
            {
                break;
            }

            // Removed before its metrics are computed, so a window whose emission throws is not retried
            // every cycle, holding back the windows after it.
            _open.Remove(index);
            _closedBefore = index + 1;
            if (Partials is { } partials)
            {
                // Fleet windows: the leader emits and judges the merge of every replica's partial (FleetWindows).
                partials.Add(WindowPartials.From(window, _model, Replica, start, end, _thresholds.CustomMetrics, QualityFeatures));
            }
            else
            {
                var effectiveEnd = all && now < end ? now : end;
                Emit(window, start, end, effectiveEnd - start, metrics);
                _thresholds.Evaluate(_values, window.CustomMetrics, end, alerts);
                alerts.AddRange(_estimationObservations);
                _estimationObservations.Clear();
            }

            _pool.Push(window);
        }
    }

    /// <summary>Gets the partials of windows closed in fleet mode, which the worker saves; <see langword="null"/> when windows are emitted here.</summary>
    public List<Fleet.WindowPartial>? Partials { get; init; }

    /// <summary>Gets the replica name written into each partial.</summary>
    public string Replica { get; init; } = string.Empty;

    /// <summary>Gets the model's declared custom metric names, in slot order.</summary>
    public IReadOnlyList<string> CustomMetricNames => _thresholds.CustomMetrics;

    /// <summary>Emits the window metrics of a fleet window merged from the replicas' partials and evaluates thresholds over them (leader).</summary>
    public void CloseMerged(WindowState window, DateTimeOffset start, DateTimeOffset end, ArrayBuilder<MetricRecord> metrics, List<Alert> alerts)
    {
        Emit(window, start, end, end - start, metrics);
        _thresholds.Evaluate(_values, window.CustomMetrics, end, alerts);
    }

    private WindowState? WindowFor(DateTimeOffset timestamp)
    {
        var index = Math.DivRem(timestamp.UtcTicks, _windowTicks, out var remainder);
        if (remainder < 0)
        {
            index--;
        }

        // Records for a window that already closed are stored but no longer aggregated.
        if (index < _closedBefore)
        {
            return null;
        }

        if (_open.TryGetValue(index, out var window))
        {
            return window;
        }

        if (_open.Count >= MaxOpenWindows || index > _lastIndex)
        {
            _notAggregated++;
            return null;
        }

        window = _pool.Count > 0 ? _pool.Pop() : new WindowState();
        window.Reset(index);
        _open.Add(index, window);
        return window;
    }

    private void LogNotAggregated(DateTimeOffset now)
    {
        var count = _notAggregated;
        if (count != _loggedNotAggregated && now - _loggedAt >= LogInterval)
        {
            _loggedNotAggregated = count;
            _loggedAt = now;
            Log.WindowsFull(_logger, count, _model, MaxOpenWindows, LogInterval);
        }
    }

    /// <summary>Predictions performance estimation could not use leave windows without an estimate: said, not silent.</summary>
    private void LogUnusedForEstimation(DateTimeOffset now)
    {
        if (Estimation is { } estimation && estimation.Unused != _loggedUnused && now - _unusedLoggedAt >= LogInterval)
        {
            _loggedUnused = estimation.Unused;
            _unusedLoggedAt = now;
            Log.UnusedForEstimation(_logger, estimation.Unused, _model, estimation.Needs, LogInterval);
        }
    }

    private void Emit(WindowState window, DateTimeOffset start, DateTimeOffset end, TimeSpan covered, ArrayBuilder<MetricRecord> metrics)
    {
        _values.Clear();
        if (window.Count > 0)
        {
            _values[WindowMetricNames.PredictionCount] = window.Count;
            _values[WindowMetricNames.Throughput] = covered > TimeSpan.Zero ? window.Count / covered.TotalSeconds : 0;
            _values[WindowMetricNames.ErrorRate] = (double)window.Errors / window.Count;
            _values[WindowMetricNames.LatencyMean] = window.LatencySumMs / window.Count;
            _values[WindowMetricNames.LatencyP50] = window.Latency.Quantile(0.50);
            _values[WindowMetricNames.LatencyP95] = window.Latency.Quantile(0.95);
            _values[WindowMetricNames.LatencyP99] = window.Latency.Quantile(0.99);
        }

        if (window.ConfidenceCount > 0)
        {
            _values[WindowMetricNames.ConfidenceMean] = window.ConfidenceSum / window.ConfidenceCount;
        }

        long classified = 0;
        long mostCommon = 0;
        foreach (var (label, count) in window.ClassCounts)
        {
            classified += count;

            // The other bucket is many classes, so it says nothing about bias towards one.
            mostCommon = string.Equals(label, RecordingLimits.OtherValue, StringComparison.Ordinal) ? mostCommon : Math.Max(mostCommon, count);
        }

        if (classified > 0)
        {
            _values[WindowMetricNames.ClassBias] = (double)mostCommon / classified;
            foreach (var (label, count) in window.ClassCounts)
            {
                _values[WindowMetricNames.ClassSharePrefix + label] = (double)count / classified;
            }
        }

        if (window.LabelCount > 0)
        {
            _values[WindowMetricNames.LabeledCount] = window.LabelCount;
        }

        if (window.ClassLabelCount > 0)
        {
            _values[WindowMetricNames.Accuracy] = (double)window.CorrectCount / window.ClassLabelCount;
        }

        if (window.ValueLabelCount > 0)
        {
            _values[WindowMetricNames.MeanAbsoluteError] = window.AbsoluteErrorSum / window.ValueLabelCount;
        }

        Quality?.Emit(window, _values);

        // Estimates are emitted with the window's other metrics; their band checks join the alerts after the thresholds'.
        Estimation?.Close(window.Estimation, end, _values, _estimationObservations);
        foreach (var (name, value) in _values)
        {
            metrics.Add(new MetricRecord { Name = name, Value = value, Timestamp = end, WindowStart = start, Unit = UnitOf(name) });
        }
    }

    private static string? UnitOf(string name) => name switch
    {
        WindowMetricNames.LatencyMean or WindowMetricNames.LatencyP50 or WindowMetricNames.LatencyP95 or WindowMetricNames.LatencyP99 => "ms",
        WindowMetricNames.Throughput => "1/s",
        _ => null,
    };
}
