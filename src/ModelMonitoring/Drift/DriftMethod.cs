namespace ModelMonitoring.Drift;

/// <summary>
/// A drift method: a statistical test or a distance that compares a feature's current values with
/// its reference, described by its name, the feature kinds it applies to, its default threshold and
/// how its statistic is read. The built-in methods are listed in <see cref="DriftMethods"/>; a new
/// one is this class's subclass in one file, added with one line to
/// <see cref="DatasetDriftOptions.Catalog"/>, and then chosen by name in
/// <see cref="DatasetDriftOptions.Methods"/>.
/// </summary>
/// <remarks>
/// <para>
/// A test (<see cref="HasPValue"/> is <see langword="true"/>) declares drift when its p-value is below
/// the threshold, which must lie in (0, 1). A distance declares drift when its statistic is at or above
/// the threshold (or, when <see cref="HigherStatisticMeansDrift"/> is <see langword="false"/>, at or
/// below it); its threshold must be positive and finite.
/// </para>
/// <para>
/// An instance is shared by every detector and thread that uses the catalog it was added to, so it
/// must be immutable and its measure methods thread-safe. An <see cref="ArgumentException"/> or
/// <see cref="InvalidOperationException"/> thrown by a measure method reaches the caller of
/// <see cref="DatasetDriftDetector.Detect"/>, an <see cref="InvalidOperationException"/> with the
/// feature's name in front of its message. In continuous checks, a drifted distance whose lower
/// statistic means drift raises a warning alert, never a critical one.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// // One file: the method.
/// public sealed class MeanDifference : DriftMethod
/// {
///     public override string Name =&gt; "meandiff";
///     public override string Description =&gt; "Absolute difference of the means, in reference standard deviations";
///     public override IReadOnlyList&lt;FeatureKind&gt; Kinds { get; } = [FeatureKind.Numeric];
///     public override bool HasPValue =&gt; false;
///     public override bool HigherStatisticMeansDrift =&gt; true;
///     public override double DefaultThreshold =&gt; 0.5;
///
///     public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan&lt;double&gt; current)
///     {
///         var mean = 0.0;
///         foreach (var value in current) mean += value / current.Length;
///         return new(Math.Abs(mean - reference.Mean) / reference.StandardDeviation, PValue: null);
///     }
/// }
///
/// // One line: the registration; then the method is chosen by name.
/// options.Catalog.Add(new MeanDifference());
/// options.Methods["amount"] = new FeatureDriftMethod("meandiff", 0.5);
/// </code>
/// </example>
public abstract class DriftMethod
{
    /// <summary>
    /// Gets the name by which the method is chosen (<see cref="FeatureDriftMethod.Method"/>), reported
    /// (<see cref="FeatureDriftResult.Method"/>) and stored: lower-case ASCII letters, digits, '_' and
    /// '-', starting with a letter, unique within a catalog.
    /// </summary>
    public abstract string Name { get; }

    /// <summary>Gets a one-line description for help texts and reports, such as what the statistic measures and in which unit.</summary>
    public abstract string Description { get; }

    /// <summary>Gets the feature kinds the method applies to; at least one.</summary>
    public abstract IReadOnlyList<FeatureKind> Kinds { get; }

    /// <summary>
    /// Gets whether the method is a hypothesis test whose p-value decides drift; otherwise it is a
    /// distance whose statistic decides.
    /// </summary>
    public abstract bool HasPValue { get; }

    /// <summary>
    /// Gets whether a higher statistic means more drift. Only distances are read this way; a test's
    /// p-value decides whatever its statistic's direction.
    /// </summary>
    public abstract bool HigherStatisticMeansDrift { get; }

    /// <summary>
    /// Gets the threshold used when none is given, such as on the command line without
    /// <c>--threshold</c>: a p-value in (0, 1) for a test, a positive and finite value for a distance.
    /// </summary>
    public abstract double DefaultThreshold { get; }

    /// <summary>Compares a numeric feature's current values with its reference profile.</summary>
    /// <param name="reference">The reference profile, with its sorted values and histogram.</param>
    /// <param name="current">The current values: non-empty, finite; lent for the call only, not in arrival order.</param>
    /// <returns>The statistic, and the p-value for a test.</returns>
    /// <exception cref="NotSupportedException">The method does not apply to numeric features (the default).</exception>
    public virtual DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        throw new NotSupportedException($"The drift method '{Name}' does not apply to numeric features.");

    /// <summary>Compares a categorical feature's current category counts with its reference counts.</summary>
    /// <param name="reference">
    /// The reference count per category: the reference's categories in order, then a zero for each
    /// category seen only in the current values.
    /// </param>
    /// <param name="current">The current count of the same categories, aligned with <paramref name="reference"/>.</param>
    /// <returns>The statistic, and the p-value for a test.</returns>
    /// <exception cref="NotSupportedException">The method does not apply to categorical features (the default).</exception>
    public virtual DriftMeasurement MeasureCategorical(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) =>
        throw new NotSupportedException($"The drift method '{Name}' does not apply to categorical features.");

    /// <summary>Returns the method's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;

    internal bool AppliesTo(FeatureKind kind) => Kinds.Contains(kind);

    internal string? ThresholdError(double threshold) => HasPValue
        ? threshold is > 0 and < 1 ? null : $"the p-value threshold of '{Name}' must lie in (0, 1), not {threshold}"
        : threshold > 0 && double.IsFinite(threshold) ? null : $"the distance threshold of '{Name}' must be positive and finite, not {threshold}";

    internal string ThresholdRule() => HasPValue
        ? $"'{Name}' is a test; its threshold is a p-value in (0, 1)"
        : $"'{Name}' is a distance; its threshold must be positive and finite";

    internal string KindsText() => string.Join(" and ", Kinds.Select(k => k.ToString().ToLowerInvariant()));
}
