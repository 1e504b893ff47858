namespace ModelMonitoring.Drift;

/// <summary>Decides whether a feature's current values were drawn from a different distribution than its reference values.</summary>
public interface IDriftDetector
{
    /// <summary>Gets the method's name, such as <c>ks</c>.</summary>
    string Method { get; }

    /// <summary>Compares current values with reference values of one numeric feature.</summary>
    /// <param name="reference">The reference values.</param>
    /// <param name="current">The current values.</param>
    /// <returns>The outcome.</returns>
    DriftResult Detect(ReadOnlySpan<double> reference, ReadOnlySpan<double> current);
}
