namespace ModelMonitoring.Explainability;

/// <summary>Defaults, limits and alert names of explainability monitoring.</summary>
internal static class ExplainabilityConstants
{
    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromHours(1);

    public const int DefaultMinimumAttributions = 100;

    public const int MinAttributions = 2;

    public const int DefaultMaxAttributionsPerWindow = 5_000;

    public const int MaxAttributionsPerWindow = 1_000_000;

    public const int DefaultTopK = 3;

    public const int MaxTopK = 100;

    public const double DefaultMinRankCorrelation = 0.8;

    public const double DefaultAttributionDriftPValue = 0.01;

    public const double DefaultComplexityMass = 0.9;

    public const double DefaultMaxComplexityChange = 1.0;

    /// <summary>How many global importance vectors may wait for the worker; more are refused as <see cref="Recording.DropReason.BufferFull"/>.</summary>
    public const int MaxPendingImportances = 64;

    // Alerts: windows compared with the reference window, and global importances of consecutive versions.
    public const string RankCorrelationAlert = "importance.rank_correlation";

    public const string TopKAlert = "importance.top_k";

    public const string VersionRankCorrelationAlert = "importance.versions.rank_correlation";

    public const string VersionTopKAlert = "importance.versions.top_k";

    public const string AttributionAlertPrefix = "attribution.";

    public const string ComplexityAlert = "attribution.complexity";
}
