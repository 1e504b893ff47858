namespace ModelMonitoring.Drift;

/// <summary>
/// Leaves missing values out of a column: NaN numbers and null categories (see <see cref="Recording.MissingValueHandling"/>).
/// A column without any is returned as it is, so the common case copies nothing.
/// </summary>
internal static class MissingValues
{
    public static double[] Present(double[] column, out long missing)
    {
        missing = 0;
        foreach (var value in column)
        {
            missing += double.IsNaN(value) ? 1 : 0;
        }

        if (missing == 0)
        {
            return column;
        }

        var present = new double[column.Length - missing];
        var i = 0;
        foreach (var value in column)
        {
            if (!double.IsNaN(value))
            {
                present[i++] = value;
            }
        }

        return present;
    }

    public static string[] Present(string?[] column, out long missing)
    {
        missing = 0;
        foreach (var value in column)
        {
            missing += value is null ? 1 : 0;
        }

        return missing == 0 ? (string[])(object)column : [.. column.OfType<string>()];
    }

    /// <summary>Keeps the rows in which no column is missing (row-aligned columns of equal length), for checks that read rows whole.</summary>
    public static IReadOnlyDictionary<string, double[]> CompleteRows(IReadOnlyDictionary<string, double[]> columns)
    {
        var all = columns.Values.ToArray();
        var rows = all.Length == 0 ? 0 : all.Min(c => c.Length);
        var keep = new bool[rows];
        var kept = 0;
        for (var row = 0; row < rows; row++)
        {
            keep[row] = true;
            foreach (var column in all)
            {
                keep[row] &= !double.IsNaN(column[row]);
            }

            kept += keep[row] ? 1 : 0;
        }

        if (kept == rows)
        {
            return columns;
        }

        var complete = new Dictionary<string, double[]>(columns.Count, StringComparer.Ordinal);
        foreach (var (name, column) in columns)
        {
            var values = new double[kept];
            var i = 0;
            for (var row = 0; row < rows; row++)
            {
                if (keep[row])
                {
                    values[i++] = column[row];
                }
            }

            complete.Add(name, values);
        }

        return complete;
    }
}
