namespace ModelMonitoring.Drift;

/// <summary>Options of a <see cref="MultivariateDriftDetector"/>.</summary>
/// <remarks>
/// The options are validated and read when the detector is fitted; later changes have no effect.
/// </remarks>
public sealed class MultivariateDriftOptions
{
    /// <summary>
    /// Gets or sets the share of the standardised reference's variance that the kept principal
    /// components must explain: the fewest components whose explained variance ratios add up to at
    /// least this value are kept. Ignored when <see cref="Components"/> is set. Must lie in (0, 1].
    /// The default value is 0.65, NannyML's default for data reconstruction drift.
    /// </summary>
    public double ExplainedVariance { get; set; } = MultivariateDriftConstants.ExplainedVariance;

    /// <summary>
    /// Gets or sets a fixed number of principal components to keep, between 1 and the number of
    /// features; when set, <see cref="ExplainedVariance"/> is ignored. The default value is
    /// <see langword="null"/>, for the choice by <see cref="ExplainedVariance"/>.
    /// </summary>
    public int? Components { get; set; }

    /// <summary>
    /// Gets or sets the number of consecutive reference rows in each chunk whose reconstruction
    /// errors give the expected range of the error. The chunks' mean errors have a spread that
    /// depends on their size, so set this to the size of the current datasets you check. There
    /// must be at least two whole chunks; rows left over after the last whole chunk are not used
    /// for the range (they are still used to fit the components). The default value is
    /// <see langword="null"/>, for a tenth of the reference rows (rounded down, at least 1), which
    /// makes ten chunks.
    /// </summary>
    public int? ChunkSize { get; set; }

    /// <summary>
    /// Gets or sets the family-wise significance level of the Kolmogorov-Smirnov tests on the
    /// components. With k components kept, each component drifts when its p-value is below
    /// <c>Alpha / k</c> (Bonferroni correction), so that a dataset without drift raises a false
    /// alarm on some component with probability at most <c>Alpha</c>. Must lie in (0, 1). The
    /// default value is 0.05.
    /// </summary>
    public double Alpha { get; set; } = MultivariateDriftConstants.Alpha;
}
