using ModelMonitoring.Drift;

namespace ModelMonitoring.Storage;

/// <summary>How a model's data drifted over a time range, from its stored drift checks.</summary>
/// <remarks>Every <see cref="DriftCheckRecord"/> counts as one check, so a check time with two detectors counts twice.</remarks>
public sealed record DriftReport
{
    /// <summary>Gets the model name.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the inclusive start of the range.</summary>
    public DateTimeOffset From { get; init; }

    /// <summary>Gets the exclusive end of the range.</summary>
    public DateTimeOffset To { get; init; }

    /// <summary>Gets the number of checks in the range.</summary>
    public int CheckCount { get; init; }

    /// <summary>Gets the number of checks that declared the dataset drifted.</summary>
    public int DriftedCheckCount { get; init; }

    /// <summary>Gets the share of checks that declared the dataset drifted, in [0, 1]; 0 without checks.</summary>
    public double DriftRate { get; init; }

    /// <summary>Gets when the latest check ran, or <see langword="null"/> without checks.</summary>
    public DateTimeOffset? LatestCheck { get; init; }

    /// <summary>Gets the drift score of the latest check, or <see langword="null"/> without checks.</summary>
    public double? LatestScore { get; init; }

    /// <summary>Gets the recommendation of the latest check, or <see langword="null"/> without checks.</summary>
    public DriftSeverity? LatestRecommendation { get; init; }

    /// <summary>Gets the scores of the last 10 checks (fewer when there were fewer), oldest first, the latest last.</summary>
    public IReadOnlyList<double> RecentScores { get; init; } = [];

    /// <summary>
    /// Gets, for every feature checked in the range, the number of checks in which it drifted (0 for a
    /// feature that never did), ordered by feature name.
    /// </summary>
    public IReadOnlyDictionary<string, int> FeatureDriftCounts { get; init; } = new Dictionary<string, int>();
}
