namespace ModelMonitoring.Drift;

/// <summary>Checks the row-aligned numeric columns given to a <see cref="MultivariateDriftDetector"/>.</summary>
internal static class MultivariateColumns
{
    /// <summary>Returns the reference columns in the dictionary's order, checked.</summary>
    public static (string[] Names, double[][] Columns) Reference(IReadOnlyDictionary<string, double[]> columns, string paramName)
    {
        ArgumentNullException.ThrowIfNull(columns, paramName);
        if (columns.Count == 0)
        {
            throw new ArgumentException("The reference dataset needs at least one numeric column.", paramName);
        }

        var names = new string[columns.Count];
        var values = new double[columns.Count][];
        var j = 0;
        foreach (var (name, column) in columns)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A feature name is empty.", paramName);
            }

            names[j] = name;
            values[j++] = column ?? throw new ArgumentException($"Feature '{name}' has no column.", paramName);
        }

        Check(names, values, "reference", paramName);
        return (names, values);
    }

    /// <summary>Returns the current columns of <paramref name="features"/>, in that order, checked.</summary>
    public static double[][] Current(IReadOnlyDictionary<string, double[]> columns, IReadOnlyList<string> features, string paramName)
    {
        ArgumentNullException.ThrowIfNull(columns, paramName);
        var values = new double[features.Count][];
        for (var j = 0; j < features.Count; j++)
        {
            if (!columns.TryGetValue(features[j], out var column) || column is null)
            {
                throw new ArgumentException($"Feature '{features[j]}' of the reference is missing from the current data.", paramName);
            }

            values[j] = column;
        }

        Check(features, values, "current", paramName);
        return values;
    }

    private static void Check(IReadOnlyList<string> names, double[][] columns, string dataset, string paramName)
    {
        var rows = columns[0].Length;
        for (var j = 0; j < columns.Length; j++)
        {
            var column = columns[j];
            if (column.Length != rows)
            {
                throw new ArgumentException(
                    $"Feature '{names[j]}' has {column.Length} {dataset} rows; feature '{names[0]}' has {rows}. Columns must be row-aligned.", paramName);
            }

            for (var i = 0; i < column.Length; i++)
            {
                if (!double.IsFinite(column[i]))
                {
                    throw new ArgumentException(
                        $"Feature '{names[j]}' has a non-finite {dataset} value ({column[i]}) in row {i}; NaN and infinities are not allowed.", paramName);
                }
            }
        }

        if (rows == 0)
        {
            throw new ArgumentException($"The {dataset} dataset has no rows.", paramName);
        }
    }
}
