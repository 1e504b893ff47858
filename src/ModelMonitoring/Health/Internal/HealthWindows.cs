using ModelMonitoring.Aggregation;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Health.Internal;

/// <summary>The windows closed in one worker cycle, read back from the window metrics the cycle put in its batch.</summary>
internal static class HealthWindows
{
    /// <summary>One closed window: its bounds and its window metrics by name.</summary>
    public sealed record Window(DateTimeOffset Start, DateTimeOffset End, Dictionary<string, double> Values);

    /// <summary>
    /// Groups the batch's window metrics by window, oldest first, keeping the windows that had predictions (a window
    /// with labels only has nothing to score). Health metrics are not window metrics of <see cref="WindowMetricNames"/>, so they are left out.
    /// </summary>
    public static List<Window> Collect(ReadOnlySpan<MetricRecord> metrics)
    {
        List<Window>? windows = null;
        foreach (ref readonly var metric in metrics)
        {
            if (metric.WindowStart is not { } start || !WindowMetricNames.IsWindowMetric(metric.Name))
            {
                continue;
            }

            windows ??= [];
            var window = windows.Find(w => w.Start == start);
            if (window is null)
            {
                window = new Window(start, metric.Timestamp, new Dictionary<string, double>(StringComparer.Ordinal));
                windows.Add(window);
            }

            window.Values[metric.Name] = metric.Value;
        }

        if (windows is null)
        {
            return [];
        }

        windows.RemoveAll(w => !w.Values.ContainsKey(WindowMetricNames.PredictionCount));
        windows.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return windows;
    }
}
