namespace ModelMonitoring.Health.Internal;

/// <summary>What a window's health is computed from besides its window metrics: the latest drift check and the open alerts.</summary>
/// <param name="DriftedFeatures">Features (and prediction outputs) drifted in the latest drift check; 0 without one.</param>
/// <param name="CheckedFeatures">Features (and prediction outputs) tested in the latest drift check; 0 without one.</param>
/// <param name="CriticalAlerts">Open critical alerts of the model (health alerts excluded).</param>
/// <param name="WarningAlerts">Open warning alerts of the model (health alerts excluded).</param>
internal readonly record struct HealthInputs(int DriftedFeatures, int CheckedFeatures, int CriticalAlerts, int WarningAlerts);
