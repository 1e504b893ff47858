namespace ModelMonitoring.Drift;

/// <content>Which numeric values were seen together in a row, for the multivariate check.</content>
public sealed partial class ReferenceProfile
{
    /// <summary>
    /// Gets, per numeric feature (in <see cref="NumericFeatures"/> order) and per row, the index of the
    /// row's value in the feature's sorted values, or <see langword="null"/> when the rows are not kept.
    /// It keeps which values were seen together, which the sorted values alone lose, for the multivariate
    /// check; it is stored with the profile.
    /// </summary>
    internal int[][]? RowOrder { get; }

    // Row-aligned columns of the profiled numeric features (same order, each as long as the row count) give the row order.
    internal static int[][]? RowOrderOf(FeatureProfile[] numeric, IReadOnlyList<double[]> columns)
    {
        if (numeric.Length == 0 || columns.Count != numeric.Length || columns.Any(c => c.Length != columns[0].Length))
        {
            return null;
        }

        var order = new int[numeric.Length][];
        for (var f = 0; f < numeric.Length; f++)
        {
            var sorted = numeric[f].Sample.Values;
            var indices = order[f] = new int[columns[f].Length];
            for (var row = 0; row < indices.Length; row++)
            {
                // Any index holding an equal value will do: only the value is read back.
                indices[row] = sorted.BinarySearch<double, double>(columns[f][row]);
            }
        }

        return order;
    }

    /// <summary>Returns the numeric columns in row order (fresh arrays), or <see langword="null"/> without <see cref="RowOrder"/>.</summary>
    internal Dictionary<string, double[]>? RowAlignedNumericColumns()
    {
        if (RowOrder is not { } order)
        {
            return null;
        }

        var columns = new Dictionary<string, double[]>(NumericFeatures.Count, StringComparer.Ordinal);
        for (var f = 0; f < NumericFeatures.Count; f++)
        {
            var sorted = NumericFeatures[f].Sample.Values;
            var column = new double[order[f].Length];
            for (var row = 0; row < column.Length; row++)
            {
                column[row] = sorted[order[f][row]];
            }

            columns.Add(NumericFeatures[f].Name, column);
        }

        return columns;
    }
}
