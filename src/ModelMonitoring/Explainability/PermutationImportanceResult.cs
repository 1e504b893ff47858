namespace ModelMonitoring.Explainability;

/// <summary>
/// Permutation importances, as scikit-learn's <c>permutation_importance</c> returns them: per feature and repeat the
/// baseline score minus the score with that feature's column permuted, their mean and standard deviation.
/// </summary>
public sealed class PermutationImportanceResult
{
    private readonly double[] _importances;
    private readonly double[] _means;
    private readonly double[] _standardDeviations;

    internal PermutationImportanceResult(double baselineScore, double[] importances, int featureCount, int repeats)
    {
        BaselineScore = baselineScore;
        _importances = importances;
        FeatureCount = featureCount;
        Repeats = repeats;
        _means = new double[featureCount];
        _standardDeviations = new double[featureCount];
        for (var j = 0; j < featureCount; j++)
        {
            var values = GetImportances(j);
            var mean = 0.0;
            foreach (var value in values)
            {
                mean += value;
            }

            mean /= repeats;
            var squares = 0.0;
            foreach (var value in values)
            {
                squares += (value - mean) * (value - mean);
            }

            _means[j] = mean;
            _standardDeviations[j] = Math.Sqrt(squares / repeats);
        }
    }

    /// <summary>Gets the score of the model on the rows as given.</summary>
    public double BaselineScore { get; }

    /// <summary>Gets the number of features.</summary>
    public int FeatureCount { get; }

    /// <summary>Gets the number of permutations per feature.</summary>
    public int Repeats { get; }

    /// <summary>Gets the mean importance of each feature (scikit-learn's <c>importances_mean</c>).</summary>
    public ReadOnlySpan<double> ImportancesMean => _means;

    /// <summary>Gets the population standard deviation of each feature's importances (scikit-learn's <c>importances_std</c>).</summary>
    public ReadOnlySpan<double> ImportancesStd => _standardDeviations;

    /// <summary>Gets the importance of each repeat for one feature (a row of scikit-learn's <c>importances</c>).</summary>
    /// <param name="feature">The feature index.</param>
    /// <returns>One importance per repeat.</returns>
    public ReadOnlySpan<double> GetImportances(int feature) => _importances.AsSpan(feature * Repeats, Repeats);
}
