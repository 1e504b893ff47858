using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ModelMonitoring.Sqlite.Internal.Maintenance;

/// <summary>
/// Rolls closed hours and days up and enforces the retention, in small bounded steps run by the worker after a batch
/// was written (the caller holds the store's write lock). Recording never waits for it: the hot path only fills the
/// ring buffers. A run does at most <see cref="BucketBudget"/> roll-ups and <see cref="DeleteBudget"/> deleting
/// statements; when work is left the next batch continues it, otherwise the next run is <see cref="Interval"/> later.
/// </summary>
/// <remarks>
/// Ages are measured back from the newest prediction this store has written or the clock, whichever is earlier, so a
/// clock running ahead of the data (a backfill of history, a test on fixed dates) neither deletes what was just written
/// nor rolls up buckets that are still filling. A failed run is logged and tried again <see cref="Interval"/> later; it
/// never fails the batch.
/// </remarks>
internal sealed class SqliteMaintenance(SqliteStorageOptions options, TimeProvider clock, ILogger logger, string path)
{
    internal static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    internal const int BucketBudget = 24;

    internal const int DeleteBudget = 8;

    private DateTimeOffset _next = DateTimeOffset.MinValue;
    private DateTimeOffset _newest = DateTimeOffset.MinValue;

    /// <summary>Notes the newest prediction of a batch just written, then runs a step when one is due.</summary>
    public void RunIfDue(SqliteConnection connection, ModelMonitoring.Storage.MonitoringBatch batch)
    {
        foreach (var prediction in batch.Predictions.Span)
        {
            if (prediction.Timestamp > _newest)
            {
                _newest = prediction.Timestamp;
            }
        }

        var now = clock.GetUtcNow();
        if (now < _next || _newest == DateTimeOffset.MinValue)
        {
            return;
        }

        var asOf = _newest < now ? _newest : now;
        try
        {
            var (buckets, moreBuckets) = RollupBuilder.Run(connection, options.RawPredictionRetention, asOf, BucketBudget);
            var (deleted, moreRows) = RetentionPruner.Prune(connection, options, asOf, DeleteBudget);
            if (buckets > 0 || deleted > 0)
            {
                Log.MaintenanceRan(logger, path, buckets, deleted);
            }

            _next = moreBuckets || moreRows ? now : now + Interval;
        }
        catch (SqliteException ex)
        {
            _next = now + Interval;
            Log.MaintenanceFailed(logger, ex, path);
        }
    }
}
