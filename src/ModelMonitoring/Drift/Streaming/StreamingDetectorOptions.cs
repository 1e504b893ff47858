using ModelMonitoring.Alerting;

namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// A streaming drift detector watching one model's per-label error stream (concept drift). Each detection
/// raises the alert <c>concept.&lt;name&gt;</c> for the model through the alert manager, where policies,
/// routing and storage apply as to any alert; it resolves once the detector has read
/// <see cref="ResolveAfterLabels"/> labels without detecting again. The warning zone is not alerted.
/// </summary>
/// <remarks>Created by <see cref="Configuration.ModelOptions.StreamingDetector"/>, or bound from the model's <c>StreamingDetectors</c> configuration section, keyed by name.</remarks>
public sealed class StreamingDetectorOptions
{
    internal StreamingDetectorOptions(string name) => Name = name;

    /// <summary>Gets the detector's name, unique within the model; the alert is named <c>concept.</c> followed by it.</summary>
    public string Name { get; }

    /// <summary>
    /// Gets or sets the built-in detector, with its default parameters. DDM, EDDM and HDDM_A read only the
    /// <see cref="StreamingDetectorStream.Error"/> stream. Ignored when <see cref="Factory"/> is set.
    /// The default value is <see cref="StreamingDetectorKind.Ddm"/>.
    /// </summary>
    public StreamingDetectorKind Kind { get; set; } = StreamingDetectorKind.Ddm;

    /// <summary>Gets or sets the stream the detector reads. The default value is <see cref="StreamingDetectorStream.Error"/>.</summary>
    public StreamingDetectorStream Stream { get; set; } = StreamingDetectorStream.Error;

    /// <summary>Gets or sets the severity of the alert a detection raises. The default value is <see cref="AlertSeverity.Warning"/>.</summary>
    public AlertSeverity Severity { get; set; } = AlertSeverity.Warning;

    /// <summary>Gets or sets how many labels without a new detection resolve the alert; at least 1. The default value is 1,000.</summary>
    public int ResolveAfterLabels { get; set; } = 1000;

    /// <summary>
    /// Gets or sets a factory of the application's own detector (or a built-in one with other parameters), called once
    /// per model at start-up; when set, <see cref="Kind"/> is ignored. Code only. The default value is <see langword="null"/>.
    /// </summary>
    public Func<IStreamingDriftDetector>? Factory { get; set; }

    internal string AlertName => AlertRuleConstants.ConceptPrefix + Name;

    /// <summary>Whether <see cref="Kind"/> reads only values in [0, 1] (0/1 errors).</summary>
    internal bool NeedsBinaryStream => Factory is null && Kind is StreamingDetectorKind.Ddm or StreamingDetectorKind.Eddm or StreamingDetectorKind.HddmA;

    internal IStreamingDriftDetector Create() => Factory is { } factory
        ? factory() ?? throw new InvalidOperationException($"StreamingDetectors['{Name}'].Factory returned null; return a new IStreamingDriftDetector.")
        : Kind switch
        {
            StreamingDetectorKind.Ddm => StreamingDriftDetectors.Ddm(),
            StreamingDetectorKind.Eddm => StreamingDriftDetectors.Eddm(),
            StreamingDetectorKind.HddmA => StreamingDriftDetectors.HddmA(),
            StreamingDetectorKind.Adwin => StreamingDriftDetectors.Adwin(),
            StreamingDetectorKind.PageHinkley => StreamingDriftDetectors.PageHinkley(),
            _ => StreamingDriftDetectors.Kswin(),
        };
}
