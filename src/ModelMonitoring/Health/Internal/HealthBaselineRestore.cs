using ModelMonitoring.Storage;

namespace ModelMonitoring.Health.Internal;

/// <summary>
/// Finds a model's learned health baselines in its latest stored score (<see cref="HealthScorer.Emit"/> keeps them in
/// the score's metadata), so that a restarted process or a new fleet leader scores against the baselines learned before.
/// </summary>
internal static class HealthBaselineRestore
{
    // Shortest first: a running model has a score within the hour; one idle for longer is found in the wider spans, each
    // read through the store's (model, metric, time) index. Scores older than the last span are not looked for.
    private static readonly TimeSpan[] Spans = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(30)];

    /// <summary>Restores the baselines of the latest stored score that has any; returns whether one was found.</summary>
    public static async Task<bool> RestoreAsync(HealthScorer scorer, string model, IWindowMetricReader reader, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var span in Spans)
        {
            var scores = await reader.GetWindowMetricsAsync(model, HealthMetricNames.Score, now - span, now, cancellationToken).ConfigureAwait(false);
            for (var i = scores.Count - 1; i >= 0; i--)
            {
                if (scorer.Restore(scores[i].Metadata))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
