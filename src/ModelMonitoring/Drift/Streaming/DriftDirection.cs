namespace ModelMonitoring.Drift.Streaming;

/// <summary>Which changes of a stream's mean a detector reports.</summary>
public enum DriftDirection
{
    /// <summary>Only increases, such as a rising error rate.</summary>
    Increase,

    /// <summary>Only decreases.</summary>
    Decrease,

    /// <summary>Increases and decreases.</summary>
    Both,
}
