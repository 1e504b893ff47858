namespace ModelMonitoring.Explainability;

/// <summary>
/// Shapley attributions of one prediction: <see cref="BaseValue"/> plus the sum of <see cref="Attributions"/> equals
/// <see cref="Prediction"/>.
/// </summary>
public sealed class ShapExplanation
{
    private readonly double[] _attributions;

    internal ShapExplanation(double[] attributions, double baseValue, double prediction, bool exact)
    {
        _attributions = attributions;
        BaseValue = baseValue;
        Prediction = prediction;
        IsExact = exact;
    }

    /// <summary>Gets one attribution per feature, in the order of the model's features.</summary>
    public ReadOnlySpan<double> Attributions => _attributions;

    /// <summary>Gets the expected output over the background, E[f(background)].</summary>
    public double BaseValue { get; }

    /// <summary>Gets the model's output for the explained instance, f(x).</summary>
    public double Prediction { get; }

    /// <summary>Gets whether the attributions are exact Shapley values (every coalition evaluated) rather than sampled estimates.</summary>
    public bool IsExact { get; }
}
