using ModelMonitoring.Recording;

namespace ModelMonitoring.Aggregation;

/// <summary>
/// Remembers the outputs of the most recent predictions (first in, first out, bounded) so that a
/// label arriving later can be compared with what the model said.
/// </summary>
internal sealed class LabelJoinCache(int capacity)
{
    private readonly Dictionary<PredictionId, (string? PredictedClass, double PredictedValue)> _outputs = new(Math.Min(capacity, 4096));
    private readonly Queue<PredictionId> _order = new(Math.Min(capacity, 4096));

    public void Remember(PredictionId id, string? predictedClass, double predictedValue)
    {
        if (capacity == 0 || (predictedClass is null && double.IsNaN(predictedValue)) || !_outputs.TryAdd(id, (predictedClass, predictedValue)))
        {
            return;
        }

        _order.Enqueue(id);
        while (_order.Count > capacity)
        {
            _outputs.Remove(_order.Dequeue());
        }
    }

    /// <summary>Takes the output of a prediction; a second label for the same prediction finds nothing.</summary>
    public bool TryTake(PredictionId id, out string? predictedClass, out double predictedValue)
    {
        if (_outputs.Remove(id, out var output))
        {
            (predictedClass, predictedValue) = output;
            return true;
        }

        predictedClass = null;
        predictedValue = double.NaN;
        return false;
    }
}
