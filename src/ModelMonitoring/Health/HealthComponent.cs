namespace ModelMonitoring.Health;

/// <summary>The parts a model's health score is made of.</summary>
public enum HealthComponent
{
    /// <summary>The share of predictions recorded as failed.</summary>
    ErrorRate = 0,

    /// <summary>Latency percentiles against the model's baseline.</summary>
    Latency = 1,

    /// <summary>Realized (or, without labels, estimated) performance against its baseline.</summary>
    Performance = 2,

    /// <summary>Data, prediction, concept and attribution drift.</summary>
    Drift = 3,

    /// <summary>Missing, out-of-range and unseen values.</summary>
    DataQuality = 4,

    /// <summary>Alerts that are open (not resolved) for the model.</summary>
    Alerts = 5,
}
