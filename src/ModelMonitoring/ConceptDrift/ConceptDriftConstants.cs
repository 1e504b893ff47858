namespace ModelMonitoring.ConceptDrift;

/// <summary>Defaults and ranges of <see cref="ConceptDriftOptions"/>, and the names of its alerts.</summary>
internal static class ConceptDriftConstants
{
    /// <summary>Every concept drift alert is named this prefix followed by the metric, as <c>concept.performance.realized.accuracy</c>.</summary>
    public const string AlertPrefix = "concept.performance.";

    public const int DefaultReferenceWindows = 24;
    public const int DefaultCurrentWindows = 6;
    public const int DefaultMinWindows = 3;
    public const int MaxWindows = 10_000;
    public const double DefaultAlpha = 0.05;
    public const double MaxAlpha = 0.5;
    public const double DefaultMinDegradationPercent = 5;
    public const double DefaultCriticalDegradationPercent = 20;
    public const double MaxDegradationPercent = 10_000;

    /// <summary>A drifted check is critical when its p-value is below this and its degradation at least the critical one.</summary>
    public const double CriticalPValue = 0.01;

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);
}
