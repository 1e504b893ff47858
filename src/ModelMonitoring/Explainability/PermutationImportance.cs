using System.Globalization;

namespace ModelMonitoring.Explainability;

/// <summary>
/// Permutation feature importance on labelled rows (Breiman; scikit-learn's <c>permutation_importance</c>): how much the
/// score drops when one feature's column is shuffled, breaking its link with the labels.
/// </summary>
public static class PermutationImportance
{
    private const int MaxRepeats = 10_000;
    private const int MaxRows = 10_000_000;

    /// <summary>Computes the importances with uniformly random permutations from <paramref name="seed"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="rows">The rows, row-major, <paramref name="featureCount"/> values each.</param>
    /// <param name="featureCount">The number of features of a row.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="scorer">The score, greater is better (<see cref="PermutationScorers"/>).</param>
    /// <param name="repeats">Permutations per feature, between 1 and 10,000 (scikit-learn's default is 5).</param>
    /// <param name="seed">The seed of the permutations.</param>
    /// <returns>The importances.</returns>
    public static PermutationImportanceResult Compute(BatchPredictor model, ReadOnlySpan<double> rows, int featureCount, ReadOnlySpan<double> labels, PermutationScorer scorer, int repeats, int seed)
        => Compute(model, rows, featureCount, labels, scorer, repeats, new SeededPermutationSource(seed));

    /// <summary>Computes the importances with the row orders of <paramref name="permutations"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="rows">The rows, row-major, <paramref name="featureCount"/> values each.</param>
    /// <param name="featureCount">The number of features of a row.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="scorer">The score, greater is better (<see cref="PermutationScorers"/>).</param>
    /// <param name="repeats">Permutations per feature, between 1 and 10,000.</param>
    /// <param name="permutations">The row order of each feature and repeat.</param>
    /// <returns>The importances.</returns>
    public static PermutationImportanceResult Compute(BatchPredictor model, ReadOnlySpan<double> rows, int featureCount, ReadOnlySpan<double> labels, PermutationScorer scorer, int repeats, IPermutationSource permutations)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(permutations);
        var rowCount = ExplainerArguments.RowCount(rows, featureCount, nameof(rows), MaxRows);
        if (labels.Length != rowCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"labels must have one value per row ({rowCount}); it has {labels.Length}."), nameof(labels));
        }

        if (repeats is < 1 or > MaxRepeats)
        {
            throw new ArgumentOutOfRangeException(nameof(repeats), repeats, string.Create(CultureInfo.InvariantCulture, $"repeats must be between 1 and {MaxRepeats:N0}."));
        }

        var permuted = rows.ToArray();
        var outputs = new double[rowCount];
        var order = new int[rowCount];
        var seen = new bool[rowCount];
        model(permuted, outputs);
        var baseline = scorer(labels, outputs);
        var importances = new double[featureCount * repeats];
        for (var j = 0; j < featureCount; j++)
        {
            for (var r = 0; r < repeats; r++)
            {
                permutations.GetOrder(j, r, order);
                CheckPermutation(order, seen, j, r);
                for (var i = 0; i < rowCount; i++)
                {
                    permuted[(i * featureCount) + j] = rows[(order[i] * featureCount) + j];
                }

                model(permuted, outputs);
                importances[(j * repeats) + r] = baseline - scorer(labels, outputs);
            }

            for (var i = 0; i < rowCount; i++)
            {
                permuted[(i * featureCount) + j] = rows[(i * featureCount) + j];
            }
        }

        return new PermutationImportanceResult(baseline, importances, featureCount, repeats);
    }

    private static void CheckPermutation(int[] order, bool[] seen, int feature, int repeat)
    {
        Array.Clear(seen);
        foreach (var index in order)
        {
            if ((uint)index >= (uint)order.Length || seen[index])
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The permutation source gave feature {feature}, repeat {repeat} an order that is not a permutation of 0..{order.Length - 1} (index {index})."));
            }

            seen[index] = true;
        }
    }
}
