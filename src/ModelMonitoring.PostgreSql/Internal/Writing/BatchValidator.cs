using ModelMonitoring.Storage;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// Rejects a batch the store cannot write as a whole before anything is sent: with an <see cref="ArgumentException"/> naming the
/// record when it does not fit its model, or a <see cref="RecordRejectedException"/> when a record holds a value the store refuses.
/// </summary>
internal static class BatchValidator
{
    public static void Validate(MonitoringBatch batch)
    {
        var model = batch.Model;
        int numericWidth = model.NumericFeatures.Count, categoricalWidth = model.CategoricalFeatures.Count, classCount = model.Classes.Count;
        var predictions = batch.Predictions.Span;
        for (var i = 0; i < predictions.Length; i++)
        {
            ref readonly var prediction = ref predictions[i];
            if (prediction.NumericFeatures.Length != numericWidth || prediction.CategoricalFeatures.Length != categoricalWidth)
            {
                throw new ArgumentException(
                    $"Prediction {i} of the batch has {prediction.NumericFeatures.Length} numeric and {prediction.CategoricalFeatures.Length} categorical "
                    + $"feature values, but model {model} declares {numericWidth} and {categoricalWidth}; the batch was not stored.",
                    nameof(batch));
            }

            if (!Enum.IsDefined(prediction.Status))
            {
                throw new ArgumentException($"Prediction {i} of the batch has the undefined status {prediction.Status}; the batch was not stored.", nameof(batch));
            }

            var probabilities = prediction.ClassProbabilities.Span;
            if (!probabilities.IsEmpty && probabilities.Length != classCount)
            {
                throw new ArgumentException(
                    $"Prediction {i} of the batch has {probabilities.Length} class probabilities, but model {model} declares {classCount} classes; "
                    + "the batch was not stored.",
                    nameof(batch));
            }

            // NaN is outside the range too (the COPY would write it as a NULL element). Recording refuses such a value already;
            // a sink called directly gets it back as refused, so that the pipeline leaves out only this prediction.
            if (probabilities.ContainsAnyExceptInRange(0.0, 1.0))
            {
                throw new RecordRejectedException(
                    $"Prediction {i} of a batch of model '{model.Name}' has a class probability outside [0, 1]; nothing of the batch was stored.");
            }
        }

        foreach (ref readonly var metric in batch.Metrics.Span)
        {
            ArgumentException.ThrowIfNullOrEmpty(metric.Name, nameof(batch));
        }

        foreach (ref readonly var check in batch.HealthChecks.Span)
        {
            if (!Enum.IsDefined(check.Status))
            {
                throw new ArgumentException($"A health check of the batch has the undefined status {check.Status}; the batch was not stored.", nameof(batch));
            }
        }

        foreach (ref readonly var explanation in batch.Explanations.Span)
        {
            if (explanation.Values.Length != numericWidth + categoricalWidth || explanation.PredictionId.IsEmpty)
            {
                throw new ArgumentException(
                    $"An explanation must have a prediction id and {numericWidth + categoricalWidth} values, one per feature of model '{model.Name}'.", nameof(batch));
            }
        }

        foreach (var check in batch.DriftChecks.Span)
        {
            ArgumentNullException.ThrowIfNull(check, nameof(batch));
            if (!string.Equals(check.Model, model.Name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A drift check of model '{check.Model}' is in a batch of model '{model.Name}'.", nameof(batch));
            }

            foreach (var feature in check.Features ?? [])
            {
                ArgumentNullException.ThrowIfNull(feature, nameof(batch));
            }
        }
    }
}
