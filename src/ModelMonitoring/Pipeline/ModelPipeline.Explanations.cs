using ModelMonitoring.Internal;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Pipeline;

internal sealed partial class ModelPipeline
{
    /// <summary>Moves up to one batch of explanations into the batch buffers, once the model has recorded any.</summary>
    private void DrainExplanations(BatchBuffers buffers, TimestampConverter clock)
    {
        if (Monitor.Explanations is not { } ring || ring.Count == 0)
        {
            return;
        }

        buffers.EnsureExplanations();
        var width = Monitor.ExplanationWidth;
        var rowWidth = Math.Max(1, width);
        var count = 0;
        foreach (var shard in ring.Shards)
        {
            while (count < _maxBatchSize && shard.TryPeek(out var position))
            {
                ref var entry = ref shard[position];
                var values = new Memory<double>(buffers.ExplanationValues, count * rowWidth, width);
                shard.NumericAt(position)[..width].CopyTo(values.Span);
                buffers.Explanations![count++] = new ExplanationRecord
                {
                    PredictionId = entry.PredictionId,
                    Timestamp = clock.ToUtc(entry.Timestamp, isUtcTicks: false),
                    Kind = entry.Kind,
                    Values = values,
                    BaseValue = double.IsNaN(entry.BaseValue) ? null : entry.BaseValue,
                    Intercept = double.IsNaN(entry.Intercept) ? null : entry.Intercept,
                    Score = double.IsNaN(entry.Score) ? null : entry.Score,
                };
                shard.Release();
                Observe(buffers.Explanations[count - 1]);
            }
        }

        buffers.ExplanationCount = count;
    }

    private void Observe(in ExplanationRecord explanation)
    {
        try
        {
            Explainability?.Observe(explanation);
        }
        catch (Exception ex) when (_failures is not null)
        {
            _failures.Report(Model.Name, MonitoringStage.Drift, nameof(Explainability), ex);
        }
    }
}
