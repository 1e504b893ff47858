namespace ModelMonitoring.Explainability;

/// <summary>
/// Supplies the row orders of <see cref="PermutationImportance"/>: pass your own to replay the permutations of another
/// tool (scikit-learn's, for instance), or use <see cref="SeededPermutationSource"/>.
/// </summary>
public interface IPermutationSource
{
    /// <summary>
    /// Writes the row order of one repeat of one feature: the permuted column is column[order[0]], column[order[1]], ...
    /// </summary>
    /// <param name="feature">The feature index.</param>
    /// <param name="repeat">The repeat index, from 0.</param>
    /// <param name="order">Receives a permutation of 0 .. order.Length - 1.</param>
    void GetOrder(int feature, int repeat, Span<int> order);
}
