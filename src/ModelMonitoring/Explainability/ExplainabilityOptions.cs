namespace ModelMonitoring.Explainability;

/// <summary>
/// How a model's explanations are monitored: feature importance from recorded attributions and from global importances
/// (<see cref="Recording.IModelMonitor.RecordFeatureImportance(string, IReadOnlyDictionary{string, double})"/>), its drift, and the drift of the attributions themselves.
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="CheckInterval"/> the worker closes a window of the attributions recorded in it (at most
/// <see cref="MaxAttributionsPerWindow"/>, the first ones). The first window with at least <see cref="MinimumAttributions"/>
/// becomes the reference, kept for the life of the process; each later window with as many is compared with it: window
/// importance (mean |attribution| per feature) by rank correlation and top-k (alerts <c>importance.rank_correlation</c>,
/// <c>importance.top_k</c>), each feature's attribution distribution by the two-sample Kolmogorov-Smirnov test (alerts
/// <c>attribution.&lt;feature&gt;</c>), and the explanation complexity, the mean number of features that carry
/// <see cref="ComplexityMass"/> of a prediction's attribution mass (alert <c>attribution.complexity</c>).
/// </para>
/// <para>
/// Global importances recorded for a version are compared with those of the version recorded before it (alerts
/// <c>importance.versions.rank_correlation</c>, <c>importance.versions.top_k</c>). Every result is stored as window metrics
/// (<c>importance.*</c>, <c>attribution.*</c>) and alerts fire when a condition starts and resolve at the first comparison without it.
/// </para>
/// </remarks>
public sealed class ExplainabilityOptions
{
    /// <summary>Gets or sets how often a window of attributions is closed and checked; positive. The default value is 1 hour.</summary>
    public TimeSpan CheckInterval { get; set; } = ExplainabilityConstants.DefaultCheckInterval;

    /// <summary>Gets or sets the fewest attributions a window needs to become the reference or to be checked; from 2 to <see cref="MaxAttributionsPerWindow"/>. The default value is 100.</summary>
    public int MinimumAttributions { get; set; } = ExplainabilityConstants.DefaultMinimumAttributions;

    /// <summary>Gets or sets the most attributions a window keeps (the first ones), which bounds memory; from 2 to 1,000,000. The default value is 5,000.</summary>
    public int MaxAttributionsPerWindow { get; set; } = ExplainabilityConstants.DefaultMaxAttributionsPerWindow;

    /// <summary>Gets or sets how many of the most important features the top-k comparison takes; from 1 to 100. The default value is 3.</summary>
    public int TopK { get; set; } = ExplainabilityConstants.DefaultTopK;

    /// <summary>Gets or sets the Spearman rank correlation below which importances have drifted; from -1 to 1. The default value is 0.8.</summary>
    public double MinRankCorrelation { get; set; } = ExplainabilityConstants.DefaultMinRankCorrelation;

    /// <summary>Gets or sets the p-value below which a feature's attributions have drifted; between 0 and 1 exclusive. The default value is 0.01.</summary>
    public double AttributionDriftPValue { get; set; } = ExplainabilityConstants.DefaultAttributionDriftPValue;

    /// <summary>Gets or sets the share of a prediction's attribution mass the complexity measure counts features up to; between 0 and 1 exclusive of 0. The default value is 0.9.</summary>
    public double ComplexityMass { get; set; } = ExplainabilityConstants.DefaultComplexityMass;

    /// <summary>Gets or sets the change of the mean complexity (in features) from the reference that raises <c>attribution.complexity</c>; positive. The default value is 1.</summary>
    public double MaxComplexityChange { get; set; } = ExplainabilityConstants.DefaultMaxComplexityChange;
}
