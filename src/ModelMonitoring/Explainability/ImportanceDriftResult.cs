namespace ModelMonitoring.Explainability;

/// <summary>
/// A comparison of two feature-importance vectors of a model: global importances of two versions, or the importances
/// computed from the attributions of a reference and a current window.
/// </summary>
public sealed class ImportanceDriftResult
{
    /// <summary>Gets what is compared: "<c>versions</c>" or "<c>windows</c>".</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the reference: a model version, or the start of the reference window (ISO 8601).</summary>
    public required string Reference { get; init; }

    /// <summary>Gets the current side: a model version, or the start of the current window (ISO 8601).</summary>
    public required string Current { get; init; }

    /// <summary>Gets Spearman's rank correlation of the two vectors (SciPy's <c>spearmanr</c>); NaN when either is constant.</summary>
    public required double Spearman { get; init; }

    /// <summary>Gets Kendall's tau-b of the two vectors (SciPy's <c>kendalltau</c>); NaN when either is constant.</summary>
    public required double Kendall { get; init; }

    /// <summary>Gets how many features the top-k comparison takes.</summary>
    public required int TopK { get; init; }

    /// <summary>Gets how many of the reference's top-k features are among the current top-k.</summary>
    public required int TopKOverlap { get; init; }

    /// <summary>Gets whether the top-k features changed, as a set or in their order.</summary>
    public required bool TopKChanged { get; init; }

    /// <summary>Gets whether the rank correlation fell below its threshold.</summary>
    public required bool RankCorrelationLow { get; init; }

    /// <summary>Gets the per-feature changes, in schema order.</summary>
    public required IReadOnlyList<FeatureImportanceChange> Features { get; init; }

    /// <summary>Gets whether the importances drifted: the rank correlation is low or the top-k changed.</summary>
    public bool Drifted => RankCorrelationLow || TopKChanged;
}
