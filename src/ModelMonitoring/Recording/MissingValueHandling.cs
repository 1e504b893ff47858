namespace ModelMonitoring.Recording;

/// <summary>What the recording path does with a missing feature value: a NaN numeric feature (or a null categorical one).</summary>
/// <remarks>Infinities are never a missing value: a prediction with one is always dropped with <see cref="DropReason.InvalidValue"/>.</remarks>
public enum MissingValueHandling
{
    /// <summary>
    /// The prediction is stored with the value missing (NaN stays NaN; a null category stays null). Window metrics count it
    /// (<c>quality.&lt;feature&gt;.missing_share</c>), and drift checks and reference profiles leave it out.
    /// </summary>
    CountAsMissing = 0,

    /// <summary>A prediction with a NaN numeric feature is dropped and counted under <see cref="DropReason.InvalidValue"/> (null categories are still stored).</summary>
    Reject = 1,
}
