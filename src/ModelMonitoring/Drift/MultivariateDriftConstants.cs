namespace ModelMonitoring.Drift;

/// <summary>Defaults of <see cref="MultivariateDriftOptions"/>.</summary>
internal static class MultivariateDriftConstants
{
    // NannyML's data-reconstruction default (sklearn PCA with n_components=0.65).
    public const double ExplainedVariance = 0.65;

    public const double Alpha = 0.05;

    // Without a chunk size, the reference is cut into this many chunks.
    public const int ChunkCount = 10;

    // The reconstruction error is drifted outside mean ± this many standard deviations of the chunk errors.
    public const double BoundDeviations = 3;
}
