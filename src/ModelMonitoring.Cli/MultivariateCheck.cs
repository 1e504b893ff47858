using ModelMonitoring.Drift;
using ModelMonitoring.Drift.Csv;

namespace ModelMonitoring.Cli;

/// <summary>
/// Runs <see cref="MultivariateDriftDetector"/> on the selected numeric columns for
/// <c>--multivariate</c>, with reference chunks the size of the current file (at most a tenth of
/// the reference, so that there are at least ten), which calibrates the reconstruction error's
/// bounds for a dataset of the current file's size.
/// </summary>
internal static class MultivariateCheck
{
    public static MultivariateReport Run(DriftInput input)
    {
        var columns = input.NumericColumns.ToArray();
        if (columns.Length < 2)
        {
            throw new UsageException($"Option '--multivariate' needs at least two numeric columns; {columns.Length} selected.");
        }

        var (reference, current) = (input.Reference, input.Current);
        var referenceColumns = Aligned(reference, columns);
        var currentColumns = Aligned(current, columns);
        var options = new MultivariateDriftOptions
        {
            ChunkSize = Math.Max(1, Math.Min(current.RowCount, reference.RowCount / 10)),
        };

        try
        {
            var detector = MultivariateDriftDetector.Fit(referenceColumns, options);
            return new MultivariateReport(detector, detector.Detect(currentColumns));
        }
        catch (ArgumentException e)
        {
            // Too few rows or a constant column: input problems, and the message names the feature.
            throw new UsageException($"Option '--multivariate': {ColumnFailure.Reason(e)}", e);
        }
        catch (Exception e)
        {
            // A fault on unusual values (such as ±1e308): named by its columns rather than a crash.
            var names = string.Join(", ", columns.Select(c => $"'{c}'"));
            throw new UsageException($"Option '--multivariate' failed on columns {names}: {ColumnFailure.Reason(e)}", e);
        }
    }

    // Principal components need whole rows: every numeric value must be present.
    private static Dictionary<string, double[]> Aligned(CsvTable table, string[] columns)
    {
        var aligned = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var name in columns)
        {
            table.TryGetColumn(name, out var column);
            if (column.FirstMissingLine > 0)
            {
                throw new UsageException($"{table.Name} line {column.FirstMissingLine}: column '{name}' has a missing value; '--multivariate' needs a value in every row of the numeric columns.");
            }

            aligned[name] = column.PresentNumbers();
        }

        return aligned;
    }
}
