using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli;

/// <summary>
/// One file's summary of one column: its rows, the share of them missing, and for numbers the mean
/// and the 5th, 50th and 95th percentiles (linear interpolation, as <c>np.quantile</c>), for
/// categories their number. Statistics that do not apply are NaN, and categories 0 for numbers.
/// </summary>
internal sealed record SideSummary(int Rows, int Count, double Mean, double P5, double P50, double P95, int Categories)
{
    public double MissingShare => (double)(Rows - Count) / Rows;

    public static SideSummary Numeric(int rows, int count, ReadOnlySpan<double> sorted)
    {
        var sum = 0.0;
        foreach (var x in sorted)
        {
            sum += x;
        }

        return new SideSummary(
            rows,
            count,
            sum / sorted.Length,
            Descriptive.Quantile(sorted, 0.05),
            Descriptive.Quantile(sorted, 0.5),
            Descriptive.Quantile(sorted, 0.95),
            0);
    }

    public static SideSummary Categorical(int rows, int count, int categories) =>
        new(rows, count, double.NaN, double.NaN, double.NaN, double.NaN, categories);
}
