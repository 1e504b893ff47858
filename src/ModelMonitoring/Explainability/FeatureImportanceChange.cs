namespace ModelMonitoring.Explainability;

/// <summary>How one feature's importance changed between a reference and a current importance vector.</summary>
/// <param name="Feature">The feature name.</param>
/// <param name="Reference">The reference importance.</param>
/// <param name="Current">The current importance.</param>
/// <param name="RelativeChange">(current - reference) / |reference|, or <see langword="null"/> when the reference importance is zero.</param>
/// <param name="ReferenceRank">The feature's rank in the reference, 1 for the most important (ties in feature order).</param>
/// <param name="CurrentRank">The feature's rank now.</param>
public readonly record struct FeatureImportanceChange(string Feature, double Reference, double Current, double? RelativeChange, int ReferenceRank, int CurrentRank)
{
    /// <summary>Gets how many places the feature moved: positive when it became more important.</summary>
    public int RankChange => ReferenceRank - CurrentRank;
}
