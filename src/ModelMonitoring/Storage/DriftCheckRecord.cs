using ModelMonitoring.Drift;

namespace ModelMonitoring.Storage;

/// <summary>
/// The outcome of one continuous drift check: one <see cref="IDriftDetector"/> run on a model's
/// sliding window of recent predictions against the model's reference profile.
/// </summary>
/// <remarks>
/// A check time with several registered detectors produces one record per detector. Sinks receive
/// the records in <see cref="MonitoringBatch.DriftChecks"/>; <see cref="IMonitoringReader.GetDriftHistoryAsync"/>
/// reads them back.
/// </remarks>
public sealed record DriftCheckRecord
{
    /// <summary>Gets the model name.</summary>
    public required string Model { get; init; }

    /// <summary>Gets when the check ran (UTC); time ranges select records by it.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the earliest prediction timestamp in the window (UTC).</summary>
    public DateTimeOffset WindowStart { get; init; }

    /// <summary>Gets the latest prediction timestamp in the window (UTC).</summary>
    public DateTimeOffset WindowEnd { get; init; }

    /// <summary>Gets the number of window rows compared with the reference.</summary>
    public int RowCount { get; init; }

    /// <summary>Gets the number of rows the reference profile was built from.</summary>
    public int ReferenceRowCount { get; init; }

    /// <summary>Gets the detector's name: its type name, such as <c>DatasetDriftDetector</c>.</summary>
    public required string Detector { get; init; }

    /// <summary>Gets whether the detector declared the dataset drifted (see <see cref="DatasetDriftResult.DatasetDrifted"/>).</summary>
    public bool DatasetDrifted { get; init; }

    /// <summary>Gets the share of drifted features, in [0, 1].</summary>
    public double DriftedShare { get; init; }

    /// <summary>Gets the overall drift score, in [0, 1] (see <see cref="DatasetDriftResult.Score"/>).</summary>
    public double Score { get; init; }

    /// <summary>Gets the recommended severity (see <see cref="DatasetDriftResult.Recommendation"/>).</summary>
    public DriftSeverity Recommendation { get; init; }

    /// <summary>
    /// Gets the result of each feature: method, statistic, p-value (<see langword="null"/> for
    /// distances), threshold and whether it drifted. The default value is an empty list.
    /// </summary>
    public IReadOnlyList<FeatureDriftResult> Features { get; init; } = [];
}
