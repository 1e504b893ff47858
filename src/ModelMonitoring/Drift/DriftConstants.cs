namespace ModelMonitoring.Drift;

/// <summary>Defaults of the automatic method choice and of the dataset verdict (Evidently's published rule).</summary>
internal static class DriftConstants
{
    // At most this many reference rows: statistical tests; more: distances.
    public const int SmallReferenceRows = 1_000;

    public const double PValueThreshold = 0.05;

    public const double DistanceThreshold = 0.1;

    public const double DriftShare = 0.5;

    public const double CriticalScore = 0.8;

    public const double CriticalShare = 0.5;

    public const double WarningScore = 0.6;

    public const double WarningShare = 0.3;

    // The first seed's combined verdict (DriftMethods.Combined) and its dataset rule (DatasetDriftRule.ScoreOrShare).
    public const double CombinedThreshold = 1.0;

    public const double CombinedMeanChange = 0.2;

    public const double SeedDatasetScore = 0.5;

    public const double SeedDatasetShare = 0.3;
}
