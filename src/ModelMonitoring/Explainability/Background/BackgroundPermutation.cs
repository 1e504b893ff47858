using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Explainability;

/// <summary>
/// Permutation importance on labelled predictions, computed by the worker: a seeded sample of drained predictions keeps
/// its features (bounded, oldest given up first) until its label is drained; every <see cref="BackgroundPermutationOptions.Rows"/>
/// labelled rows the importance of each feature is computed with <see cref="PermutationImportance"/> and emitted as the
/// metrics <c>importance.permutation.&lt;feature&gt;</c> (mean score drop) and <c>importance.permutation_std.&lt;feature&gt;</c>.
/// Not thread-safe: the worker thread alone calls it.
/// </summary>
internal sealed class BackgroundPermutation(string[] features, BatchPredictor model, PermutationScorer scorer, BackgroundPermutationOptions options)
{
    public const string MeanPrefix = "importance.permutation.";
    public const string StdPrefix = "importance.permutation_std.";
    private readonly Dictionary<PredictionId, double[]> _pending = [];
    private readonly Queue<PredictionId> _order = new();
    private readonly List<double> _rows = [];
    private readonly List<double> _labels = [];
    private readonly List<MetricRecord> _ready = [];
    private SplitMix64 _random = new(options.Seed);
    private int _computations;
    private long _givenUp;

    /// <summary>
    /// Gets how many sampled predictions were given up: too many were waiting for their label, or the label was a class
    /// without <see cref="BackgroundPermutationOptions.ClassValue"/>. May be read from any thread.
    /// </summary>
    public long GivenUp => Interlocked.Read(ref _givenUp);

    public void Observe(in PredictionRecord prediction)
    {
        var values = prediction.NumericFeatures.Span;
        if (values.Length != features.Length || _random.NextDouble() >= options.SampleRate || _pending.ContainsKey(prediction.Id))
        {
            return;
        }

        // The queue holds every waiting id plus those whose label has already joined; bounding it bounds both.
        while (_order.Count >= options.PendingCapacity && _order.TryDequeue(out var oldest))
        {
            if (_pending.Remove(oldest))
            {
                Interlocked.Increment(ref _givenUp);
            }
        }

        _pending[prediction.Id] = values.ToArray();
        _order.Enqueue(prediction.Id);
    }

    /// <summary>Hands over the importance metrics computed since the last call (added to the cycle's batch after its window metrics).</summary>
    public void Flush(Action<MetricRecord> emit)
    {
        foreach (var metric in _ready)
        {
            emit(metric);
        }

        _ready.Clear();
    }

    /// <summary>Joins a drained label to a kept prediction and computes the importances once enough rows have joined.</summary>
    public void Observe(in GroundTruthRecord label)
    {
        if (!_pending.Remove(label.PredictionId, out var row))
        {
            return;
        }

        double value;
        if (label.ActualValue is { } actual)
        {
            value = actual;
        }
        else if (label.ActualClass is { } actualClass && options.ClassValue is { } map)
        {
            value = map(actualClass);
        }
        else
        {
            Interlocked.Increment(ref _givenUp);
            return;
        }

        _rows.AddRange(row);
        _labels.Add(value);
        if (_labels.Count < options.Rows)
        {
            return;
        }

        var rows = _rows.ToArray();
        var labels = _labels.ToArray();
        _rows.Clear();
        _labels.Clear();

        // The rows are used once whether the model succeeds or throws (the caller counts a throw as a stage failure).
        var result = PermutationImportance.Compute(model, rows, features.Length, labels, scorer, options.Repeats, options.Seed + _computations);
        _computations++;
        for (var j = 0; j < features.Length; j++)
        {
            _ready.Add(new MetricRecord { Name = MeanPrefix + features[j], Value = result.ImportancesMean[j], Timestamp = label.Timestamp });
            _ready.Add(new MetricRecord { Name = StdPrefix + features[j], Value = result.ImportancesStd[j], Timestamp = label.Timestamp });
        }
    }
}
