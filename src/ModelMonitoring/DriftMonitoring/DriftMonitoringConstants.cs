namespace ModelMonitoring.DriftMonitoring;

/// <summary>Defaults and limits of continuous drift monitoring.</summary>
internal static class DriftMonitoringConstants
{
    public const int DefaultWindowSize = 5_000;

    public const int MaxWindowSize = 1_000_000;

    public const int DefaultMinimumRows = 100;

    public const int MinRows = 2;

    public const int MaxReferenceFromFirst = 10_000_000;

    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromMinutes(5);

    // Alert names: drift.dataset for the dataset, drift.<feature> for each feature.
    public const string AlertPrefix = "drift.";

    public const string DatasetAlertName = AlertPrefix + "dataset";

    // A test's drift is critical below this p-value; a distance's at this multiple of its threshold.
    public const double CriticalPValue = 0.01;

    public const double CriticalDistanceMultiple = 2.0;
}
