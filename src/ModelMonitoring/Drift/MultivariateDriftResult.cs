namespace ModelMonitoring.Drift;

/// <summary>The outcome of checking a current dataset with a <see cref="MultivariateDriftDetector"/>.</summary>
public sealed class MultivariateDriftResult
{
    internal MultivariateDriftResult(
        int rowCount,
        IReadOnlyList<ComponentDriftResult> components,
        double reconstructionError,
        double lowerBound,
        double upperBound,
        int referenceChunkCount)
    {
        RowCount = rowCount;
        Components = components;
        DriftedComponentCount = components.Count(c => c.Drifted);
        ReconstructionError = reconstructionError;
        LowerBound = lowerBound;
        UpperBound = upperBound;
        ReferenceChunkCount = referenceChunkCount;
        ReconstructionDrifted = !(reconstructionError >= lowerBound && reconstructionError <= upperBound);
    }

    /// <summary>Gets the number of current rows checked.</summary>
    public int RowCount { get; }

    /// <summary>Gets the test of each kept principal component, in order of explained variance.</summary>
    public IReadOnlyList<ComponentDriftResult> Components { get; }

    /// <summary>Gets the number of components whose projections drifted.</summary>
    public int DriftedComponentCount { get; }

    /// <summary>
    /// Gets the current data's reconstruction error: the mean, over rows, of the Euclidean distance
    /// between a standardised row and its reconstruction from the kept components.
    /// </summary>
    public double ReconstructionError { get; }

    /// <summary>Gets the lower end of the expected error: mean − 3 standard deviations of the reference chunk errors (it may be negative).</summary>
    public double LowerBound { get; }

    /// <summary>Gets the upper end of the expected error: mean + 3 standard deviations of the reference chunk errors.</summary>
    public double UpperBound { get; }

    /// <summary>Gets the number of reference chunks the bounds were computed from.</summary>
    public int ReferenceChunkCount { get; }

    /// <summary>Gets whether <see cref="ReconstructionError"/> lies outside [<see cref="LowerBound"/>, <see cref="UpperBound"/>].</summary>
    public bool ReconstructionDrifted { get; }

    /// <summary>Gets whether the dataset drifted: the reconstruction error did, or at least one component did.</summary>
    public bool Drifted => ReconstructionDrifted || DriftedComponentCount > 0;
}
