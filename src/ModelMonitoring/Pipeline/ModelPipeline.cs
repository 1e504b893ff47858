using ModelMonitoring.Aggregation;
using ModelMonitoring.Buffers;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Pipeline;

/// <summary>The worker's view of one model: drains its rings into batches, aggregates windows and feeds the drift window.</summary>
internal sealed partial class ModelPipeline
{
    private readonly int _maxBatchSize;
    private readonly StageFailures? _failures;

    public ModelPipeline(ModelMonitor monitor, WindowAggregator aggregator, DriftMonitor? drift, int maxBatchSize, StageFailures? failures = null)
    {
        Monitor = monitor;
        _failures = failures;
        Aggregator = aggregator;
        Drift = drift;
        _maxBatchSize = maxBatchSize;
        Buffers = NewBuffers();
    }

    public ModelMonitor Monitor { get; }

    public WindowAggregator Aggregator { get; }

    /// <summary>Gets the model's continuous drift monitoring, or <see langword="null"/> when drift is not monitored.</summary>
    public DriftMonitor? Drift { get; }

    /// <summary>Gets the model's explainability monitoring (importance and attribution drift), or <see langword="null"/>.</summary>
    public Explainability.ExplainabilityMonitor? Explainability { get; init; }

    /// <summary>Gets the background permutation importance, or <see langword="null"/>.</summary>
    public Explainability.BackgroundPermutation? Permutation { get; init; }

    /// <summary>Gets the built-in explainer run on a sample of the model's predictions, or <see langword="null"/>.</summary>
    public Explainability.BackgroundExplainer? BackgroundExplainer { get; init; }

    /// <summary>Gets the model's instruments (latency, outcomes, latest window and drift values), or <see langword="null"/> in tests that build a pipeline by hand.</summary>
    public ModelTelemetry? Telemetry { get; init; }

    /// <summary>Gets the model's health scoring, or <see langword="null"/> when it is turned off.</summary>
    public Health.Internal.HealthScorer? Health { get; init; }

    public BatchBuffers Buffers { get; private set; }

    public ModelSchema Model => Monitor.Model;

    /// <summary>Starts over with fresh arrays: an abandoned sink write may still hold the old ones.</summary>
    public void ReplaceBuffers() => Buffers = NewBuffers();

    /// <summary>Moves up to one batch of each record kind from the rings into <see cref="Buffers"/> and aggregates them.</summary>
    public void Drain(TimestampConverter clock)
    {
        var buffers = Buffers;
        buffers.Clear();
        DrainPredictions(buffers, clock);
        DrainGroundTruths(buffers, clock);
        DrainMetrics(buffers, clock);
        DrainHealthChecks(buffers, clock);
        DrainExplanations(buffers, clock);
    }

    /// <summary>Discards everything still buffered (after a shutdown timeout) and returns how many records that was.</summary>
    public long DiscardBuffered()
    {
        return DiscardPredictions() + Discard(Monitor.GroundTruths) + Discard(Monitor.Metrics) + Discard(Monitor.HealthChecks)
            + (Monitor.Explanations is { } explanations ? Discard(explanations) : 0);

        static long Discard<T>(ShardedRing<T> ring)
            where T : struct
        {
            long count = 0;
            foreach (var shard in ring.Shards)
            {
                while (shard.TryPeek(out _))
                {
                    shard.Release();
                    count++;
                }
            }

            return count;
        }
    }

    private void DrainPredictions(BatchBuffers buffers, TimestampConverter clock)
    {
        var count = 0;
        var numericWidth = Model.NumericFeatures.Count;
        var categoricalWidth = Model.CategoricalFeatures.Count;
        var classCount = Model.Classes.Count;
        foreach (var shard in Monitor.Predictions.Shards)
        {
            while (count < _maxBatchSize && shard.TryPeek(out var position))
            {
                ref var entry = ref shard[position];
                var extras = entry.Has(PredictionEntryFields.Extras) ? Monitor.Extras.Take(shard.Index, shard.IndexOf(position)) : default;
                var numeric = new Memory<double>(buffers.Numeric, count * numericWidth, numericWidth);
                var categorical = new Memory<string?>(buffers.Categorical, count * categoricalWidth, categoricalWidth);
                var side = shard.NumericAt(position);
                side[..numericWidth].CopyTo(numeric.Span);
                shard.CategoricalAt(position).CopyTo(categorical.Span);
                var probabilities = ReadOnlyMemory<double>.Empty;
                if (entry.Has(PredictionEntryFields.ClassProbabilities))
                {
                    var row = new Memory<double>(buffers.ClassProbabilities, count * classCount, classCount);
                    side.Slice(numericWidth, classCount).CopyTo(row.Span);
                    probabilities = row;
                }

                ref var record = ref buffers.Predictions[count++];
                record = new PredictionRecord
                {
                    Id = Monitor.IdOf(shard, position, entry, extras),
                    Timestamp = clock.ToUtc(entry.Timestamp, entry.Has(PredictionEntryFields.UtcTicks)),
                    Latency = TimeSpan.FromTicks(entry.LatencyTicks),
                    Status = entry.Status,
                    ErrorKind = extras.ErrorKind,
                    PredictedClass = Monitor.LabelOf(shard, entry),
                    PredictedValue = entry.Has(PredictionEntryFields.PredictedValue) ? extras.PredictedValue : null,
                    Confidence = entry.Has(PredictionEntryFields.Confidence) ? entry.Confidence : null,
                    InputHash = entry.Has(PredictionEntryFields.InputHash) ? extras.InputHash : null,
                    Segment = extras.Segment,
                    NumericFeatures = numeric,
                    CategoricalFeatures = categorical,
                    ClassProbabilities = probabilities,
                };
                shard.CategoricalAt(position).Clear();
                shard.Release();
                Observe(record);
            }
        }

        buffers.PredictionCount = count;
    }

