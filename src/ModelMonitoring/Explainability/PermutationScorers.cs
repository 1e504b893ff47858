namespace ModelMonitoring.Explainability;

/// <summary>Scorers that compute what scikit-learn's scorers of the same names compute.</summary>
public static class PermutationScorers
{
    /// <summary>Gets the coefficient of determination (<c>"r2"</c>, a regressor's default score); 1 or 0 for constant labels, as scikit-learn.</summary>
    public static PermutationScorer R2 { get; } = static (labels, predictions) =>
    {
        var mean = 0.0;
        foreach (var label in labels)
        {
            mean += label;
        }

        mean /= labels.Length;
        var residual = 0.0;
        var total = 0.0;
        for (var i = 0; i < labels.Length; i++)
        {
            residual += (labels[i] - predictions[i]) * (labels[i] - predictions[i]);
            total += (labels[i] - mean) * (labels[i] - mean);
        }

        return total == 0 ? (residual == 0 ? 1.0 : 0.0) : 1.0 - (residual / total);
    };

    /// <summary>Gets the share of predictions equal to their label (<c>"accuracy"</c>, a classifier's default score).</summary>
    public static PermutationScorer Accuracy { get; } = static (labels, predictions) =>
    {
        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == predictions[i])
            {
                correct++;
            }
        }

        return (double)correct / labels.Length;
    };

    /// <summary>Gets minus the mean squared error (<c>"neg_mean_squared_error"</c>).</summary>
    public static PermutationScorer NegativeMeanSquaredError { get; } = static (labels, predictions) =>
    {
        var sum = 0.0;
        for (var i = 0; i < labels.Length; i++)
        {
            sum += (labels[i] - predictions[i]) * (labels[i] - predictions[i]);
        }

        return -sum / labels.Length;
    };
}
