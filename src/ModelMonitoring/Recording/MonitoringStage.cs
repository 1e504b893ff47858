namespace ModelMonitoring.Recording;

/// <summary>
/// A stage of the background worker's cycle that runs once per model. A stage that throws for one
/// model is skipped for that model in that cycle only: the other models and stages carry on, and the
/// failure is counted (<see cref="MonitoringStatistics.GetStageFailures"/>) and logged.
/// </summary>
public enum MonitoringStage
{
    /// <summary>Folding drained records into windows, and closing windows into window metrics and threshold observations.</summary>
    Aggregation = 0,

    /// <summary>Continuous drift monitoring: the drift window, reference learning and storage, and the drift checks (each failed detector run counts once).</summary>
    Drift = 1,

    /// <summary>Turning a model's observations into alerts (pending, firing, resolved) and notifying channels.</summary>
    Alerting = 2,
}
