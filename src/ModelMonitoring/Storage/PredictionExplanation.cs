using ModelMonitoring.Explainability;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Storage;

/// <summary>What a store holds about the explanation of one prediction (see <see cref="IMonitoringReader.GetExplanationAsync"/>).</summary>
public sealed class PredictionExplanation
{
    /// <summary>Gets the identifier of the explained prediction.</summary>
    public required PredictionId PredictionId { get; init; }

    /// <summary>Gets the name of the model the explanation was recorded for.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the version of the model the explanation was recorded for.</summary>
    public required string Version { get; init; }

    /// <summary>Gets the feature names, numeric features first, then categorical ones, each in schema order: the order of the values.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Gets the attributions, one per feature, or <see langword="null"/> when none were stored.</summary>
    public IReadOnlyList<double>? Attributions { get; init; }

    /// <summary>Gets the base value of the attributions, when one was stored.</summary>
    public double? BaseValue { get; init; }

    /// <summary>Gets when the attributions were recorded, or <see langword="null"/> when none were stored.</summary>
    public DateTimeOffset? AttributionsTimestamp { get; init; }

    /// <summary>Gets the LIME weights, one per feature, or <see langword="null"/> when no LIME explanation was stored.</summary>
    public IReadOnlyList<double>? LimeWeights { get; init; }

    /// <summary>Gets the intercept of the LIME explanation.</summary>
    public double? LimeIntercept { get; init; }

    /// <summary>Gets the local score (R²) of the LIME explanation.</summary>
    public double? LimeScore { get; init; }

    /// <summary>Gets when the LIME explanation was recorded, or <see langword="null"/> when none was stored.</summary>
    public DateTimeOffset? LimeTimestamp { get; init; }

    /// <summary>Builds what a store returns from the explanations it holds for one prediction (at most one per kind).</summary>
    /// <param name="predictionId">The identifier of the prediction.</param>
    /// <param name="model">The name of the model the explanations were recorded for.</param>
    /// <param name="version">The version of that model.</param>
    /// <param name="features">The feature names, numeric features first.</param>
    /// <param name="records">The stored explanations; their values are copied.</param>
    /// <returns>The explanation, or <see langword="null"/> when <paramref name="records"/> is empty.</returns>
    public static PredictionExplanation? FromRecords(PredictionId predictionId, string model, string version, IReadOnlyList<string> features, IEnumerable<ExplanationRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        ExplanationRecord? attributions = null;
        ExplanationRecord? lime = null;
        foreach (var record in records)
        {
            if (record.Kind == ExplanationKind.Lime)
            {
                lime = record;
            }
            else
            {
                attributions = record;
            }
        }

        return attributions is null && lime is null ? null : new PredictionExplanation
        {
            PredictionId = predictionId,
            Model = model,
            Version = version,
            Features = features,
            Attributions = attributions?.Values.ToArray(),
            BaseValue = attributions?.BaseValue,
            AttributionsTimestamp = attributions?.Timestamp,
            LimeWeights = lime?.Values.ToArray(),
            LimeIntercept = lime?.Intercept,
            LimeScore = lime?.Score,
            LimeTimestamp = lime?.Timestamp,
        };
    }
}
