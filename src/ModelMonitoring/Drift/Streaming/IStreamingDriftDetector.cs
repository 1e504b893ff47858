namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// A detector that reads a stream one value at a time and says whether the stream's distribution has
/// just changed: concept drift when the values are a model's per-label errors (1 for a wrong
/// prediction, 0 for a right one) or absolute errors, or a change in any metric stream. The built-in
/// detectors (DDM, EDDM, HDDM_A, ADWIN, Page-Hinkley, KSWIN) are created by
/// <see cref="StreamingDriftDetectors"/>; an application can implement its own.
/// </summary>
/// <remarks>
/// <para>
/// A detection describes the value just given: <see cref="DriftDetected"/> is <see langword="true"/>
/// after the <see cref="Update"/> that detected the change and is cleared by the next one, which also
/// starts learning the new concept (the detector resets itself, as River's detectors do).
/// <see cref="WarningDetected"/> holds for as long as the stream is in the warning zone; detectors
/// without one leave it <see langword="false"/>. Drift and warning are never both set.
/// </para>
/// <para>
/// An instance is not thread-safe: one stream, one caller at a time. The built-in detectors allocate
/// nothing after construction and ignore non-finite values (the state, flags included, is unchanged).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var ddm = StreamingDriftDetectors.Ddm();
/// var random = new Random(42);
/// for (var i = 0; i &lt; 2000; i++)
/// {
///     // The model is wrong half the time, then 70 % of the time from the 1,000th label on.
///     var error = random.NextDouble() &lt; (i &lt; 1000 ? 0.5 : 0.7) ? 1.0 : 0.0;
///     ddm.Update(error);
///     if (ddm.DriftDetected)
///     {
///         Console.WriteLine($"Concept drift at label {i}");
///     }
/// }
/// </code>
/// </example>
public interface IStreamingDriftDetector
{
    /// <summary>Gets whether the last <see cref="Update"/> detected a change.</summary>
    bool DriftDetected { get; }

    /// <summary>Gets whether the stream is in the warning zone: a change is likely but not yet confirmed.</summary>
    bool WarningDetected { get; }

    /// <summary>Adds the next value of the stream and updates <see cref="DriftDetected"/> and <see cref="WarningDetected"/>.</summary>
    /// <param name="value">The value; for the error-rate detectors (DDM, EDDM, HDDM_A) 1 for an error and 0 otherwise.</param>
    void Update(double value);

    /// <summary>Forgets everything seen, as if the detector had just been created.</summary>
    void Reset();
}
