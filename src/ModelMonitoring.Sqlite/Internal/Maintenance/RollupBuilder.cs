using Microsoft.Data.Sqlite;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Trends;

namespace ModelMonitoring.Sqlite.Internal.Maintenance;

/// <summary>
/// Rolls closed hours and days up, model by model, each bucket in one transaction that replaces its rows (so
/// running it again is harmless) and moves the model's progress on; at most a budget of buckets per run.
/// </summary>
/// <remarks>
/// A bucket is rolled up <see cref="Delay"/> after it closes, so batches still buffered when it closed are in it.
/// A model starts at its first stored prediction (or the raw retention's start, when later).
/// </remarks>
internal static class RollupBuilder
{
    /// <summary>How long after a bucket closes it is rolled up.</summary>
    internal static readonly TimeSpan Delay = TimeSpan.FromMinutes(5);

    private static readonly TrendResolution[] Resolutions = [TrendResolution.Hour, TrendResolution.Day];

    /// <summary>Rolls up closed buckets with at most <paramref name="budget"/> buckets.</summary>
    /// <returns>The buckets rolled up, and whether closed buckets may be left (the budget ran out).</returns>
    public static (int Buckets, bool More) Run(SqliteConnection connection, TimeSpan? rawRetention, DateTimeOffset now, int budget)
    {
        var rolled = 0;
        foreach (var model in ModelKeys.ReadNames(connection))
        {
            foreach (var resolution in Resolutions)
            {
                var length = BucketLength(resolution);
                var closedBy = UnixMicroseconds.FromTimestamp(now - Delay);
                if (Start(connection, model, resolution, rawRetention, now) is not { } next)
                {
                    continue;
                }

                for (; next + length <= closedBy; next += length)
                {
                    if (rolled == budget)
                    {
                        return (rolled, true);
                    }

                    Roll(connection, model, resolution, next, next + length);
                    rolled++;
                }
            }
        }

        return (rolled, false);
    }

    /// <summary>The length of a bucket in microseconds.</summary>
    internal static long BucketLength(TrendResolution resolution) =>
        (resolution == TrendResolution.Hour ? TimeSpan.TicksPerHour : TimeSpan.TicksPerDay) / 10;

    private static long? Start(SqliteConnection connection, string model, TrendResolution resolution, TimeSpan? rawRetention, DateTimeOffset now)
    {
        if (Scalar(connection, RollupSql.ReadProgress, model, resolution) is long progress)
        {
            return progress;
        }

        if (Scalar(connection, RollupSql.FirstPrediction, model, resolution) is not long first)
        {
            return null;
        }

        if (rawRetention is { } retention)
        {
            first = Math.Max(first, UnixMicroseconds.FromTimestamp(now - retention));
        }

        var length = BucketLength(resolution);
        return first - (((first % length) + length) % length);
    }

    private static void Roll(SqliteConnection connection, string model, TrendResolution resolution, long from, long to)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$resolution", (int)resolution);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        foreach (var sql in (ReadOnlySpan<string>)[RollupSql.Clear, RollupSql.Volume, RollupSql.Performance, RollupSql.Drift, RollupSql.Health, RollupSql.Estimated, RollupSql.SaveProgress])
        {
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static object? Scalar(SqliteConnection connection, string sql, string model, TrendResolution resolution)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$resolution", (int)resolution);
        return command.ExecuteScalar();
    }
}
