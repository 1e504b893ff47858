namespace ModelMonitoring.Recording;

/// <summary>
/// Records what one model does. Obtain it from <see cref="IModelMonitoring.GetMonitor(string)"/>.
/// </summary>
/// <remarks>
/// Every method is safe to call from many threads at once, returns without blocking on I/O or locks,
/// and never throws: invalid or excess records are rejected and counted by <see cref="DropReason"/>
/// (see <see cref="IModelMonitoring.GetStatistics"/>). Recording a prediction with numeric features
/// allocates nothing.
/// </remarks>
public interface IModelMonitor
{
    /// <summary>Gets the model's declared name, version, environment and feature schema.</summary>
    ModelSchema Model { get; }

    /// <summary>Records a prediction.</summary>
    /// <param name="prediction">The prediction; its spans are copied.</param>
    /// <returns>The identifier to join ground truth with later, or <see cref="PredictionId.Empty"/> when the prediction was rejected.</returns>
    PredictionId RecordPrediction(in Prediction prediction);

    /// <summary>Records the true class of an earlier prediction, for classifiers.</summary>
    /// <param name="predictionId">The identifier <see cref="RecordPrediction(in Prediction)"/> returned.</param>
    /// <param name="actualClass">The true class label.</param>
    /// <returns><see langword="true"/> when the record was accepted into the buffer.</returns>
    bool RecordGroundTruth(PredictionId predictionId, string actualClass);

    /// <summary>Records the true value of an earlier prediction, for regressors.</summary>
    /// <param name="predictionId">The identifier <see cref="RecordPrediction(in Prediction)"/> returned.</param>
    /// <param name="actualValue">The true value; must be finite.</param>
    /// <returns><see langword="true"/> when the record was accepted into the buffer.</returns>
    bool RecordGroundTruth(PredictionId predictionId, double actualValue);

    /// <summary>Records a custom metric for the model.</summary>
    /// <param name="name">The metric name: letters, digits, '_', '.', '-' and ':'; at most 128 characters.</param>
    /// <param name="value">The value; must be finite.</param>
    /// <param name="unit">An optional unit such as "ms" or "requests".</param>
    /// <param name="metadata">Optional key/value pairs stored with the value, copied when recorded (within <see cref="RecordingLimits"/>), so later changes to the dictionary are not stored.</param>
    /// <returns><see langword="true"/> when the record was accepted into the buffer.</returns>
    bool RecordMetric(string name, double value, string? unit = null, IReadOnlyDictionary<string, string>? metadata = null);

    /// <summary>Records the outcome of a health check of the model.</summary>
    /// <param name="status">The outcome.</param>
    /// <param name="score">A health score between 0 and 1 inclusive.</param>
    /// <param name="issues">Optional descriptions of what is wrong, copied when recorded (within <see cref="RecordingLimits"/>).</param>
    /// <returns><see langword="true"/> when the record was accepted into the buffer.</returns>
    bool RecordHealthCheck(ModelHealthStatus status, double score, IReadOnlyList<string>? issues = null);

    /// <summary>Records per-feature attributions (SHAP-like) of an earlier prediction, for example computed later on a sample.</summary>
    /// <param name="predictionId">The identifier <see cref="RecordPrediction(in Prediction)"/> returned.</param>
    /// <param name="values">One finite value per feature, numeric features first, then categorical ones, each in schema order; copied.</param>
    /// <param name="baseValue">The base value (expected model output) the attributions add up from, when known; must be finite.</param>
    /// <returns>
    /// <see langword="true"/> when the record was accepted into the buffer; a wrong count is rejected as
    /// <see cref="DropReason.SchemaMismatch"/>, a value that is not finite or an empty id as <see cref="DropReason.InvalidValue"/>.
    /// </returns>
    bool RecordAttributions(PredictionId predictionId, ReadOnlySpan<double> values, double? baseValue = null);

    /// <summary>Records a LIME explanation of an earlier prediction: the local surrogate's weights, intercept and score.</summary>
    /// <param name="predictionId">The identifier <see cref="RecordPrediction(in Prediction)"/> returned.</param>
    /// <param name="weights">One finite weight per feature, in the order of <see cref="RecordAttributions"/>; copied.</param>
    /// <param name="intercept">The surrogate's intercept; must be finite.</param>
    /// <param name="score">The surrogate's local score (R²); must be finite.</param>
    /// <returns><see langword="true"/> when the record was accepted into the buffer; rejected as <see cref="RecordAttributions"/> describes.</returns>
    bool RecordLimeExplanation(PredictionId predictionId, ReadOnlySpan<double> weights, double intercept, double score);

    /// <summary>
    /// Records a model version's global feature importances (from training, such as gain or mean |SHAP|). The worker compares
    /// them with those of the version recorded before, for importance drift between versions. Not for the hot path: it copies.
    /// </summary>
    /// <param name="version">The model version the importances belong to.</param>
    /// <param name="importances">One finite importance per feature of the model, by feature name.</param>
    /// <returns>
    /// <see langword="true"/> when accepted; missing or unknown features are rejected as <see cref="DropReason.SchemaMismatch"/>, a value
    /// that is not finite or an empty version as <see cref="DropReason.InvalidValue"/>, and more than 64 waiting for the worker as <see cref="DropReason.BufferFull"/>.
    /// </returns>
    bool RecordFeatureImportance(string version, IReadOnlyDictionary<string, double> importances);

    /// <summary>Records a model version's global feature importances given in feature order (numeric features first, then categorical ones).</summary>
    /// <param name="version">The model version the importances belong to.</param>
    /// <param name="importances">One finite importance per feature, in feature order.</param>
    /// <returns><see langword="true"/> when accepted; rejected as <see cref="RecordFeatureImportance(string, IReadOnlyDictionary{string, double})"/> describes.</returns>
    bool RecordFeatureImportance(string version, ReadOnlySpan<double> importances);
}
