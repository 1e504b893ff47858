using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>A snapshot of one model's continuous drift monitoring (see <see cref="IDriftMonitoring.GetStatus"/>).</summary>
public sealed record DriftMonitoringStatus
{
    /// <summary>Gets the model name.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the reference profile checks compare with, or <see langword="null"/> while there is none yet.</summary>
    public ReferenceProfile? Reference { get; init; }

    /// <summary>
    /// Gets how many predictions have been collected towards a reference learned from the model's
    /// first predictions; 0 when no reference is being learned.
    /// </summary>
    public int ReferenceRowsCollected { get; init; }

    /// <summary>Gets the number of rows in the sliding window, at most <see cref="WindowSize"/>.</summary>
    public int WindowRows { get; init; }

    /// <summary>Gets the capacity of the sliding window (<see cref="DriftMonitoringOptions.WindowSize"/>).</summary>
    public int WindowSize { get; init; }

    /// <summary>Gets the number of detector runs that produced a result (one stored check each).</summary>
    public long CheckCount { get; init; }

    /// <summary>Gets the number of detector runs that threw; each is logged and the worker carries on.</summary>
    public long FailedCheckCount { get; init; }

    /// <summary>Gets when the latest check ran, or <see langword="null"/> before the first.</summary>
    public DateTimeOffset? LastCheck { get; init; }

    /// <summary>
    /// Gets why the latest reference learned from predictions or loaded from the store was refused as
    /// degenerate (a numeric feature with a single value, or a categorical feature with a single
    /// category), naming each such feature; <see langword="null"/> when none was, and again once a
    /// reference is in use.
    /// </summary>
    public string? ReferenceRejection { get; init; }

    /// <summary>
    /// Gets how many due checks were skipped because the window had no new rows since the previous
    /// check against the same reference (a quiet model is not checked, stored or alerted on again).
    /// </summary>
    public long UnchangedCheckSkipCount { get; init; }
}