    /// <summary>
    /// Hands a drained prediction to aggregation and drift monitoring, each isolated: the record is
    /// already in the batch, so a stage that throws costs only that stage's view of it, never the batch.
    /// </summary>
    private void Observe(in PredictionRecord record)
    {
        Telemetry?.Prediction(record);
        if (BackgroundExplainer is { } explainer && record.Status == PredictionStatus.Success && FeatureCopy.AllValid(record.NumericFeatures.Span, FeatureCopy.NotFinite))
        {
            explainer.Offer(record.Id, record.NumericFeatures.Span);
        }

        if (Permutation is { } permutation && record.Status == PredictionStatus.Success && FeatureCopy.AllValid(record.NumericFeatures.Span, FeatureCopy.NotFinite))
        {
            permutation.Observe(record);
        }

        try
        {
            Aggregator.Observe(record);
        }
        catch (Exception ex) when (_failures is not null)
        {
            _failures.Report(Model.Name, MonitoringStage.Aggregation, nameof(WindowAggregator), ex);
        }

        try
        {
            Drift?.Observe(record);
        }
        catch (Exception ex) when (_failures is not null)
        {
            _failures.Report(Model.Name, MonitoringStage.Drift, nameof(DriftMonitor), ex);
        }
    }

    /// <summary>Releases every published prediction with its side values, so no discarded string stays referenced.</summary>
    private long DiscardPredictions()
    {
        long count = 0;
        foreach (var shard in Monitor.Predictions.Shards)
        {
            while (shard.TryPeek(out var position))
            {
                if (shard[position].Has(PredictionEntryFields.Extras))
                {
                    Monitor.Extras.Take(shard.Index, shard.IndexOf(position));
                }

                shard.CategoricalAt(position).Clear();
                shard.Release();
                count++;
            }
        }

        return count;
    }

    private void DrainGroundTruths(BatchBuffers buffers, TimestampConverter clock) =>
        buffers.GroundTruthCount = DrainRing(Monitor.GroundTruths, (ref GroundTruthEntry entry, int index) =>
        {
            ref var record = ref buffers.GroundTruths[index];
            record = new GroundTruthRecord
            {
                PredictionId = entry.PredictionId,
                Timestamp = clock.ToUtc(entry.Timestamp, isUtcTicks: false),
                ActualClass = entry.ActualClass,
                ActualValue = double.IsNaN(entry.ActualValue) ? null : entry.ActualValue,
            };
            try
            {
                Aggregator.Observe(record);
            }
            catch (Exception ex) when (_failures is not null)
            {
                _failures.Report(Model.Name, MonitoringStage.Aggregation, nameof(WindowAggregator), ex);
            }

            try
            {
                Permutation?.Observe(record);
            }
            catch (Exception ex) when (_failures is not null)
            {
                _failures.Report(Model.Name, MonitoringStage.Drift, "BackgroundPermutation", ex);
            }
        });

    private void DrainMetrics(BatchBuffers buffers, TimestampConverter clock) =>
        buffers.RecordedMetricCount = DrainRing(Monitor.Metrics, (ref MetricEntry entry, int _) =>
        {
            var record = new MetricRecord
            {
                Name = entry.Name,
                Value = entry.Value,
                Unit = entry.Unit,
                Metadata = entry.Metadata,
                Timestamp = clock.ToUtc(entry.Timestamp, isUtcTicks: false),
            };
            buffers.Metrics.Add(record);
            Aggregator.Observe(record);
        });

    private void DrainHealthChecks(BatchBuffers buffers, TimestampConverter clock) =>
        buffers.HealthCheckCount = DrainRing(Monitor.HealthChecks, (ref HealthCheckEntry entry, int index) => buffers.HealthChecks[index] = new HealthCheckRecord
        {
            Timestamp = clock.ToUtc(entry.Timestamp, isUtcTicks: false),
            Status = entry.Status,
            Score = entry.Score,
            Issues = entry.Issues,
        });

    /// <summary>Hands up to one batch of published entries to <paramref name="take"/> (with their index in the batch) and frees their slots.</summary>
    private int DrainRing<TEntry>(ShardedRing<TEntry> ring, EntryHandler<TEntry> take)
        where TEntry : struct
    {
        var count = 0;
        foreach (var shard in ring.Shards)
        {
            while (count < _maxBatchSize && shard.TryPeek(out var position))
            {
                take(ref shard[position], count++);
                shard.Release();
            }
        }

        return count;
    }

    private BatchBuffers NewBuffers() => new(_maxBatchSize, Model.NumericFeatures.Count, Model.CategoricalFeatures.Count, Model.Classes.Count);

    private delegate void EntryHandler<TEntry>(ref TEntry entry, int index);
}
