namespace ModelMonitoring.Estimation;

/// <summary>Defaults and ranges of <see cref="PerformanceEstimationOptions"/>.</summary>
internal static class PerformanceEstimationConstants
{
    public const int MinReferenceRows = 100;
    public const double DefaultBandWidth = 3;
    public const double MaxBandWidth = 10;
    public const int DefaultMinWindowSize = 100;
    public const int MinWindowSize = 2;
    public const int MaxWindowSize = 10_000_000;
    public const int DefaultMaxWindowPredictions = 100_000;

    /// <summary>The most class probabilities an open window keeps for its estimate (80 MB): MaxWindowPredictions × classes.</summary>
    public const long MaxWindowProbabilities = 10_000_000;
}
