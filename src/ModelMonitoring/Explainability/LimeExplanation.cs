namespace ModelMonitoring.Explainability;

/// <summary>
/// A LIME explanation: a linear model fitted around one instance, in standardized units (as LIME's tabular explainer
/// reports it): the model's output near the instance is about <see cref="Intercept"/> + the sum over features of
/// <see cref="Coefficients"/>[j] × (x_j − mean_j) / std_j, with mean and std taken over the training rows.
/// </summary>
public sealed class LimeExplanation
{
    private readonly double[] _coefficients;

    internal LimeExplanation(double[] coefficients, double intercept, double score, double localPrediction, double prediction)
    {
        _coefficients = coefficients;
        Intercept = intercept;
        Score = score;
        LocalPrediction = localPrediction;
        Prediction = prediction;
    }

    /// <summary>
    /// Gets the local model's weight of each feature per standard deviation of that feature, in the order of the model's
    /// features (for a linear model f = sum w_j x_j + c, w_j × std_j). Divide by std_j for raw units.
    /// </summary>
    public ReadOnlySpan<double> Coefficients => _coefficients;

    /// <summary>Gets the local model's intercept (its output at the training means).</summary>
    public double Intercept { get; }

    /// <summary>Gets the local model's weighted R² on the perturbed rows (LIME's <c>score</c>): 1 is a perfect local fit.</summary>
    public double Score { get; }

    /// <summary>Gets the local model's output at the instance (LIME's <c>local_pred</c>).</summary>
    public double LocalPrediction { get; }

    /// <summary>Gets the model's output at the instance, f(x).</summary>
    public double Prediction { get; }
}
